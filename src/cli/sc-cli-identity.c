/* sip-codes identity sign | verify: make a fresh STIR/SHAKEN Identity header for use with other
 * tools, or decode and check one a peer sent. verify exits 0 when it verifies, 1 when it does
 * not, 2 on bad usage. */
#define G_LOG_DOMAIN "sc-cli-identity"

#include "config.h"

#include "sc-cli-private.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "sc-cli-input.h"
#include "sc-cli-json.h"
#include "sc-stir-passport.h"
#include "sc-stir-signer.h"
#include "sc-stir-verification.h"

/* A key or a certificate is a few kilobytes; anything larger is not one. */
#define MAX_PEM (64 * 1024)

static GBytes *
read_pem (const char  *path,
          const char  *what,
          GError     **error)
{
  return sc_cli_read_bounded (path, MAX_PEM, what, error);
}

static int
identity_sign (int    argc,
               char **argv)
{
  g_autofree char *key_path = NULL, *x5u = NULL, *attest = NULL, *orig = NULL, *dest = NULL, *div = NULL;
  GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_("The P-256 private key, PEM"), N_("FILE") },
    { "x5u", 0, 0, G_OPTION_ARG_STRING, &x5u, N_("Where verifiers fetch the certificate (https://…)"), N_("URL") },
    { "attest", 0, 0, G_OPTION_ARG_STRING, &attest, N_("Attestation: A, B or C (default A)"), "A|B|C" },
    { "orig", 0, 0, G_OPTION_ARG_STRING, &orig, N_("The calling number"), "TN" },
    { "dest", 0, 0, G_OPTION_ARG_STRING, &dest, N_("The called number"), "TN" },
    { "div", 0, 0, G_OPTION_ARG_STRING, &div, N_("The number the call was diverted from: sign a div PASSporT (RFC 8946) "
                                                 "for the call diverted to --dest"), "TN" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(ScStirSigner) signer = NULL;
  g_autofree char *value = NULL;
  ScSipIdentityRequest request = { .method = "INVITE", .from_uri = "", .to_uri = "" };

  g_option_context_set_summary (context, _("Print a fresh Identity header (RFC 8224) with a SHAKEN PASSporT signed ES256 by the key: "
                                           "iat now, a new origid. With --div, a div PASSporT (RFC 8946) instead, signed by "
                                           "a key for the number the call was diverted from."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sc_cli_usage_error ("identity sign", "%s", error->message);
  if (argc > 1)
    return sc_cli_usage_error ("identity sign", _("unexpected argument “%s”"), argv[1]);
  if (key_path == NULL || x5u == NULL || orig == NULL || dest == NULL)
    return sc_cli_usage_error ("identity sign", _("give --key, --x5u, --orig and --dest"));
  /* A div PASSporT carries no attestation (RFC 8946 §3): one given would be silently lost. */
  if (div != NULL && attest != NULL)
    return sc_cli_usage_error ("identity sign", _("--attest does not go with --div: a div PASSporT carries no attestation"));
  if (!(key = read_pem (key_path, _("a private key"), &error)) ||
      !(signer = sc_stir_signer_new (key, x5u, attest ? attest : "A", &error)) ||
      !sc_stir_signer_set_tns (signer, orig, dest, &error) ||
      !sc_stir_signer_set_diversion (signer, div, &error))
    return sc_cli_usage_error ("identity sign", "%s", error->message);
  request.date_unix = g_get_real_time () / G_USEC_PER_SEC;
  if (!(value = sc_sip_identity_signer_sign (SC_SIP_IDENTITY_SIGNER (signer), &request, &error)))
    return sc_cli_usage_error ("identity sign", "%s", error->message);
  printf ("Identity: %s\n", value);
  return SC_CLI_EXIT_OK;
}

static const char *
result_mark (ScStirCheckResult result)
{
  return result == SC_STIR_CHECK_PASSED ? "✓" : result == SC_STIR_CHECK_FAILED ? "✗" : "–";
}

/* The response a verifier sends, as RFC 8224 names it: 403 is "Stale Date" there. */
static const char *
response_name (guint code)
{
  switch (code)
    {
    case 403: return "403 Stale Date";
    case 428: return "428 Use Identity Header";
    case 436: return "436 Bad Identity Info";
    case 437: return "437 Unsupported Credential";
    case 438: return "438 Invalid Identity Header";
    default: return NULL;
    }
}

static void
print_verification (ScStirVerification *v)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *shown = NULL;

  if (v->passport != NULL)
    {
      g_autoptr(JsonNode) header = json_node_init_object (json_node_alloc (), v->passport->header);
      g_autoptr(JsonNode) claims = json_node_init_object (json_node_alloc (), v->passport->claims);
      g_autofree char *h = json_to_string (header, TRUE), *c = json_to_string (claims, TRUE);
      g_string_append_printf (out, "%s\n%s\n%s\n%s\n\n", _("Header:"), h, _("Claims:"), c);
    }
  for (guint i = 0; i < v->checks->len; i++)
    {
      const ScStirCheck *check = &g_array_index (v->checks, ScStirCheck, i);
      g_string_append_printf (out, "%s %-9s %s\n", result_mark (check->result), check->id, check->message);
      if (check->code != 0)
        g_string_append_printf (out, "            → %s (sip-codes lookup %u)\n", response_name (check->code), check->code);
    }
  if (v->verified)
    g_string_append_printf (out, "\n%s\n", _("Verified."));
  else if (v->code != 0)
    g_string_append_printf (out, "\n%s %s\n", _("Not verified: a verifier answers"), response_name (v->code));
  else
    g_string_append_printf (out, "\n%s\n", _("Not verified: the signature was not checked (give --cert)."));
  /* Claims are the peer's bytes: shown printable, never as escape sequences. */
  shown = sc_sip_printable_lines (out->str, out->len);
  fputs (shown, stdout);
}

static JsonNode *
verification_json (ScStirVerification *v)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "verified");
  json_builder_add_boolean_value (b, v->verified);
  json_builder_set_member_name (b, "response");
  if (v->code == 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, v->code);
  json_builder_set_member_name (b, "header");
  if (v->passport)
    json_builder_add_value (b, json_node_init_object (json_node_alloc (), v->passport->header));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "claims");
  if (v->passport)
    json_builder_add_value (b, json_node_init_object (json_node_alloc (), v->passport->claims));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "checks");
  json_builder_begin_array (b);
  for (guint i = 0; i < v->checks->len; i++)
    {
      const ScStirCheck *check = &g_array_index (v->checks, ScStirCheck, i);
      json_builder_begin_object (b);
      sc_cli_json_add_string (b, "check", check->id);
      sc_cli_json_add_string (b, "result", check->result == SC_STIR_CHECK_PASSED ? "passed"
                                           : check->result == SC_STIR_CHECK_FAILED ? "failed" : "skipped");
      sc_cli_json_add_string (b, "message", check->message);
      json_builder_set_member_name (b, "response");
      if (check->code == 0)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, check->code);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Of several verdicts, the response a verifier sends: none if one header verifies (RFC 8224
 * §6.2.1), 428 if every header was ignored for its ppt, else the first failure's. */
