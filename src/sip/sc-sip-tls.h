#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How a TLS connection checks the server (RFC 5630, RFC 5922): by default its certificate must
 * chain to a trusted authority and name the host we asked for. */
typedef struct {
  const char *server_name;   /* the host of the target URI: what the certificate must name */
  const char *ca_file;       /* nullable: trust this PEM bundle instead of the system's */
  gboolean    accept_any;    /* take the certificate whatever is wrong with it */
} ScSipTlsSettings;

void       sc_sip_tls_handshake_async  (GIOStream              *base,
                                        const ScSipTlsSettings *settings,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
GIOStream *sc_sip_tls_handshake_finish (GAsyncResult           *result,
                                        GError                **error);
char      *sc_sip_tls_describe_problems (GTlsCertificateFlags   flags);

G_END_DECLS
