#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A connected UDP socket to one peer (TCP and TLS come next). Receiving is driven by the
 * thread-default main context, so nothing here ever blocks it. */

typedef void (*ScSipDatagramFunc) (GBytes       *datagram,
                                   gpointer      user_data);
typedef void (*ScSipTransportErrorFunc) (const GError *error,
                                         gpointer      user_data);

typedef struct _ScSipTransport ScSipTransport;

ScSipTransport *sc_sip_transport_udp_new      (GInetSocketAddress      *remote,
                                               GError                 **error);
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
