#define G_LOG_DOMAIN "sc-stir"

#include "sc-stir-verification.h"

#include <glib/gi18n-lib.h>
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

/* What a message shows, in quotes, for a member the PASSporT lacks. */
static const char *
or_missing (const char *value)
{
  /* TRANSLATORS: shown in quotes in place of a value the PASSporT lacks: alg is “missing” */
  return value != NULL ? value : _("missing");
}

/* What a message shows for a telephone number the request does not have. */
static const char *
or_none (const char *tn)
{
  /* TRANSLATORS: shown in place of a telephone number the request does not carry */
  return tn != NULL ? tn : _("none");
}

static gboolean
supported_ppt (const char *ppt)
{
  return g_strcmp0 (ppt, "shaken") == 0 || g_strcmp0 (ppt, "div") == 0;
}

static void
check_header (ScStirVerification *self)
{
  JsonObject *header = self->passport->header;
  const char *alg = string_member (header, "alg"), *typ = string_member (header, "typ");
  const char *ppt = string_member (header, "ppt"), *x5u = string_member (header, "x5u");

  if (g_strcmp0 (alg, "ES256") == 0 && (self->identity->alg == NULL || g_str_equal (self->identity->alg, "ES256")))
    report (self, "alg", SC_STIR_CHECK_PASSED, 0, "ES256");
  else if (alg == NULL)
    report (self, "alg", SC_STIR_CHECK_FAILED, 438, _("the PASSporT names no alg: a header without one is invalid (RFC 7515 §4.1.1, RFC 8225 §4.2)"));
  else
    report (self, "alg", SC_STIR_CHECK_FAILED, 437, _("alg is “%s”: only ES256 is allowed (RFC 8588 §4; “none” never)"), alg);
  if (g_strcmp0 (typ, "passport") == 0)
    report (self, "typ", SC_STIR_CHECK_PASSED, 0, "passport");
  else
    report (self, "typ", SC_STIR_CHECK_FAILED, 438, _("typ is “%s”, not “passport” (RFC 8225 §4.1)"), or_missing (typ));
  /* A ppt the verifier does not support makes it ignore the header: with no other, that is a
   * 428 (RFC 8224 §6.2 step 1, §6.2.2), not a 438. */
  if (self->identity->ppt != NULL && !supported_ppt (self->identity->ppt))
    report (self, "ppt", SC_STIR_CHECK_FAILED, 428,
            _("ppt=%s is not supported (shaken or div): a verifier ignores this header and, with no other, answers 428"),
            self->identity->ppt);
  else if (supported_ppt (ppt) && (self->identity->ppt == NULL || g_strcmp0 (self->identity->ppt, ppt) == 0))
    report (self, "ppt", SC_STIR_CHECK_PASSED, 0, "%s", ppt);
  else
    report (self, "ppt", SC_STIR_CHECK_FAILED, 438,
            _("ppt is “%s” in the PASSporT and “%s” in the header: shaken or div, the same in both"),
            or_missing (ppt), or_missing (self->identity->ppt));
  if (x5u == NULL || !g_str_has_prefix (x5u, "https://"))
    report (self, "x5u", SC_STIR_CHECK_FAILED, 436, _("x5u is “%s”: the certificate’s https:// URL is needed"), or_missing (x5u));
  else if (self->identity->info != NULL && strcmp (self->identity->info, x5u) != 0)
    report (self, "x5u", SC_STIR_CHECK_FAILED, 436, _("the header’s info (%s) is not the PASSporT’s x5u (%s)"),
            self->identity->info, x5u);
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
      report (self, "signature", SC_STIR_CHECK_SKIPPED, 0, _("not checked: give the signer’s certificate (--cert)"));
      return;
    }
  if (sc_stir_es256_verify (cert_pem, self->passport->signing_input, strlen (self->passport->signing_input),
                            self->passport->signature, &error))
    report (self, "signature", SC_STIR_CHECK_PASSED, 0, _("verifies with the certificate’s key"));
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
      report (self, "iat", SC_STIR_CHECK_FAILED, 438, _("iat is missing or not a number of seconds"));
      return;
    }
  iat = json_node_get_int (node);
  /* Not before 1970 nor past 9999: anything else is no time, and now - iat could overflow. */
  if (iat < 0 || iat > G_GINT64_CONSTANT (253402300799))
    {
      report (self, "iat", SC_STIR_CHECK_FAILED, 438, _("iat %lld is not a time in seconds since 1970"), (long long) iat);
      return;
    }
  if (now <= 0)
    {
      report (self, "iat", SC_STIR_CHECK_SKIPPED, 0, _("%lld: freshness not checked, no Date to compare it with"), (long long) iat);
      return;
    }
  age = now - iat;
  if (age > max_age)
    report (self, "iat", SC_STIR_CHECK_FAILED, 403, _("iat is %lld s old: fresh means within %lld s (RFC 8224 §6.2.1)"),
            (long long) age, (long long) max_age);
  else if (age < -max_age)
    report (self, "iat", SC_STIR_CHECK_FAILED, 403, _("iat is %lld s in the future: fresh means within %lld s (RFC 8224 §6.2.1)"),
            (long long) -age, (long long) max_age);
  else
    report (self, "iat", SC_STIR_CHECK_PASSED, 0, _("%lld s old"), (long long) age);
}

