/* The sip-codes command line: exit statuses, JSON shape, language selection. */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "sc-test-cli.h"

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_text_object (JsonObject *text)
{
  const char *strings[] = { "name", "summary", "description" };
  const char *lists[] = { "causes", "fixes", "notes" };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_assert_cmpuint (strlen (json_object_get_string_member (text, strings[i])), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_assert_nonnull (json_object_get_array_member (text, lists[i]));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (text, "causes")), >=, 2);
}

static void
assert_lookup_object (JsonObject *o,
                      gint64      code)
{
  const char *arrays[] = { "rfc", "sender", "headers", "methods", "related" };
  JsonObject *rfc;

  g_assert_cmpint (json_object_get_int_member (o, "code"), ==, code);
  g_assert_cmpint (json_object_get_int_member (o, "class"), ==, code / 100);
  g_assert_nonnull (json_object_get_string_member (o, "reason"));
  g_assert_true (json_object_has_member (o, "final"));
  g_assert_nonnull (json_object_get_string_member (o, "status"));
  g_assert_nonnull (json_object_get_string_member (o, "next_step"));
  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_assert_nonnull (json_object_get_array_member (o, arrays[i]));
  rfc = json_array_get_object_element (json_object_get_array_member (o, "rfc"), 0);
  g_assert_cmpint (json_object_get_int_member (rfc, "rfc"), >, 0);
  g_assert_nonnull (json_object_get_string_member (rfc, "section"));
  assert_text_object (json_object_get_object_member (o, "en"));
  assert_text_object (json_object_get_object_member (o, "ja"));
}

static void
test_lookup_json (void)
{
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *rfc;

  sc_test_cli_run (&run, NULL, "lookup", "428", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  o = json_node_get_object (root);
  assert_lookup_object (o, 428);
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "Use Identity Header");
  g_assert_true (json_object_get_boolean_member (o, "final"));
  rfc = json_array_get_object_element (json_object_get_array_member (o, "rfc"), 0);
  g_assert_cmpint (json_object_get_int_member (rfc, "rfc"), ==, 8224);
  g_assert_cmpstr (json_object_get_string_member (rfc, "section"), ==, "6.2.2");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "ja"), "name"), ==, "Identityヘッダーが必要");
}

/* The RFC text ships with the knowledge base: a section reads offline, with its references. */
static void
test_rfc_section (void)
{
  g_auto(ScTestCliRun) text = { 0 };
  g_auto(ScTestCliRun) json = { 0 };
  g_auto(ScTestCliRun) contents = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonArray *refs;
  gboolean refers_to_6_2 = FALSE;

  sc_test_cli_run (&text, NULL, "rfc", "3261", "16.8", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_prefix (text.out, "RFC 3261 §16.8  Processing Timer C\n"));
  g_assert_nonnull (strstr (text.out, "the proxy\n   MUST generate a CANCEL request matching that transaction."));
  g_assert_null (strstr (text.out, "[Page"));          /* page furniture is gone */
  g_assert_null (strstr (text.out, "16.9 "));          /* the next section is not included */

  sc_test_cli_run (&json, NULL, "rfc", "8224", "6.2.2", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "rfc"), ==, 8224);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Failure Response Codes Sent by a Verification Service");
  g_assert_nonnull (strstr (json_object_get_string_member (o, "text"), "The 436 \"Bad Identity Info\" response code"));
  refs = json_object_get_array_member (o, "references");
  for (guint i = 0; i < json_array_get_length (refs); i++)
    {
      JsonObject *ref = json_array_get_object_element (refs, i);
      refers_to_6_2 |= json_object_get_int_member (ref, "rfc") == 8224 &&
                       g_strcmp0 (json_object_get_string_member (ref, "section"), "6.2") == 0;
    }
  g_assert_true (refers_to_6_2);

  sc_test_cli_run (&contents, NULL, "rfc", "5057", NULL);
  g_assert_cmpint (contents.status, ==, 0);
  g_assert_nonnull (strstr (contents.out, "Multiple Dialog Usages in the Session Initiation Protocol"));
  g_assert_nonnull (strstr (contents.out, "  5.1  A Survey of the Effect of Failure Responses on Usages and Dialogs"));
}

