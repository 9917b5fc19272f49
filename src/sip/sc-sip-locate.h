#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  SC_SIP_TRANSPORT_UDP,
  SC_SIP_TRANSPORT_TCP,
  SC_SIP_TRANSPORT_TLS,
} ScSipTransportKind;

/* Where a request for a SIP URI goes (RFC 3263 §4): the host to look up for A/AAAA, the port
 * and the transport, from SRV records when the URI leaves them open. */
typedef struct {
  char               *host;
  guint               port;
  ScSipTransportKind  transport;
  gboolean            from_srv;
} ScSipLocation;

void           sc_sip_locate_async   (const char          *host,
                                      guint                port,
                                      gboolean             sips,
                                      int                  transport,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
ScSipLocation *sc_sip_locate_finish  (GAsyncResult        *result,
                                      GError             **error);
void           sc_sip_location_free  (ScSipLocation       *location);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSipLocation, sc_sip_location_free)

G_END_DECLS
