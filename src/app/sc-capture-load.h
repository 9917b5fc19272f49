#pragma once

#include <gio/gio.h>

#include "sc-capture-calls.h"
#include "sc-capture-reader.h"

G_BEGIN_DECLS

/* Reading a capture in a worker thread for the capture view: the calls reach the main thread
 * in batches as they end, with the progress, so the list fills as the file is read and the
 * window never waits; Cancel stops it. */
#define SC_TYPE_CAPTURE_LOAD (sc_capture_load_get_type ())
G_DECLARE_FINAL_TYPE (ScCaptureLoad, sc_capture_load, SC, CAPTURE_LOAD, GObject)

ScCaptureLoad              *sc_capture_load_new          (GFile          *file);
void                        sc_capture_load_start        (ScCaptureLoad  *self,
                                                          GCancellable   *cancellable);
GFile                      *sc_capture_load_get_file     (ScCaptureLoad  *self);
gboolean                    sc_capture_load_is_running   (ScCaptureLoad  *self);
/* Once "finished" was emitted: */
const ScCaptureReaderStats *sc_capture_load_get_reading  (ScCaptureLoad  *self);
const ScCaptureStats       *sc_capture_load_get_stats    (ScCaptureLoad  *self);
const GError               *sc_capture_load_get_error    (ScCaptureLoad  *self);

/* The messages of one Call-ID (ScCaptureCallMessage, in capture order), read again from @file
 * in a worker thread: the list keeps no message, so a large capture costs no more memory. */
void       sc_capture_load_call_messages_async  (GFile               *file,
                                                 const char          *call_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray *sc_capture_load_call_messages_finish (GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