/* The number claim @id holds: {"tn": "…"}, or with @array the @nth of {"tn": ["…", …]}
 * (RFC 8225 §5.2.1); NULL when there is none. */
static const char *
claim_tn (JsonObject *claims,
          const char *id,
          gboolean    array,
          guint       nth)
{
  JsonNode *node = json_object_get_member (claims, id);
  JsonObject *object = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *tn = object ? json_object_get_member (object, "tn") : NULL;

  if (tn != NULL && array && JSON_NODE_HOLDS_ARRAY (tn))
    tn = nth < json_array_get_length (json_node_get_array (tn)) ? json_array_get_element (json_node_get_array (tn), nth) : NULL;
  else if (array || nth > 0)
    tn = NULL;
  return tn != NULL && JSON_NODE_HOLDS_VALUE (tn) && json_node_get_value_type (tn) == G_TYPE_STRING
         ? json_node_get_string (tn) : NULL;
}

/* Some signers send a bare string: the signature may be good, the claims are not. */
static void
report_no_tn (ScStirVerification *self,
              const char         *id,
              gboolean            array)
{
  JsonNode *node = json_object_get_member (self->passport->claims, id);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    /* TRANSLATORS: the first %s is the claim (orig, dest or div), the second what its tn holds: […] or … */
    report (self, id, SC_STIR_CHECK_FAILED, 438, _("%s is a bare value, not an object {\"tn\": %s} (RFC 8225 §5.2.1)"),
            id, array ? "[…]" : "…");
  else
    /* TRANSLATORS: %s is the claim: orig, dest or div */
    report (self, id, SC_STIR_CHECK_FAILED, 438, _("%s has no telephone number (tn)"), id);
}

static const char *
check_tn (ScStirVerification *self,
          const char         *id,
          gboolean            array)
{
  const char *value = claim_tn (self->passport->claims, id, array, 0);

  if (value != NULL)
    report (self, id, SC_STIR_CHECK_PASSED, 0, "%s", value);
  else
    report_no_tn (self, id, array);
  return value;
}

static gboolean
is_div (ScStirVerification *self)
{
  return g_strcmp0 (string_member (self->passport->header, "ppt"), "div") == 0;
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
    report (self, "attest", SC_STIR_CHECK_FAILED, 438, _("attest is “%s”: A, B or C (RFC 8588 §4)"), or_missing (attest));
  if (origid != NULL && g_uuid_string_is_valid (origid))
    report (self, "origid", SC_STIR_CHECK_PASSED, 0, "%s", origid);
  else
    report (self, "origid", SC_STIR_CHECK_FAILED, 438, _("origid is “%s”: a UUID (RFC 8588 §4)"), or_missing (origid));
}

/* Every div PASSporT names the one number the call was diverted from, in canonical form
 * (RFC 8224 §8.3), and never carries "opt" (RFC 8946 §3). It has no attest or origid to check. */
static const char *
check_div (ScStirVerification *self)
{
  JsonObject *claims = self->passport->claims;
  const char *div = claim_tn (claims, "div", FALSE, 0);
  g_autofree char *canonical = div ? sc_stir_tn_normalize (div, NULL) : NULL;

  if (!is_div (self))
    return NULL;
  if (!json_object_has_member (claims, "div"))
    report (self, "div", SC_STIR_CHECK_FAILED, 438, _("a div PASSporT without a div claim: the number the call was diverted from "
                                                       "is required (RFC 8946 §3)"));
  else if (div == NULL)
    report_no_tn (self, "div", FALSE);
  else if (g_strcmp0 (canonical, div) != 0)
    report (self, "div", SC_STIR_CHECK_FAILED, 438, _("div “%s” is not a telephone number in canonical form: 3 to 15 digits "
                                                       "(RFC 8224 §8.3)"), div);
  else if (json_object_has_member (claims, "opt"))
    report (self, "div", SC_STIR_CHECK_FAILED, 438, _("a div PASSporT never carries opt (RFC 8946 §3)"));
  else
    {
      report (self, "div", SC_STIR_CHECK_PASSED, 0, "%s", div);
      return div;
    }
  return NULL;
}

/* Every telephone number in the headers called @name, each a list of addresses:
 * P-Asserted-Identity (RFC 3325 §9.1), History-Info (RFC 7044 §4.1), Diversion (RFC 5806 §4). */