/* Every source a lookup prints names a section that opens. */
static void
test_lookup_sources (void)
{
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *sources;

  sc_test_cli_run (&run, NULL, "lookup", "408", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  sources = json_object_get_array_member (json_node_get_object (root), "sources");
  g_assert_cmpuint (json_array_get_length (sources), >=, 3);
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *s = json_array_get_object_element (sources, i);
      g_autofree char *rfc = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (s, "rfc"));
      g_auto(ScTestCliRun) section = { 0 };
      g_autofree char *collapsed = NULL;
      g_auto(GStrv) words = g_strsplit_set (json_object_get_string_member (s, "quote"), " \n", -1);

      sc_test_cli_run (&section, NULL, "rfc", rfc, json_object_get_string_member (s, "section"), NULL);
      g_assert_cmpint (section.status, ==, 0);
      /* The quote's first word is in the section as printed. */
      g_assert_nonnull (strstr (section.out, words[0]));
    }
}

static void
test_lookup_language (void)
{
  g_auto(ScTestCliRun) ja = { 0 };
  g_auto(ScTestCliRun) en = { 0 };
  g_auto(ScTestCliRun) forced = { 0 };

  sc_test_cli_run (&ja, "ja", "lookup", "428", NULL);
  sc_test_cli_run (&en, NULL, "lookup", "428", NULL);
  sc_test_cli_run (&forced, "ja", "lookup", "428", "--lang", "en", NULL);
  g_assert_cmpint (ja.status, ==, 0);
  g_assert_nonnull (strstr (ja.out, "Identityヘッダーが必要"));
  g_assert_nonnull (strstr (ja.out, "解決方法"));
  g_assert_null (strstr (en.out, "解決方法"));
  g_assert_nonnull (strstr (en.out, "How to fix it"));
  g_assert_nonnull (strstr (forced.out, "How to fix it"));
}

typedef struct {
  const char *args[5];
  int         status;
  const char *stderr_has;
} StatusCase;

static const StatusCase status_cases[] = {
  { { "lookup", "428" }, 0, NULL },
  { { "lookup", "４２８" }, 0, NULL },
  { { "lookup", "999" }, 2, "999" },
  { { "lookup", "abc" }, 2, "abc" },
  { { "lookup" }, 2, "one code" },
  { { "lookup", "499" }, 1, "494" },
  { { "lookup", "428", "--lang", "fr" }, 2, "fr" },
  { { "compare", "200", "200" }, 2, "200" },
  { { "compare", "200", "499" }, 1, "499" },
  { { "compare", "200" }, 2, "two codes" },
  { { "compare", "200", "428", "--json", "--markdown" }, 2, "--markdown" },
  { { "search", "zzqqxx" }, 1, "zzqqxx" },
  { { "search", "\xff" }, 2, "UTF-8" },
  { { "search", "busy", "--limit", "0" }, 2, "--limit" },
  { { "search" }, 2, "search for" },
  { { "list", "--class", "7xx" }, 2, "7xx" },
  { { "list", "--class", "4xx" }, 0, NULL },
  { { "frobnicate" }, 2, "frobnicate" },
  { { "rfc" }, 0, NULL },
  { { "rfc", "3261" }, 0, NULL },
  { { "rfc", "RFC3261", "§16.8" }, 0, NULL },
  { { "rfc", "3261", "99.9" }, 1, "no section 99.9" },
  { { "rfc", "1234" }, 1, "RFC 1234" },
  { { "rfc", "abc" }, 2, "abc" },
  { { "rfc", "3261", "16..8" }, 2, "16..8" },
  { { "rfc", "3261", "16.8", "extra" }, 2, "at most" },
  { { "rfc", "99999999" }, 2, "99999999" },
  { { "lookup", "--bogus" }, 2, "--bogus" },
  { { "parse", "data/sip/rfc4475/wsinv.sip" }, 0, NULL },
  { { "parse", "data/sip/rfc4475/badvers.sip" }, 1, "line 1, column 34" },
  { { "parse", "--transport", "carrier-pigeon", "data/sip/rfc4475/wsinv.sip" }, 2, "carrier-pigeon" },
  { { "parse", "data/sip/no-such-file.sip" }, 2, "no-such-file" },
  /* A datagram's body runs to its end; on a stream nothing says where it ends (RFC 3261 §18.3). */
  { { "parse", "data/sip/no-content-length.sip" }, 0, NULL },
  { { "parse", "--transport", "stream", "data/sip/no-content-length.sip" }, 1, "Content-Length" },
};

