#pragma once

#include <gio/gio.h>

#include "sc-sip-tls.h"

G_BEGIN_DECLS

/* A connection to one peer: a connected UDP socket, or a TCP stream, possibly under TLS.
 * Receiving and sending are driven by the thread-default main context, so nothing here ever
 * blocks it. Each callback gets one whole message's bytes: a datagram, or a message cut from
 * the stream by its Content-Length. */

/* @received_us: when the message arrived, on g_get_monotonic_time()'s clock; for UDP the
 * kernel's time of arrival, so that a busy main loop does not lengthen a round trip. */
typedef void (*ScSipDatagramFunc) (GBytes       *datagram,
                                   gint64        received_us,
                                   gpointer      user_data);
typedef void (*ScSipTransportErrorFunc) (const GError *error,
                                         gpointer      user_data);

typedef struct _ScSipTransport ScSipTransport;

ScSipTransport *sc_sip_transport_udp_new      (GInetSocketAddress      *remote,
                                               GError                 **error);
void            sc_sip_transport_tcp_connect_async (GInetSocketAddress *remote,
                                               const ScSipTlsSettings  *tls,
                                               GCancellable            *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
ScSipTransport *sc_sip_transport_tcp_connect_finish (GAsyncResult      *result,
                                               ScSipCertificateInfo   **refused,
                                               GError                 **error);
gboolean        sc_sip_transport_is_reliable  (ScSipTransport          *self);
const char     *sc_sip_transport_get_name     (ScSipTransport          *self);
void            sc_sip_transport_start        (ScSipTransport          *self,
                                               ScSipDatagramFunc        datagram,
                                               ScSipTransportErrorFunc  failed,
                                               gpointer                 user_data);
gboolean        sc_sip_transport_send         (ScSipTransport          *self,
                                               GBytes                  *bytes,
                                               GError                 **error);
const char     *sc_sip_transport_get_local_host (ScSipTransport        *self);
guint           sc_sip_transport_get_local_port (ScSipTransport        *self);
void            sc_sip_transport_free         (ScSipTransport          *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSipTransport, sc_sip_transport_free)

G_END_DECLS
