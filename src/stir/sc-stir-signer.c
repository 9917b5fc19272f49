#define G_LOG_DOMAIN "sc-stir"

#include "sc-stir-signer.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sc-stir-error.h"
#include "sc-stir-es256.h"
#include "sc-stir-identity.h"
#include "sc-stir-passport.h"

struct _ScStirSigner
{
  GObject  parent_instance;
  GBytes  *key_pem;
  char    *x5u;
  char    *attest;
  char    *orig;   /* normalized, or NULL: from P-Asserted-Identity or From */
  char    *dest;   /* normalized, or NULL: from To */
  char    *div;    /* normalized: the number the call was diverted from, for ppt=div; or NULL */
};

static void sc_stir_signer_iface_init (ScSipIdentitySignerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScStirSigner, sc_stir_signer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SC_SIP_TYPE_IDENTITY_SIGNER, sc_stir_signer_iface_init))

static void
sc_stir_signer_finalize (GObject *object)
{
  ScStirSigner *self = SC_STIR_SIGNER (object);

  g_clear_pointer (&self->key_pem, g_bytes_unref);
  g_free (self->x5u);
  g_free (self->attest);
  g_free (self->orig);
  g_free (self->dest);
  g_free (self->div);
  G_OBJECT_CLASS (sc_stir_signer_parent_class)->finalize (object);
}

static void
sc_stir_signer_class_init (ScStirSignerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_stir_signer_finalize;
}

static void
sc_stir_signer_init (ScStirSigner *self)
{
}

/* What every PASSporT we sign claims: orig and dest as RFC 8225 §5.2.1 objects, and iat. */
static JsonObject *
base_claims (const char *orig,
             const char *dest,
             gint64      iat)
{
  JsonObject *claims = json_object_new ();
  JsonObject *orig_object = json_object_new (), *dest_object = json_object_new ();
  JsonArray *dest_tns = json_array_new ();

  json_object_set_string_member (orig_object, "tn", orig);
  json_array_add_string_element (dest_tns, dest);
  json_object_set_array_member (dest_object, "tn", dest_tns);
  json_object_set_object_member (claims, "dest", dest_object);
  json_object_set_int_member (claims, "iat", iat);
  json_object_set_object_member (claims, "orig", orig_object);
  return claims;
}

/* SHAKEN adds attest and a fresh origid (RFC 8588 §6). A div PASSporT adds only div: "no other
 * claims" and never "opt" (RFC 8946 §3). */
static JsonObject *
make_claims (ScStirSigner *self,
             const char   *orig,
             const char   *dest,
             gint64        iat)
{
  JsonObject *claims = base_claims (orig, dest, iat);
  g_autofree char *origid = NULL;

  if (self->div != NULL)
    {
      JsonObject *div_object = json_object_new ();
      json_object_set_string_member (div_object, "tn", self->div);
      json_object_set_object_member (claims, "div", div_object);
      return claims;
    }
  origid = g_uuid_string_random ();
  json_object_set_string_member (claims, "attest", self->attest);
  json_object_set_string_member (claims, "origid", origid);
  return claims;
}

/* The calling number asserted by the network, else From's (RFC 8224 §8). */
static char *
request_orig (const ScSipIdentityRequest *request,
              GError                    **error)
{
  char *tn = request->asserted_uri ? sc_stir_tn_normalize (request->asserted_uri, NULL) : NULL;

  return tn ? tn : sc_stir_tn_normalize (request->from_uri, error);
}

static const char *
ppt (ScStirSigner *self)
{
  return self->div != NULL ? "div" : "shaken";
}

static JsonObject *
make_header (ScStirSigner *self)
{
  JsonObject *header = json_object_new ();

  json_object_set_string_member (header, "alg", "ES256");
  json_object_set_string_member (header, "ppt", ppt (self));
  json_object_set_string_member (header, "typ", "passport");
  json_object_set_string_member (header, "x5u", self->x5u);
  return header;
}