static guint
overall_response (GPtrArray *verdicts)
{
  guint first = 0;
  gboolean all_ignored = verdicts->len > 0;

  for (guint i = 0; i < verdicts->len; i++)
    {
      ScStirVerification *v = verdicts->pdata[i];

      if (v->verified)
        return 0;
      all_ignored = all_ignored && v->code == 428;
      if (first == 0 || first == 428)
        first = v->code;
    }
  return verdicts->len == 0 || all_ignored ? 428 : first;
}

/* --request without a header: every Identity the request carries, each checked; none is a 428. */
static int
verify_request (const ScSipMessage *request,
                GBytes             *cert,
                gint64              now,
                gint64              max_age,
                gboolean            json)
{
  g_autoptr(GPtrArray) verdicts = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_stir_verification_free);
  const ScSipHeader *header;
  gboolean verified = FALSE;
  guint response;

  for (guint nth = 0; (header = sc_sip_message_find (request, SC_SIP_HEADER_IDENTITY, nth)) != NULL; nth++)
    {
      g_autofree char *value = sc_sip_slice_dup (header->value);
      ScStirVerification *v = sc_stir_verify (value, cert, request, now, max_age);

      verified = verified || v->verified;
      g_ptr_array_add (verdicts, v);
    }
  response = overall_response (verdicts);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "verified");
      json_builder_add_boolean_value (b, verified);
      json_builder_set_member_name (b, "response");
      if (response == 0)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, response);
      json_builder_set_member_name (b, "identities");
      json_builder_begin_array (b);
      for (guint i = 0; i < verdicts->len; i++)
        json_builder_add_value (b, verification_json (verdicts->pdata[i]));
      json_builder_end_array (b);
      json_builder_end_object (b);
      sc_cli_json_print (json_builder_get_root (b));
      return verified ? SC_CLI_EXIT_OK : SC_CLI_EXIT_NOT_FOUND;
    }
  if (verdicts->len == 0)
    g_print ("✗ identity  %s\n            → %s (sip-codes lookup 428)\n", _("the request carries no Identity header"),
             response_name (428));
  for (guint i = 0; i < verdicts->len; i++)
    {
      if (verdicts->len > 1)
        {
          g_autofree char *heading = g_strdup_printf (_("Identity header %u of %u:"), i + 1, verdicts->len);
          g_print ("%s\n", heading);
        }
      print_verification (verdicts->pdata[i]);
      if (i + 1 < verdicts->len)
        g_print ("\n");
    }
  if (verified && verdicts->len > 1)
    g_print ("\n%s\n", _("The request verifies: one valid Identity header is enough (RFC 8224 §6.2.1)."));
  else if (!verified && verdicts->len != 1)
    g_print ("\n%s %s\n", _("Not verified: a verifier answers"), response_name (response));
  return verified ? SC_CLI_EXIT_OK : SC_CLI_EXIT_NOT_FOUND;
}

