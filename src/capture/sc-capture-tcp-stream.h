#pragma once

#include "sc-capture-packet.h"
#include "sc-capture-reader-stats.h"

G_BEGIN_DECLS

/* One direction of a TCP connection: segments put in sequence order (out-of-order arrival,
 * retransmissions and overlaps: the first copy of a byte wins) and SIP messages cut out by
 * Content-Length. What it holds is bounded: bytes in order up to one message (at most
 * SC_SIP_MAX_MESSAGE_SIZE), and at most SC_CAPTURE_TCP_MAX_HELD bytes beyond a hole, after
 * which the hole is given up on and reading resumes at the next start line. */
#define SC_CAPTURE_TCP_MAX_HELD (256 * 1024)

typedef enum {
  SC_CAPTURE_TCP_STREAM_UNKNOWN,      /* no data yet */
  SC_CAPTURE_TCP_STREAM_SIP,
  SC_CAPTURE_TCP_STREAM_NOT_SIP,      /* skipped from here on: */
  SC_CAPTURE_TCP_STREAM_TLS,
  SC_CAPTURE_TCP_STREAM_UNFRAMEABLE,
  SC_CAPTURE_TCP_STREAM_OVERFLOW,
} ScCaptureTcpStreamState;

typedef struct _ScCaptureTcpStream ScCaptureTcpStream;

ScCaptureTcpStream     *sc_capture_tcp_stream_new          (ScCaptureReaderStats *stats,
                                                            gboolean            tls_port);
void                    sc_capture_tcp_stream_free         (ScCaptureTcpStream *self);
void                    sc_capture_tcp_stream_add          (ScCaptureTcpStream *self,
                                                            const ScCaptureTcp *tcp,
                                                            const guint8       *payload,
                                                            gsize               len);
GBytes                 *sc_capture_tcp_stream_next         (ScCaptureTcpStream *self);
GBytes                 *sc_capture_tcp_stream_finish       (ScCaptureTcpStream *self);
void                    sc_capture_tcp_stream_abandon      (ScCaptureTcpStream *self);
gsize                   sc_capture_tcp_stream_get_buffered (ScCaptureTcpStream *self);
ScCaptureTcpStreamState sc_capture_tcp_stream_get_state    (ScCaptureTcpStream *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCaptureTcpStream, sc_capture_tcp_stream_free)

G_END_DECLS
