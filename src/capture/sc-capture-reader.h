#pragma once

#include <stdio.h>

#include <glib-object.h>

#include "sc-capture-error.h"
#include "sc-capture-message.h"
#include "sc-capture-reader-stats.h"

G_BEGIN_DECLS

#define SC_TYPE_CAPTURE_READER (sc_capture_reader_get_type ())
G_DECLARE_FINAL_TYPE (ScCaptureReader, sc_capture_reader, SC, CAPTURE_READER, GObject)

/* Limits on what a reader holds at once, whatever the size of the file. */
#define SC_CAPTURE_MAX_TCP_STREAMS  65536
#define SC_CAPTURE_MAX_TCP_BUFFERED (64 * 1024 * 1024)
#define SC_CAPTURE_TCP_IDLE_US      (300 * G_USEC_PER_SEC)

ScCaptureReader            *sc_capture_reader_new_for_path  (const char       *path,
                                                             GError          **error);
ScCaptureReader            *sc_capture_reader_new_for_file  (FILE             *file,
                                                             const char       *name,
                                                             GError          **error);
ScCaptureMessage           *sc_capture_reader_next          (ScCaptureReader  *self,
                                                             GError          **error);
const ScCaptureReaderStats *sc_capture_reader_get_stats     (ScCaptureReader  *self);
int                         sc_capture_reader_get_link_type (ScCaptureReader  *self);
/* How far into the file reading has come, in bytes (-1 when libpcap cannot say): progress. */
gint64                      sc_capture_reader_get_offset    (ScCaptureReader  *self);

G_END_DECLS
