#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ES256 (ECDSA on P-256 with SHA-256) as JWS uses it: the signature is r ‖ s, 32 bytes each
 * (RFC 7518 §3.4), not the DER that X.509 tools make. GnuTLS does the mathematics. */
#define SC_STIR_ES256_SIGNATURE_SIZE 64

/* @key_pem: a P-256 private key, PEM (PKCS#8 or SEC 1) */
GBytes   *sc_stir_es256_sign   (GBytes      *key_pem,
                                const char  *data,
                                gsize        len,
                                GError     **error);
/* @cert_pem: the signer's certificate, PEM; TRUE when @signature verifies over @data */
gboolean  sc_stir_es256_verify (GBytes      *cert_pem,
                                const char  *data,
                                gsize        len,
                                GBytes      *signature,
                                GError     **error);

G_END_DECLS
