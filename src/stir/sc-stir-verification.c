#define G_LOG_DOMAIN "sc-stir"

#include "sc-stir-verification.h"

#include <string.h>

#include "sc-sip-printable.h"
#include "sc-stir-error.h"
#include "sc-stir-es256.h"

static void
clear_check (gpointer data)
{
  g_free (((ScStirCheck *) data)->message);
}

void
sc_stir_verification_free (ScStirVerification *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->identity, sc_stir_identity_free);
  g_clear_pointer (&self->passport, sc_stir_passport_free);
  g_clear_pointer (&self->checks, g_array_unref);
  g_free (self);
}

static void G_GNUC_PRINTF (5, 6)
report (ScStirVerification *self,
        const char         *id,
        ScStirCheckResult   result,
        guint               code,
        const char         *format,
        ...)
{
  ScStirCheck check = { id, result, NULL, result == SC_STIR_CHECK_FAILED ? code : 0 };
  g_autofree char *raw = NULL;
  va_list args;

  va_start (args, format);
  raw = g_strdup_vprintf (format, args);
  va_end (args);
  check.message = sc_sip_printable (raw, strlen (raw));
  g_array_append_val (self->checks, check);
  if (result == SC_STIR_CHECK_FAILED && self->code == 0)
    self->code = code;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static void
check_header (ScStirVerification *self)
{
  JsonObject *header = self->passport->header;
  const char *alg = string_member (header, "alg"), *typ = string_member (header, "typ");
  const char *ppt = string_member (header, "ppt"), *x5u = string_member (header, "x5u");

  if (g_strcmp0 (alg, "ES256") == 0 && (self->identity->alg == NULL || g_str_equal (self->identity->alg, "ES256")))
    report (self, "alg", SC_STIR_CHECK_PASSED, 0, "ES256");
  else
    report (self, "alg", SC_STIR_CHECK_FAILED, 437, "alg is “%s”: only ES256 is allowed (RFC 8588 §4; “none” never)",
            alg ? alg : "missing");
  if (g_strcmp0 (typ, "passport") == 0)
    report (self, "typ", SC_STIR_CHECK_PASSED, 0, "passport");
  else
    report (self, "typ", SC_STIR_CHECK_FAILED, 438, "typ is “%s”, not “passport” (RFC 8225 §4.1)", typ ? typ : "missing");
  if ((g_strcmp0 (ppt, "shaken") == 0 || g_strcmp0 (ppt, "div") == 0) &&
      (self->identity->ppt == NULL || g_strcmp0 (self->identity->ppt, ppt) == 0))
    report (self, "ppt", SC_STIR_CHECK_PASSED, 0, "%s", ppt);
  else
    report (self, "ppt", SC_STIR_CHECK_FAILED, 438, "ppt is “%s” in the PASSporT and “%s” in the header: shaken or div, the same in both",
            ppt ? ppt : "missing", self->identity->ppt ? self->identity->ppt : "missing");
  if (x5u == NULL || !g_str_has_prefix (x5u, "https://"))
    report (self, "x5u", SC_STIR_CHECK_FAILED, 436, "x5u is “%s”: the certificate's https:// URL is needed", x5u ? x5u : "missing");
  else if (self->identity->info != NULL && strcmp (self->identity->info, x5u) != 0)
    report (self, "x5u", SC_STIR_CHECK_FAILED, 436, "the header's info (%s) is not the PASSporT's x5u (%s)", self->identity->info, x5u);
  else
    report (self, "x5u", SC_STIR_CHECK_PASSED, 0, "%s", x5u);
}

static void
check_signature (ScStirVerification *self,
                 GBytes             *cert_pem)
{
  g_autoptr(GError) error = NULL;

  if (cert_pem == NULL)
    {
      report (self, "signature", SC_STIR_CHECK_SKIPPED, 0, "not checked: give the signer's certificate (--cert)");
      return;
    }
  if (sc_stir_es256_verify (cert_pem, self->passport->signing_input, strlen (self->passport->signing_input),
                            self->passport->signature, &error))
    report (self, "signature", SC_STIR_CHECK_PASSED, 0, "verifies with the certificate's key");
  else
    report (self, "signature", SC_STIR_CHECK_FAILED,
            g_error_matches (error, SC_STIR_ERROR, SC_STIR_ERROR_CREDENTIAL) ? 437 : 438, "%s", error->message);
}

static void
check_iat (ScStirVerification *self,
           gint64              now,
           gint64              max_age)
{
  JsonNode *node = json_object_get_member (self->passport->claims, "iat");
  gint64 iat, age;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      report (self, "iat", SC_STIR_CHECK_FAILED, 438, "iat is missing or not a number of seconds");
      return;
    }
  iat = json_node_get_int (node);
  if (now <= 0)
    {
      report (self, "iat", SC_STIR_CHECK_SKIPPED, 0, "%" G_GINT64_FORMAT ": freshness not checked, no Date to compare it with", iat);
      return;
    }
  age = now - iat;
  if (age > max_age || age < -max_age)
    report (self, "iat", SC_STIR_CHECK_FAILED, 403, "iat is %" G_GINT64_FORMAT " s %s: fresh means within %" G_GINT64_FORMAT " s (RFC 8224 §6.2.1)",
            ABS (age), age > 0 ? "old" : "in the future", max_age);
  else
    report (self, "iat", SC_STIR_CHECK_PASSED, 0, "%" G_GINT64_FORMAT " s old", age);
}

/* orig is {"tn": "…"}; dest is {"tn": ["…"]} (RFC 8225 §5.2.1). Some signers send a bare
 * string: the signature may be good, the claims are not. */