static GPtrArray *
header_tns (const ScSipMessage *request,
            const char         *name)
{
  GPtrArray *tns = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < request->n_headers; i++)
    {
      const ScSipHeader *header = &request->headers[i];
      ScSipSlice items[SC_SIP_MAX_LIST_ITEMS];
      guint n = 0;
      const char *problem, *where;

      if (!sc_sip_slice_equal_case (header->name, name) || !sc_sip_split_list (header->value, items, &n, &problem, &where))
        continue;
      for (guint j = 0; j < n; j++)
        {
          ScSipAddress address;
          g_autofree char *uri = NULL;
          char *tn;

          if (!sc_sip_parse_address (items[j], &address, &problem, &where))
            continue;
          uri = sc_sip_slice_dup (address.uri_text);
          if ((tn = sc_stir_tn_normalize (uri, NULL)) != NULL)
            g_ptr_array_add (tns, tn);
        }
    }
  return tns;
}

static char *
uri_tn (ScSipSlice uri_text)
{
  g_autofree char *uri = sc_sip_slice_dup (uri_text);

  return sc_stir_tn_normalize (uri, NULL);
}

/* The caller's number: the one P-Asserted-Identity asserts, else From's (RFC 8224 §5.2, §6.2). */
static char *
caller_tn (const ScSipMessage *request)
{
  g_autoptr(GPtrArray) asserted = header_tns (request, "P-Asserted-Identity");

  return asserted->len > 0 ? g_strdup (g_ptr_array_index (asserted, 0)) : uri_tn (request->from.uri_text);
}

static char *
join_tns (GPtrArray *tns)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < tns->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (tns, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A div PASSporT's dest is the call's current target, which the Request-URI carries; To is not
 * used (RFC 8946 §4.2, step 1). Its div is where the call was diverted from: History-Info
 * (RFC 7044) or Diversion (RFC 5806) record that when the request has them (RFC 8946 §4.1, §7),
 * and then div must be among them. */
static void
check_diverted_request (ScStirVerification *self,
                        const ScSipMessage *request,
                        const char         *dest,
                        const char         *div)
{
  g_autofree char *target = uri_tn (request->request_uri_text), *recorded_text = NULL;
  g_autoptr(GPtrArray) recorded = header_tns (request, "History-Info");
  g_autoptr(GPtrArray) diversion = header_tns (request, "Diversion");

  g_ptr_array_extend_and_steal (recorded, g_steal_pointer (&diversion));
  recorded_text = join_tns (recorded);
  if (dest != NULL && g_strcmp0 (dest, target) != 0)
    report (self, "request", SC_STIR_CHECK_FAILED, 438, _("dest %s is not the Request-URI’s number (%s), the call’s current target "
                                                           "(RFC 8946 §4.2)"), dest, or_none (target));
  else if (div != NULL && recorded->len > 0 && !g_ptr_array_find_with_equal_func (recorded, div, g_str_equal, NULL))
    report (self, "request", SC_STIR_CHECK_FAILED, 438, _("div %s is none of the numbers History-Info and Diversion record the call "
                                                           "diverted from (%s)"), div, recorded_text);
  else if (recorded->len > 0)
    report (self, "request", SC_STIR_CHECK_PASSED, 0,
            _("orig is the request’s caller, dest its Request-URI, div in History-Info or Diversion"));
  else
    report (self, "request", SC_STIR_CHECK_PASSED, 0,
            _("orig is the request’s caller, dest its Request-URI (no History-Info or Diversion to compare div with)"));
}

/* The numbers signed are those of the request: orig from P-Asserted-Identity or From, dest from
 * To (RFC 8224 §5.2, §6.2); a div PASSporT's orig likewise (RFC 8946 §4.2, step 3). */
static void
check_request (ScStirVerification *self,
               const ScSipMessage *request,
               const char         *orig,
               const char         *dest,
               const char         *div)
{
  g_autofree char *from_tn = NULL, *to_tn = NULL;

  if (request == NULL)
    {
      report (self, "request", SC_STIR_CHECK_SKIPPED, 0, _("orig and dest not compared: give the request (--request)"));
      return;
    }
  from_tn = caller_tn (request);
  to_tn = uri_tn (request->to.uri_text);
  if (orig != NULL && g_strcmp0 (orig, from_tn) != 0)
    report (self, "request", SC_STIR_CHECK_FAILED, 438, _("orig %s is not the request’s calling number (%s, from P-Asserted-Identity or From)"), orig, or_none (from_tn));
  else if (is_div (self))
    check_diverted_request (self, request, dest, div);
  else if (dest != NULL && g_strcmp0 (dest, to_tn) != 0)
    report (self, "request", SC_STIR_CHECK_FAILED, 438, _("dest %s is not the request’s To number (%s)"), dest, or_none (to_tn));
  else if (orig == NULL || dest == NULL)
    report (self, "request", SC_STIR_CHECK_SKIPPED, 0, _("not compared in full: the claims hold no usable orig or dest (see above)"));
  else
    report (self, "request", SC_STIR_CHECK_PASSED, 0, _("orig and dest are the request’s calling and called numbers"));
}

static gboolean
dest_holds (JsonObject *claims,
            const char *tn)
{
  const char *dest;

  for (guint i = 0; (dest = claim_tn (claims, "dest", TRUE, i)) != NULL; i++)
    if (g_str_equal (dest, tn))
      return TRUE;
  return FALSE;
}

/* The PASSporT(s) of the request's other Identity headers, the ones a div PASSporT may divert. */
static GPtrArray *
other_passports (ScStirVerification *self,
                 const ScSipMessage *request)
{
  GPtrArray *passports = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_stir_passport_free);
  const ScSipHeader *header;

  for (guint i = 0; (header = sc_sip_message_find (request, SC_SIP_HEADER_IDENTITY, i)) != NULL; i++)
    {
      g_autofree char *value = sc_sip_slice_dup (header->value);
      g_autoptr(ScStirIdentity) identity = sc_stir_identity_parse (value, NULL);
      ScStirPassport *passport = identity ? sc_stir_passport_decode (identity->passport, NULL) : NULL;

      if (passport != NULL && strcmp (identity->passport, self->identity->passport) != 0)
        g_ptr_array_add (passports, passport);
      else
        g_clear_pointer (&passport, sc_stir_passport_free);
    }
  return passports;
}