static void
test_status (gconstpointer data)
{
  const StatusCase *c = data;
  g_auto(ScTestCliRun) run = { 0 };

  sc_test_cli_run (&run, NULL, c->args[0], c->args[1], c->args[2], c->args[3], c->args[4], NULL);
  if (run.status != c->status)
    g_error ("%s %s: exit %d, expected %d; stderr: %s", c->args[0], c->args[1] ? c->args[1] : "",
             run.status, c->status, run.err);
  if (c->stderr_has != NULL)
    g_assert_nonnull (strstr (run.err, c->stderr_has));
}

/* Messages are translated too, not only the knowledge base. */
static void
test_messages_japanese (void)
{
  g_auto(ScTestCliRun) run = { 0 };

  sc_test_cli_run (&run, "ja", "lookup", "abc", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "「abc」はSIPステータスコードではありません"));
}

static void
test_search_json (void)
{
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *hits;
  JsonObject *first;

  sc_test_cli_run (&run, NULL, "search", "話中", "--json", "--lang", "ja", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  hits = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (hits), >=, 2);
  first = json_array_get_object_element (hits, 0);
  g_assert_cmpint (json_object_get_int_member (first, "code"), ==, 486);
  g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==, "Busy Here");
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "話中");
  g_assert_true (json_object_has_member (first, "score"));
  g_assert_cmpfloat (json_object_get_double_member (first, "score"), >=,
                     json_object_get_double_member (json_array_get_object_element (hits, 1), "score"));
}

static void
test_compare_json (void)
{
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  sc_test_cli_run (&run, NULL, "compare", "200", "428", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  o = json_node_get_object (root);
  assert_lookup_object (json_object_get_object_member (o, "a"), 200);
  assert_lookup_object (json_object_get_object_member (o, "b"), 428);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *part = json_object_get_object_member (o, i ? "ja" : "en");
      g_assert_cmpuint (strlen (json_object_get_string_member (part, "summary")), >, 0);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (part, "differences")), >=, 2);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (part, "when")), >=, 2);
    }
}

static void
test_compare_markdown (void)
{
  g_auto(ScTestCliRun) run = { 0 };

  sc_test_cli_run (&run, "ja", "compare", "486", "600", "--markdown", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "# 486と600の比較\n"));
  g_assert_nonnull (strstr (run.out, "## 主な違い"));
}

static void
test_parse_json (void)
{
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *via;

  sc_test_cli_run (&run, NULL, "parse", "--json", "data/sip/rfc4475/transports.sip", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "request");
  g_assert_cmpstr (json_object_get_string_member (o, "method"), ==, "OPTIONS");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "via")), ==, 5);
  via = json_array_get_object_element (json_object_get_array_member (o, "via"), 1);
  g_assert_cmpstr (json_object_get_string_member (via, "transport"), ==, "SCTP");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "cseq"), "number"), >, 0);
  g_assert_true (json_object_has_member (o, "body_length"));

  /* A Via without a port has the transport's default, in JSON as in the text. */
  sc_test_cli_run (&run, NULL, "parse", "--json", "data/sip/no-content-length.sip", NULL);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  via = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "via"), 0);
  g_assert_cmpint (json_object_get_int_member (via, "port"), ==, 5060);
  g_assert_false (json_object_get_boolean_member (via, "port_given"));
  sc_test_cli_run (&run, NULL, "parse", "data/sip/no-content-length.sip", NULL);
  g_assert_nonnull (strstr (run.out, "host.example:5060 (default)"));
}

/* A message with escape sequences, a bare CR and bytes that are not UTF-8: the text shows
 * them as \xNN, and the JSON is valid. */
static void
test_parse_hostile (void)
{
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  sc_test_cli_run (&run, NULL, "parse", "data/sip/hostile-reason.sip", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strchr (run.out, '\x1b'));
  g_assert_null (strchr (run.out, '\r'));
  g_assert_null (strchr (run.out, '\x07'));
  g_assert_nonnull (strstr (run.out, "O\\x1B[2J"));
  g_assert_nonnull (strstr (run.out, "\"x\\x0Dy\""));
  g_assert_nonnull (strstr (run.out, "\\u{202E}evil"));   /* a bidi override shown, not obeyed */
  sc_test_cli_run (&run, NULL, "parse", "--json", "data/sip/hostile-reason.sip", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (root), "reason"), "\\x1B[2J"));
}

