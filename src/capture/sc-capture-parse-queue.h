#pragma once

#include "sc-capture-message.h"

G_BEGIN_DECLS

/* Messages on their way out of a reader: parsed on worker threads in batches, handed out in
 * the order they were found. */
typedef struct _ScCaptureParseQueue ScCaptureParseQueue;

ScCaptureParseQueue *sc_capture_parse_queue_new     (guint                workers);
void                 sc_capture_parse_queue_free    (ScCaptureParseQueue *queue);
gboolean             sc_capture_parse_queue_push    (ScCaptureParseQueue *queue,
                                                     ScCaptureMessage    *message);
void                 sc_capture_parse_queue_flush   (ScCaptureParseQueue *queue);
gboolean             sc_capture_parse_queue_is_full (ScCaptureParseQueue *queue);
ScCaptureMessage    *sc_capture_parse_queue_pop     (ScCaptureParseQueue *queue,
                                                     gboolean             wait);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCaptureParseQueue, sc_capture_parse_queue_free)

G_END_DECLS