/* A div PASSporT refers to an earlier one in the same request, whose dest holds its div; both
 * have the same orig, or the whole chain is invalid (RFC 8946 §4.2, steps 3 and 5). The earlier
 * one's signature needs its own signer's certificate: it is not checked here. */
static void
check_chain (ScStirVerification *self,
             const ScSipMessage *request,
             const char         *orig,
             const char         *div)
{
  g_autoptr(GPtrArray) earlier = NULL;

  if (!is_div (self))
    return;
  if (request == NULL || div == NULL)
    {
      report (self, "chain", SC_STIR_CHECK_SKIPPED, 0, "%s", request == NULL ? _("the PASSporT diverted not looked for: give the request (--request)")
                                                                            : _("no div to follow"));
      return;
    }
  earlier = other_passports (self, request);
  for (guint i = 0; i < earlier->len; i++)
    {
      JsonObject *claims = ((ScStirPassport *) g_ptr_array_index (earlier, i))->claims;
      const char *earlier_orig = claim_tn (claims, "orig", FALSE, 0);

      if (!dest_holds (claims, div))
        continue;
      if (g_strcmp0 (earlier_orig, orig) == 0)
        /* TRANSLATORS: the first %s is the number the call was diverted from (div), the second the caller's (orig) */
        report (self, "chain", SC_STIR_CHECK_PASSED, 0, _("diverts the request’s PASSporT for %s from %s (its signature not checked here)"),
                div, orig);
      else
        report (self, "chain", SC_STIR_CHECK_FAILED, 438, _("the PASSporT diverted has orig %s, this one %s: a chain whose orig changed "
                                                           "is invalid (RFC 8946 §4.2)"), or_none (earlier_orig), or_none (orig));
      return;
    }
  if (earlier->len == 0)
    report (self, "chain", SC_STIR_CHECK_SKIPPED, 0, _("the request carries no other Identity header: the PASSporT diverted is not "
                                                        "in it (RFC 8946 §4.1 keeps it there)"));
  else
    report (self, "chain", SC_STIR_CHECK_FAILED, 438, _("no other PASSporT in the request has dest %s: the chain of diversion breaks "
                                                       "(RFC 8946 §4.2)"), div);
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
  const char *orig, *dest, *div;

  self->checks = g_array_new (FALSE, FALSE, sizeof (ScStirCheck));
  g_array_set_clear_func (self->checks, clear_check);
  if (!(self->identity = sc_stir_identity_parse (identity_value, &error)) ||
      !(self->passport = sc_stir_passport_decode (self->identity->passport, &error)))
    {
      report (self, "form", SC_STIR_CHECK_FAILED, 438, "%s", error->message);
      return self;
    }
  report (self, "form", SC_STIR_CHECK_PASSED, 0, _("a PASSporT in full form (RFC 8224 §4.1)"));
  check_header (self);
  check_signature (self, cert_pem);
  check_iat (self, now, max_age);
  orig = check_tn (self, "orig", FALSE);
  dest = check_tn (self, "dest", TRUE);
  check_shaken (self);
  div = check_div (self);
  check_request (self, request, orig, dest, div);
  check_chain (self, request, orig, div);
  self->verified = self->code == 0 && cert_pem != NULL;
  return self;
}