static gboolean
parse_now (const char *text,
           gint64     *now)
{
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &seconds, NULL))
    {
      *now = (gint64) seconds;
      return TRUE;
    }
  date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    return FALSE;
  *now = g_date_time_to_unix (date);
  return TRUE;
}

static int
identity_verify (int    argc,
                 char **argv)
{
  g_autofree char *cert_path = NULL, *request_path = NULL, *now_text = NULL;
  gint max_age = SC_STIR_DEFAULT_MAX_AGE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &cert_path, N_("The signer’s certificate, PEM (no network fetch)"), N_("FILE") },
    { "request", 0, 0, G_OPTION_ARG_FILENAME, &request_path, N_("The request that carried it, to compare orig, dest and div"), N_("FILE") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, N_("The time to judge iat by: seconds since 1970 or ISO 8601"), N_("TIME") },
    { "max-age", 0, 0, G_OPTION_ARG_INT, &max_age, N_("How old iat may be, in seconds (default 60)"), N_("SECONDS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("'Identity: …'"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cert = NULL, request_bytes = NULL;
  g_autoptr(ScSipMessage) request = NULL;
  g_autoptr(ScStirVerification) v = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_option_context_set_summary (context, _("Decode an Identity header and check it: form, alg, ppt, typ, x5u, the signature against "
                                           "the certificate, iat’s freshness, orig and dest (and div for a div PASSporT); each failure "
                                           "with the response a verifier sends."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sc_cli_usage_error ("identity verify", "%s", error->message);
  if (argc > 2 || (argc == 1 && request_path == NULL))
    return sc_cli_usage_error ("identity verify", _("give the Identity header, in quotes, or --request FILE to check the request’s own"));
  if (max_age < 0 || max_age > 31 * 24 * 3600)
    return sc_cli_usage_error ("identity verify", _("--max-age takes 0 to 2678400 seconds"));
  if (now_text != NULL && !parse_now (now_text, &now))
    return sc_cli_usage_error ("identity verify", _("“%s” is no time: give seconds since 1970 or ISO 8601"), now_text);
  if (cert_path != NULL && !(cert = read_pem (cert_path, _("a certificate"), &error)))
    return sc_cli_usage_error ("identity verify", "%s", error->message);
  if (request_path != NULL)
    {
      if (!(request_bytes = sc_cli_read_bounded (request_path, SC_SIP_MAX_MESSAGE_SIZE, _("a SIP request"), &error)) ||
          !(request = sc_sip_message_parse (request_bytes, SC_SIP_FRAMING_DATAGRAM, &error)))
        return sc_cli_usage_error ("identity verify", "%s", error->message);
      if (!request->is_request)
        return sc_cli_usage_error ("identity verify", _("--request takes the request that carried the header, not a response"));
    }
  if (argc == 1)
    return verify_request (request, cert, now, max_age, json);
  v = sc_stir_verify (argv[1], cert, request, now, max_age);
  if (json)
    sc_cli_json_print (verification_json (v));
  else
    print_verification (v);
  return v->verified ? SC_CLI_EXIT_OK : SC_CLI_EXIT_NOT_FOUND;
}

int
sc_cli_identity (int    argc,
                 char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "sign"))
    return identity_sign (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "verify"))
    return identity_verify (argc - 1, argv + 1);
  return sc_cli_usage_error ("identity", _("give sign or verify: sip-codes identity sign --key FILE --x5u URL --orig TN --dest TN, "
                                           "or sip-codes identity verify 'Identity: …' --cert FILE"));
}