/* explain: a failure response line by line, in either language, as text or JSON; exit 1 when
 * the text holds no SIP, 2 on bad usage; hostile bytes never reach the terminal. */
static void
test_explain (void)
{
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *findings;
  gboolean has_q850 = FALSE;

  sc_test_cli_run (&run, NULL, "explain", "--lang", "en", "data/explain/503-q850-34.sip", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "line 1  503 Service Unavailable"));
  g_assert_nonnull (strstr (run.out, "line 8  Reason: Q.850 cause 34: No circuit/channel available"));
  g_assert_nonnull (strstr (run.out, "line 9  Warning 399: Miscellaneous warning"));
  g_assert_nonnull (strstr (run.out, "What to do:"));
  g_assert_null (strchr (run.out, '\r'));

  sc_test_cli_run (&run, NULL, "explain", "--lang", "ja", "data/explain/503-q850-34.sip", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "8行目  ReasonヘッダーのQ.850理由表示34"));
  g_assert_nonnull (strstr (run.out, "対処："));

  sc_test_cli_run (&run, NULL, "explain", "--json", "data/explain/503-q850-34.sip", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  findings = json_object_get_array_member (json_array_get_object_element (
               json_object_get_array_member (json_node_get_object (root), "messages"), 0), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    has_q850 |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (findings, i), "link"), "q850:34") == 0;
  g_assert_true (has_q850);

  sc_test_cli_run (&run, NULL, "explain", "data/explain/not-sip.txt", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no SIP message found"));
  sc_test_cli_run (&run, NULL, "explain", "data/explain/not-sip.txt", "data/explain/not-sip.txt", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "explain", "--lang", "fr", "data/explain/503-q850-34.sip", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "explain", "/nonexistent/trace.txt", NULL);
  g_assert_cmpint (run.status, ==, 2);

  sc_test_cli_run (&run, NULL, "explain", "data/sip/hostile-reason.sip", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strchr (run.out, '\x1b'));
  g_assert_null (strchr (run.out, '\x07'));
}

static void
openssl (const char *command)
{
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, NULL));
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s: %s", command, err);
}

/* sign --div makes a ppt=div header, verify shows its div claim in text and JSON; --attest has
 * no place in a div PASSporT and a diversion to the same number is none. */
static void
test_identity_div (const char *key,
                   const char *cert)
{
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *value = NULL;
  JsonObject *claims;

  sc_test_cli_run (&run, NULL, "identity", "sign", "--key", key, "--x5u", "https://cert.example.org/c.pem",
                   "--orig", "+81312345678", "--dest", "+81509876543", "--div", "+81-50-1234-567", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_suffix (g_strstrip (run.out), ";alg=ES256;ppt=div"));
  value = g_strdup (run.out);
  sc_test_cli_run (&run, NULL, "identity", "verify", value, "--cert", cert, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "✓ div       81501234567"));
  g_assert_null (strstr (run.out, "attest"));
  sc_test_cli_run (&run, NULL, "identity", "verify", value, "--cert", cert, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  claims = json_object_get_object_member (json_node_get_object (root), "claims");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (claims, "div"), "tn"), ==, "81501234567");
  g_assert_false (json_object_has_member (claims, "origid"));
  sc_test_cli_run (&run, NULL, "identity", "sign", "--key", key, "--x5u", "https://cert.example.org/c.pem",
                   "--orig", "+81312345678", "--dest", "+81509876543", "--div", "+81501234567", "--attest", "B", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "identity", "sign", "--key", key, "--x5u", "https://cert.example.org/c.pem",
                   "--orig", "+81312345678", "--dest", "+81509876543", "--div", "+81509876543", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "RFC 8946"));
}

/* identity sign makes a header that identity verify accepts with the certificate; a stale one
 * is refused with 403, a broken one with 438; usage errors exit 2. */
