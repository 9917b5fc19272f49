#pragma once

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>

#include <glib.h>

G_BEGIN_DECLS

/* GnuTLS's functions, found when a PASSporT is first signed or verified rather than when the
 * program starts: the app's window comes up without loading GnuTLS and what it loads. */
typedef struct
{
  gnutls_free_function                   *free;  /* GnuTLS exports its free() as a variable */
  __typeof__ (gnutls_strerror)           *strerror;
  __typeof__ (gnutls_privkey_init)       *privkey_init;
  __typeof__ (gnutls_privkey_import_x509_raw) *privkey_import_x509_raw;
  __typeof__ (gnutls_privkey_get_pk_algorithm) *privkey_get_pk_algorithm;
  __typeof__ (gnutls_privkey_sign_data2) *privkey_sign_data2;
  __typeof__ (gnutls_privkey_deinit)     *privkey_deinit;
  __typeof__ (gnutls_decode_rs_value)    *decode_rs_value;
  __typeof__ (gnutls_encode_rs_value)    *encode_rs_value;
  __typeof__ (gnutls_x509_crt_init)      *x509_crt_init;
  __typeof__ (gnutls_x509_crt_import)    *x509_crt_import;
  __typeof__ (gnutls_x509_crt_deinit)    *x509_crt_deinit;
  __typeof__ (gnutls_pubkey_init)        *pubkey_init;
  __typeof__ (gnutls_pubkey_import_x509) *pubkey_import_x509;
  __typeof__ (gnutls_pubkey_get_pk_algorithm) *pubkey_get_pk_algorithm;
  __typeof__ (gnutls_pubkey_verify_data2) *pubkey_verify_data2;
  __typeof__ (gnutls_pubkey_deinit)      *pubkey_deinit;
} ScStirGnutls;

const ScStirGnutls *sc_stir_gnutls_get (GError **error);

G_END_DECLS
