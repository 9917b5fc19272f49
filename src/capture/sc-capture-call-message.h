#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A copy of one message of a call, kept only when asked (for the ladder diagram): its bytes,
 * when it was captured and between which ends. */
typedef struct {
  GBytes  *bytes;
  gint64   time_us;
  guint64  index;       /* which message of the capture it was: 0 for the first added */
  char    *src;         /* "ip:port" or "[v6]:port" */
  char    *dst;
  char    *transport;
  gboolean retransmission;
} ScCaptureCallMessage;

ScCaptureCallMessage *sc_capture_call_message_new  (GBytes               *bytes,
                                                    gint64                time_us,
                                                    guint64               index,
                                                    const char           *src,
                                                    const char           *dst,
                                                    const char           *transport);
void                  sc_capture_call_message_free (ScCaptureCallMessage *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCaptureCallMessage, sc_capture_call_message_free)

G_END_DECLS