/* explain --cert checks the signature of the Identity header it meets in a pasted INVITE. */
static void
test_identity_explained (const char *dir,
                         const char *value,
                         const char *cert)
{
  g_autofree char *path = g_build_filename (dir, "invite.txt", NULL), *missing = g_build_filename (dir, "none.pem", NULL);
  g_autofree char *invite = g_strdup_printf ("INVITE sip:+81501234567@example.net SIP/2.0\r\n"
                                             "Via: SIP/2.0/TCP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
                                             "From: <sip:+81312345678@example.com>;tag=1928301774\r\n"
                                             "To: <sip:+81501234567@example.net>\r\n"
                                             "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
                                             "CSeq: 1 INVITE\r\n"
                                             "Identity: %s\r\n"
                                             "Content-Length: 0\r\n\r\n", value);
  g_auto(ScTestCliRun) run = { 0 };

  g_assert_true (g_file_set_contents (path, invite, -1, NULL));
  sc_test_cli_run (&run, NULL, "explain", path, "--cert", cert, "--lang", "en", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "The signature verifies with the certificate given."));
  g_assert_null (strstr (run.out, "Identity does not verify"));
  sc_test_cli_run (&run, NULL, "explain", path, "--lang", "en", NULL);
  g_assert_nonnull (strstr (run.out, "sip-codes identity verify --cert"));
  sc_test_cli_run (&run, NULL, "explain", path, "--cert", missing, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "none.pem"));
}

/* verify --request alone checks the request's own Identity headers: none is a 428, one valid
 * header among bad ones is enough (RFC 8224 §6.2.1). */
static void
test_identity_in_request (const char *dir,
                          const char *value,
                          const char *cert)
{
  g_autofree char *path = g_build_filename (dir, "request.txt", NULL);
  const char *head = "INVITE sip:+81501234567@example.net SIP/2.0\r\n"
                     "Via: SIP/2.0/TCP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
                     "From: <sip:+81312345678@example.com>;tag=1928301774\r\n"
                     "To: <sip:+81501234567@example.net>\r\n"
                     "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
                     "CSeq: 1 INVITE\r\n";
  g_autofree char *none = g_strconcat (head, "Content-Length: 0\r\n\r\n", NULL);
  g_autofree char *two = g_strdup_printf ("%sIdentity: e30.e30.AAAA;info=<https://cert.example.org/c.pem>\r\n"
                                          "Identity: %s\r\nContent-Length: 0\r\n\r\n", head, value);
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (g_file_set_contents (path, none, -1, NULL));
  sc_test_cli_run (&run, NULL, "identity", "verify", "--request", path, "--cert", cert, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "the request carries no Identity header"));
  g_assert_nonnull (strstr (run.out, "428 Use Identity Header"));

  g_assert_true (g_file_set_contents (path, two, -1, NULL));
  sc_test_cli_run (&run, NULL, "identity", "verify", "--request", path, "--cert", cert, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Identity header 2 of 2:"));
  g_assert_nonnull (strstr (run.out, "one valid Identity header is enough"));
  sc_test_cli_run (&run, NULL, "identity", "verify", "--request", path, "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);   /* without the certificate nothing verifies */
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "identities")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "response"), ==, 438);
  sc_test_cli_run (&run, NULL, "identity", "verify", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_identity (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sc-cli-identity-XXXXXX", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL), *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *genkey = g_strdup_printf ("openssl ecparam -name prime256v1 -genkey -noout -out %s", key);
  g_autofree char *req = g_strdup_printf ("openssl req -new -x509 -key %s -out %s -days 2 -subj /CN=cli-test", key, cert);
  g_autofree char *value = NULL, *later = NULL, *rm = g_strdup_printf ("rm -rf %s", dir);
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  openssl (genkey);
  openssl (req);
  sc_test_cli_run (&run, NULL, "identity", "sign", "--key", key, "--x5u", "https://cert.example.org/c.pem",
                   "--orig", "+81-3-1234-5678", "--dest", "+81501234567", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Identity: "));
  value = g_strdup (g_strstrip (run.out));
  sc_test_cli_run (&run, NULL, "identity", "verify", value, "--cert", cert, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "✓ signature"));
  g_assert_nonnull (strstr (run.out, "81312345678"));
  later = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC + 300);
  sc_test_cli_run (&run, NULL, "identity", "verify", value, "--cert", cert, "--now", later, "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (run.out);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "verified"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "response"), ==, 403);
  sc_test_cli_run (&run, NULL, "identity", "verify", "Identity: abc.def;info=<https://x>", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "438"));
  test_identity_explained (dir, value + strlen ("Identity: "), cert);
  test_identity_in_request (dir, value + strlen ("Identity: "), cert);
  test_identity_div (key, cert);
  sc_test_cli_run (&run, NULL, "identity", "sign", "--x5u", "https://x", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "identity", "verify", value, "--now", "yesterday", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "identity", NULL);
  g_assert_cmpint (run.status, ==, 2);
  openssl (rm);
}

