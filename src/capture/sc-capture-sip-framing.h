#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* SIP recognised by content, whatever the port, and cut out of a stream by Content-Length
 * (RFC 3261 §18.3). Framing reads only the start line and the Content-Length header: whether
 * the message is well formed is the parser's to say, after it has been cut out. */

typedef enum {
  SC_CAPTURE_SIP_NO,
  SC_CAPTURE_SIP_YES,
  SC_CAPTURE_SIP_MAYBE,          /* too few bytes to tell yet */
} ScCaptureSipVerdict;

typedef enum {
  SC_CAPTURE_FRAME_COMPLETE,     /* @size bytes are one message */
  SC_CAPTURE_FRAME_INCOMPLETE,   /* more bytes are needed */
  SC_CAPTURE_FRAME_NO_LENGTH,    /* headers end after @size bytes, no usable Content-Length */
  SC_CAPTURE_FRAME_TOO_LARGE,    /* past SC_SIP_MAX_MESSAGE_SIZE */
} ScCaptureFrame;

gsize               sc_capture_sip_skip_crlf   (const guint8 *data,
                                                gsize         len);
ScCaptureSipVerdict sc_capture_sip_starts      (const guint8 *data,
                                                gsize         len);
gssize              sc_capture_sip_find_start  (const guint8 *data,
                                                gsize         len);
ScCaptureFrame      sc_capture_sip_frame       (const guint8 *data,
                                                gsize         len,
                                                gsize        *size);
gboolean            sc_capture_is_tls_record   (const guint8 *data,
                                                gsize         len);

G_END_DECLS
