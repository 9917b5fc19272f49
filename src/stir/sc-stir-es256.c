#define G_LOG_DOMAIN "sc-stir"

#include "sc-stir-es256.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-stir-error.h"
#include "sc-stir-gnutls.h"

static gboolean
gnutls_failed (const ScStirGnutls *gnutls,
               int                 code,
               ScStirError         kind,
               const char         *what,
               GError            **error)
{
  if (code >= 0)
    return FALSE;
  /* TRANSLATORS: what failed, then GnuTLS's reason (in English) */
  g_set_error (error, SC_STIR_ERROR, kind, _("%s: %s"), what, gnutls->strerror (code));
  return TRUE;
}

static void
free_datum (const ScStirGnutls *gnutls,
            gnutls_datum_t     *datum)
{
  if (datum->data != NULL)
    (*gnutls->free) (datum->data);
  datum->data = NULL;
}

/* r and s as 32 bytes each, left-padded: DER integers drop leading zeros and may add one. */
static gboolean
append_fixed (GByteArray           *out,
              const gnutls_datum_t *value)
{
  const guint8 *p = value->data;
  gsize len = value->size;

  while (len > 32 && *p == 0)
    {
      p++;
      len--;
    }
  if (len > 32)
    return FALSE;
  for (gsize i = len; i < 32; i++)
    g_byte_array_append (out, (const guint8 *) "\0", 1);
  g_byte_array_append (out, p, len);
  return TRUE;
}

GBytes *
sc_stir_es256_sign (GBytes      *key_pem,
                    const char  *data,
                    gsize        len,
                    GError     **error)
{
  const ScStirGnutls *gnutls = sc_stir_gnutls_get (error);
  gnutls_privkey_t key = NULL;
  gnutls_datum_t pem = { (unsigned char *) g_bytes_get_data (key_pem, NULL), g_bytes_get_size (key_pem) };
  gnutls_datum_t input = { (unsigned char *) data, len }, der = { NULL, 0 }, r = { NULL, 0 }, s = { NULL, 0 };
  GByteArray *out = NULL;
  unsigned int bits = 0;

  if (gnutls == NULL)
    return NULL;
  if (gnutls_failed (gnutls, gnutls->privkey_init (&key), SC_STIR_ERROR_CREDENTIAL, _("the private key cannot be used"), error) ||
      gnutls_failed (gnutls, gnutls->privkey_import_x509_raw (key, &pem, GNUTLS_X509_FMT_PEM, NULL, 0),
                     SC_STIR_ERROR_CREDENTIAL, _("the private key cannot be read (a PEM P-256 key is needed)"), error))
    goto out;
  if (gnutls->privkey_get_pk_algorithm (key, &bits) != GNUTLS_PK_ECDSA || bits != 256)
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_CREDENTIAL,
                           _("the private key is not a P-256 (prime256v1) EC key, which ES256 needs"));
      goto out;
    }
  if (gnutls_failed (gnutls, gnutls->privkey_sign_data2 (key, GNUTLS_SIGN_ECDSA_SHA256, 0, &input, &der),
                     SC_STIR_ERROR_CREDENTIAL, _("signing failed"), error) ||
      gnutls_failed (gnutls, gnutls->decode_rs_value (&der, &r, &s), SC_STIR_ERROR_CREDENTIAL, _("signing failed"), error))
    goto out;
  out = g_byte_array_sized_new (SC_STIR_ES256_SIGNATURE_SIZE);
  if (!append_fixed (out, &r) || !append_fixed (out, &s))
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_CREDENTIAL, _("signing gave a value too large for P-256"));
      g_clear_pointer (&out, g_byte_array_unref);
    }
out:
  free_datum (gnutls, &der);
  free_datum (gnutls, &r);
  free_datum (gnutls, &s);
  if (key != NULL)
    gnutls->privkey_deinit (key);
  return out ? g_byte_array_free_to_bytes (out) : NULL;
}

gboolean
sc_stir_es256_verify (GBytes      *cert_pem,
                      const char  *data,
                      gsize        len,
                      GBytes      *signature,
                      GError     **error)
{
  const ScStirGnutls *gnutls = sc_stir_gnutls_get (error);
  gnutls_x509_crt_t cert = NULL;
  gnutls_pubkey_t key = NULL;
  gnutls_datum_t pem = { (unsigned char *) g_bytes_get_data (cert_pem, NULL), g_bytes_get_size (cert_pem) };
  gnutls_datum_t input = { (unsigned char *) data, len }, der = { NULL, 0 };
  const guint8 *sig = g_bytes_get_data (signature, NULL);
  gnutls_datum_t r = { (unsigned char *) sig, 32 }, s = { (unsigned char *) sig + 32, 32 };
  unsigned int bits = 0;
  gboolean ok = FALSE;
  int rc;

  if (gnutls == NULL)
    return FALSE;
  if (g_bytes_get_size (signature) != SC_STIR_ES256_SIGNATURE_SIZE)
    {
      g_set_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                   _("an ES256 signature is 64 bytes (r ‖ s); this one is %llu"),
                   (unsigned long long) g_bytes_get_size (signature));
      return FALSE;
    }
  if (gnutls_failed (gnutls, gnutls->x509_crt_init (&cert), SC_STIR_ERROR_CREDENTIAL, _("the certificate cannot be used"), error) ||
      gnutls_failed (gnutls, gnutls->x509_crt_import (cert, &pem, GNUTLS_X509_FMT_PEM), SC_STIR_ERROR_CREDENTIAL,
                     _("the certificate cannot be read (PEM X.509 expected)"), error) ||
      gnutls_failed (gnutls, gnutls->pubkey_init (&key), SC_STIR_ERROR_CREDENTIAL, _("the certificate cannot be used"), error) ||
      gnutls_failed (gnutls, gnutls->pubkey_import_x509 (key, cert, 0), SC_STIR_ERROR_CREDENTIAL,
                     _("the certificate’s key cannot be used"), error))
    goto out;
  if (gnutls->pubkey_get_pk_algorithm (key, &bits) != GNUTLS_PK_ECDSA || bits != 256)
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_CREDENTIAL,
                           _("the certificate’s key is not a P-256 EC key: it cannot verify ES256"));
      goto out;
    }
  if (gnutls_failed (gnutls, gnutls->encode_rs_value (&der, &r, &s), SC_STIR_ERROR_MALFORMED, _("the signature cannot be encoded"), error))
    goto out;
  rc = gnutls->pubkey_verify_data2 (key, GNUTLS_SIGN_ECDSA_SHA256, 0, &input, &der);
  if (rc < 0)
    g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_BAD_SIGNATURE,
                         _("the signature does not verify with the certificate’s key"));
  else
    ok = TRUE;
out:
  free_datum (gnutls, &der);
  if (key != NULL)
    gnutls->pubkey_deinit (key);
  if (cert != NULL)
    gnutls->x509_crt_deinit (cert);
  return ok;
}