/* identity verify speaks the session's language: an unsigned SHAKEN PASSporT whose iat is 4000 s
 * older than --now and whose orig is a bare string, each check said in Japanese, in English
 * otherwise; the claims and check ids stay as they are. */
#define STALE_BARE_IDENTITY \
  "Identity: eyJhbGciOiJFUzI1NiIsInBwdCI6InNoYWtlbiIsInR5cCI6InBhc3Nwb3J0IiwieDV1IjoiaHR0cHM6Ly9jZXJ0LmV4YW1wbGUub3JnL2MucGVtIn0." \
  "eyJhdHRlc3QiOiJBIiwiZGVzdCI6eyJ0biI6WyI4MTUwMTIzNDU2NyJdfSwiaWF0IjoxMDAwLCJvcmlnIjoiODEzMTIzNDU2NzgiLCJvcmlnaWQiOiIxMjNl" \
  "NDU2Ny1lODliLTQyZDMtYTQ1Ni00MjY2MTQxNzQwMDAifQ.AAAA;info=<https://cert.example.org/c.pem>;alg=ES256;ppt=shaken"

static void
test_identity_japanese (void)
{
  g_auto(ScTestCliRun) ja = { 0 };
  g_auto(ScTestCliRun) en = { 0 };

  sc_test_cli_run (&ja, "ja", "identity", "verify", STALE_BARE_IDENTITY, "--now", "5000", NULL);
  sc_test_cli_run (&en, NULL, "identity", "verify", STALE_BARE_IDENTITY, "--now", "5000", NULL);
  g_assert_cmpint (ja.status, ==, 1);
  g_assert_cmpint (en.status, ==, 1);
  g_assert_nonnull (strstr (ja.out, "✓ form      完全形のPASSporT（RFC 8224 §4.1）"));
  g_assert_nonnull (strstr (ja.out, "✗ iat       iatが4000秒前です。新しいとみなすのは60秒以内です（RFC 8224 §6.2.1）"));
  g_assert_nonnull (strstr (ja.out, "✗ orig      origが単なる値です。オブジェクト{\"tn\": …}で表す必要があります"));
  g_assert_nonnull (strstr (ja.out, "\"orig\" : \"81312345678\""));
  g_assert_null (strstr (ja.out, "s old"));
  g_assert_nonnull (strstr (en.out, "✗ iat       iat is 4000 s old: fresh means within 60 s (RFC 8224 §6.2.1)"));
  g_assert_nonnull (strstr (en.out, "✗ orig      orig is a bare value"));
  g_assert_null (strstr (en.out, "秒前"));
}

static void
test_list_json (void)
{
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *codes;

  sc_test_cli_run (&run, NULL, "list", "--class", "6xx", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  codes = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (codes), ==, 7);
  for (guint i = 0; i < json_array_get_length (codes); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (codes, i), "class"), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("SIP_CODES_BIN"));

  g_test_add_func ("/sc/cli/lookup-json", test_lookup_json);
  g_test_add_func ("/sc/cli/lookup-language", test_lookup_language);
  g_test_add_func ("/sc/cli/rfc-section", test_rfc_section);
  g_test_add_func ("/sc/cli/lookup-sources", test_lookup_sources);
  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sc/cli/status/%02u", i);
      g_test_add_data_func (path, &status_cases[i], test_status);
    }
  g_test_add_func ("/sc/cli/messages-japanese", test_messages_japanese);
  g_test_add_func ("/sc/cli/search-json", test_search_json);
  g_test_add_func ("/sc/cli/compare-json", test_compare_json);
  g_test_add_func ("/sc/cli/compare-markdown", test_compare_markdown);
  g_test_add_func ("/sc/cli/list-json", test_list_json);
  g_test_add_func ("/sc/cli/parse-json", test_parse_json);
  g_test_add_func ("/sc/cli/parse-hostile", test_parse_hostile);
  g_test_add_func ("/sc/cli/explain", test_explain);
  g_test_add_func ("/sc/cli/identity", test_identity);
  g_test_add_func ("/sc/cli/identity-japanese", test_identity_japanese);
  return g_test_run ();
}
