#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How a TLS connection checks the server (RFC 5630, RFC 5922): by default its certificate must
 * chain to a trusted authority and name the host we asked for. */
typedef struct {
  const char *server_name;   /* the host of the target URI: what the certificate must name */
  const char *ca_file;       /* nullable: trust this PEM bundle instead of the system's */
  gboolean    accept_any;    /* take the certificate whatever is wrong with it */
  const char *pinned_sha256; /* nullable: the fingerprint of the one certificate to take whatever
                              * is wrong with it ("AB:CD:…", or without colons, any case) */
} ScSipTlsSettings;

/* The certificate a TLS probe refused (SC_SIP_PROBE_ERROR_CERTIFICATE): what the user sees
 * before choosing to trust it for this server. */
typedef struct {
  char                 *server;      /* "host:port" as asked for: the key a trust choice is kept under */
  char                 *fingerprint; /* SHA-256 of the DER, upper-case hex pairs joined by ':' */
  char                 *subject;
  char                 *issuer;
  GDateTime            *not_before;  /* nullable */
  GDateTime            *not_after;   /* nullable */
  GTlsCertificateFlags  problems;
} ScSipCertificateInfo;

ScSipCertificateInfo *sc_sip_certificate_info_copy (const ScSipCertificateInfo *info);
void                  sc_sip_certificate_info_free (ScSipCertificateInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSipCertificateInfo, sc_sip_certificate_info_free)

void       sc_sip_tls_handshake_async  (GIOStream              *base,
                                        const ScSipTlsSettings *settings,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
GIOStream *sc_sip_tls_handshake_finish (GAsyncResult           *result,
                                        ScSipCertificateInfo  **refused,
                                        GError                **error);
char      *sc_sip_tls_describe_problems (GTlsCertificateFlags   flags);
char      *sc_sip_tls_fingerprint      (GTlsCertificate        *certificate);
char      *sc_sip_tls_normalize_fingerprint (const char        *text);

G_END_DECLS
