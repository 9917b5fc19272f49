#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A capture written through libpcap's own dump (raw IP link type): the probe's exchange as
 * packets a vendor's Wireshark opens. UDP and TCP go as themselves (TCP with a running sequence
 * per direction); TLS, whose bytes on the wire only the two ends can read, goes as its
 * plaintext in HEP v3 (the Homer encapsulation Wireshark and `sip-codes capture` decode). */
#define SC_TYPE_CAPTURE_WRITER (sc_capture_writer_get_type ())
G_DECLARE_FINAL_TYPE (ScCaptureWriter, sc_capture_writer, SC, CAPTURE_WRITER, GObject)

ScCaptureWriter *sc_capture_writer_new   (const char        *path,
                                          GError           **error);
/* @transport: "udp", "tcp" or "tls"; @source and @destination: "ip:port" or "[v6]:port" */
gboolean         sc_capture_writer_add   (ScCaptureWriter   *self,
                                          gint64             time_us,
                                          const char        *transport,
                                          const char        *source,
                                          const char        *destination,
                                          GBytes            *payload,
                                          GError           **error);
gboolean         sc_capture_writer_close (ScCaptureWriter   *self,
                                          GError           **error);

G_END_DECLS