static const char *
check_tn (ScStirVerification *self,
          const char         *id,
          gboolean            array)
{
  JsonNode *node = json_object_get_member (self->passport->claims, id);
  JsonObject *object = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *tn = object ? json_object_get_member (object, "tn") : NULL;
  const char *value = NULL;

  if (tn != NULL && !array && JSON_NODE_HOLDS_VALUE (tn) && json_node_get_value_type (tn) == G_TYPE_STRING)
    value = json_node_get_string (tn);
  else if (tn != NULL && array && JSON_NODE_HOLDS_ARRAY (tn) && json_array_get_length (json_node_get_array (tn)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (tn), 0);
      if (JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING)
        value = json_node_get_string (first);
    }
  if (value != NULL)
    report (self, id, SC_STIR_CHECK_PASSED, 0, "%s", value);
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    report (self, id, SC_STIR_CHECK_FAILED, 438, "%s is a bare value, not an object {\"tn\": %s} (RFC 8225 §5.2.1)",
            id, array ? "[…]" : "…");
  else
    report (self, id, SC_STIR_CHECK_FAILED, 438, "%s has no telephone number (tn)", id);
  return value;
}

static void
check_shaken (ScStirVerification *self)
{
  const char *attest = string_member (self->passport->claims, "attest");
  const char *origid = string_member (self->passport->claims, "origid");

  if (g_strcmp0 (string_member (self->passport->header, "ppt"), "shaken") != 0)
    return;
  if (attest != NULL && (g_str_equal (attest, "A") || g_str_equal (attest, "B") || g_str_equal (attest, "C")))
    report (self, "attest", SC_STIR_CHECK_PASSED, 0, "%s", attest);
  else
    report (self, "attest", SC_STIR_CHECK_FAILED, 438, "attest is “%s”: A, B or C (RFC 8588 §4)", attest ? attest : "missing");
  if (origid != NULL && g_uuid_string_is_valid (origid))
    report (self, "origid", SC_STIR_CHECK_PASSED, 0, "%s", origid);
  else
    report (self, "origid", SC_STIR_CHECK_FAILED, 438, "origid is “%s”: a UUID (RFC 8588 §4)", origid ? origid : "missing");
}

/* The number P-Asserted-Identity asserts, if the request has one that holds a number. */
static char *
asserted_tn (const ScSipMessage *request)
{
  for (guint i = 0; i < request->n_headers; i++)
    {
      const ScSipHeader *header = &request->headers[i];
      ScSipAddress address;
      const char *problem, *where;

      if (sc_sip_slice_equal_case (header->name, "P-Asserted-Identity") &&
          sc_sip_parse_address (header->value, &address, &problem, &where))
        {
          g_autofree char *uri = sc_sip_slice_dup (address.uri_text);
          char *tn = sc_stir_tn_normalize (uri, NULL);
          if (tn != NULL)
            return tn;
        }
    }
  return NULL;
}

/* The numbers signed are those of the request: orig from P-Asserted-Identity or From, dest from
 * To (RFC 8224 §5.2, §6.2). */
static void
check_request (ScStirVerification *self,
               const ScSipMessage *request,
               const char         *orig,
               const char         *dest)
{
  g_autofree char *from_uri = request ? sc_sip_slice_dup (request->from.uri_text) : NULL;
  g_autofree char *to_uri = request ? sc_sip_slice_dup (request->to.uri_text) : NULL;
  g_autofree char *from_tn = request ? asserted_tn (request) : NULL;
  g_autofree char *to_tn = to_uri ? sc_stir_tn_normalize (to_uri, NULL) : NULL;

  if (from_tn == NULL && from_uri != NULL)
    from_tn = sc_stir_tn_normalize (from_uri, NULL);
  if (request == NULL)
    {
      report (self, "request", SC_STIR_CHECK_SKIPPED, 0, "orig and dest not compared: give the request (--request)");
      return;
    }
  if (orig != NULL && g_strcmp0 (orig, from_tn) != 0)
    report (self, "request", SC_STIR_CHECK_FAILED, 438, "orig %s is not the request's From number (%s)", orig, from_tn ? from_tn : "none");
  else if (dest != NULL && g_strcmp0 (dest, to_tn) != 0)
    report (self, "request", SC_STIR_CHECK_FAILED, 438, "dest %s is not the request's To number (%s)", dest, to_tn ? to_tn : "none");
  else
    report (self, "request", SC_STIR_CHECK_PASSED, 0, "orig and dest are the request's From and To");
}

ScStirVerification *
sc_stir_verify (const char         *identity_value,
                GBytes             *cert_pem,
                const ScSipMessage *request,
                gint64              now,
                gint64              max_age)
{
  ScStirVerification *self = g_new0 (ScStirVerification, 1);
  g_autoptr(GError) error = NULL;
  const char *orig, *dest;

  self->checks = g_array_new (FALSE, FALSE, sizeof (ScStirCheck));
  g_array_set_clear_func (self->checks, clear_check);
  if (!(self->identity = sc_stir_identity_parse (identity_value, &error)) ||
      !(self->passport = sc_stir_passport_decode (self->identity->passport, &error)))
    {
      report (self, "form", SC_STIR_CHECK_FAILED, 438, "%s", error->message);
      return self;
    }
  report (self, "form", SC_STIR_CHECK_PASSED, 0, "a PASSporT in compact form");
  check_header (self);
  check_signature (self, cert_pem);
  check_iat (self, now, max_age);
  orig = check_tn (self, "orig", FALSE);
  dest = check_tn (self, "dest", TRUE);
  check_shaken (self);
  check_request (self, request, orig, dest);
  self->verified = self->code == 0 && cert_pem != NULL;
  return self;
}