/* A div PASSporT is made only when the call's canonical target changed (RFC 8946 §3). */
static char *
request_dest (ScStirSigner               *self,
              const ScSipIdentityRequest *request,
              GError                    **error)
{
  g_autofree char *dest = self->dest ? g_strdup (self->dest) : sc_stir_tn_normalize (request->to_uri, error);

  if (dest != NULL && g_strcmp0 (dest, self->div) == 0)
    {
      g_set_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                   _("the call is diverted from %s to the same number: no div PASSporT is made for it (RFC 8946 §3)"), dest);
      return NULL;
    }
  return g_steal_pointer (&dest);
}

static char *
sign (ScSipIdentitySigner        *signer,
      const ScSipIdentityRequest *request,
      GError                    **error)
{
  ScStirSigner *self = SC_STIR_SIGNER (signer);
  g_autofree char *orig = self->orig ? g_strdup (self->orig) : request_orig (request, error);
  g_autofree char *dest = NULL, *full = NULL;
  g_autoptr(JsonObject) header = NULL, claims = NULL;
  g_autoptr(ScStirPassport) passport = NULL;

  if (orig == NULL || (dest = request_dest (self, request, error)) == NULL)
    return NULL;
  header = make_header (self);
  claims = make_claims (self, orig, dest, request->date_unix > 0 ? request->date_unix : g_get_real_time () / G_USEC_PER_SEC);
  passport = sc_stir_passport_new (header, claims);
  passport->signature = sc_stir_es256_sign (self->key_pem, passport->signing_input, strlen (passport->signing_input), error);
  if (passport->signature == NULL)
    return NULL;
  full = sc_stir_passport_encode (passport);
  return sc_stir_identity_format (full, self->x5u, ppt (self));
}

static void
sc_stir_signer_iface_init (ScSipIdentitySignerInterface *iface)
{
  iface->sign = sign;
}

ScStirSigner *
sc_stir_signer_new (GBytes      *key_pem,
                    const char  *x5u,
                    const char  *attest,
                    GError     **error)
{
  g_autoptr(ScStirSigner) self = NULL;
  g_autoptr(GBytes) probe = NULL;

  g_return_val_if_fail (key_pem != NULL && x5u != NULL && attest != NULL, NULL);
  if (!g_str_has_prefix (x5u, "https://") || strpbrk (x5u, "<>\"; \r\n") != NULL || strlen (x5u) > 1024)
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                           _("x5u must be an https:// URL of the certificate, without spaces, quotes, ; or <>"));
      return NULL;
    }
  if (strcmp (attest, "A") != 0 && strcmp (attest, "B") != 0 && strcmp (attest, "C") != 0)
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED, _("the attestation is A, B or C"));
      return NULL;
    }
  /* A key that cannot sign is said now, not at the first call. */
  if (!(probe = sc_stir_es256_sign (key_pem, "", 0, error)))
    return NULL;
  self = g_object_new (SC_STIR_TYPE_SIGNER, NULL);
  self->key_pem = g_bytes_ref (key_pem);
  self->x5u = g_strdup (x5u);
  self->attest = g_strdup (attest);
  return g_steal_pointer (&self);
}

gboolean
sc_stir_signer_set_tns (ScStirSigner  *self,
                        const char    *orig,
                        const char    *dest,
                        GError       **error)
{
  g_autofree char *o = NULL, *d = NULL;

  g_return_val_if_fail (SC_STIR_IS_SIGNER (self), FALSE);
  if ((orig != NULL && !(o = sc_stir_tn_normalize (orig, error))) ||
      (dest != NULL && !(d = sc_stir_tn_normalize (dest, error))))
    return FALSE;
  g_free (self->orig);
  g_free (self->dest);
  self->orig = g_steal_pointer (&o);
  self->dest = g_steal_pointer (&d);
  return TRUE;
}

gboolean
sc_stir_signer_set_diversion (ScStirSigner  *self,
                              const char    *div_tn,
                              GError       **error)
{
  g_autofree char *div = NULL;

  g_return_val_if_fail (SC_STIR_IS_SIGNER (self), FALSE);
  if (div_tn != NULL && !(div = sc_stir_tn_normalize (div_tn, error)))
    return FALSE;
  g_free (self->div);
  self->div = g_steal_pointer (&div);
  return TRUE;
}
