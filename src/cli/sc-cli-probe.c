/* sip-codes probe URI: send one request to a real server and explain every answer. Exit 0
 * when a final response arrived (whatever its code), 3 on timeout or a network error, 2 on bad
 * usage, 4 when --expect is given and the final code is not among the expected ones, 130 when
 * Ctrl+C stopped it before a final response. */
#define G_LOG_DOMAIN "sc-cli-probe"

#include "config.h"

#include "sc-cli-private.h"

#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sc-cli-json.h"
#include "sc-kb-database.h"
#include "sc-sip-message.h"
#include "sc-sip-probe.h"

typedef struct {
  GMainLoop            *loop;
  GCancellable         *cancellable;
  ScSipProbeResult     *result;
  GError               *error;
  ScSipCertificateInfo *refused;   /* the server's certificate, when it failed the probe */
  gboolean              json;
} Outcome;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Outcome *outcome = data;

  if (outcome->loop == NULL)   /* a second Ctrl+C already gave up on it */
    return;
  outcome->result = sc_sip_probe_run_finish (result, &outcome->error);
  outcome->refused = sc_sip_probe_get_rejected_certificate (result);
  g_main_loop_quit (outcome->loop);
}

/* Ctrl+C ends the probe the way a phone would: a ringing INVITE is cancelled with CANCEL
 * and its 487 still reported. Cancelling may wait for the server, so a second Ctrl+C
 * stops at once. */
static gboolean
on_interrupt (gpointer data)
{
  Outcome *outcome = data;

  if (!g_cancellable_is_cancelled (outcome->cancellable))
    {
      if (!outcome->json)
        g_printerr (_("sip-codes probe: cancelling (press Ctrl+C again to stop at once)\n"));
      g_cancellable_cancel (outcome->cancellable);
      return G_SOURCE_CONTINUE;
    }
  g_set_error_literal (&outcome->error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("stopped before the server answered the cancellation"));
  g_main_loop_quit (outcome->loop);
  return G_SOURCE_REMOVE;
}

static void
run_probe (const ScSipProbeOptions *options,
           Outcome                 *outcome)
{
  guint interrupt_id;

  outcome->loop = g_main_loop_new (NULL, FALSE);
  outcome->cancellable = g_cancellable_new ();
  interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, outcome);
  sc_sip_probe_run_async (options, outcome->cancellable, on_done, outcome);
  g_main_loop_run (outcome->loop);
  g_clear_handle_id (&interrupt_id, g_source_remove);
  g_clear_pointer (&outcome->loop, g_main_loop_unref);
}

/* "200", "2xx", "200,401,4xx": does @code match? */
static gboolean
expect_matches (const char *expect,
                guint       code)
{
  g_auto(GStrv) items = g_strsplit (expect, ",", -1);
  char digits[4];

  g_snprintf (digits, sizeof digits, "%u", code);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);
      gboolean match = strlen (item) == 3;
      for (guint j = 0; match && j < 3; j++)
        match = item[j] == digits[j] || ((item[j] == 'x' || item[j] == 'X') && j > 0);
      if (match)
        return TRUE;
    }
  return FALSE;
}

static gboolean
valid_expect (const char *expect)
{
  g_auto(GStrv) items = g_strsplit (expect, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    if (!g_regex_match_simple ("^[1-6]([0-9]{2}|[0-9][xX]|[xX]{2})$", g_strstrip (items[i]), 0, 0))
      return FALSE;
  return items[0] != NULL;
}

static char *
read_password (const char *file,
               const char *env,
               GError    **error)
{
  char *password = NULL;

  if (env != NULL)
    {
      const char *value = g_getenv (env);
      if (value == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("the environment variable %s is not set"), env);
          return NULL;
        }
      return g_strdup (value);
    }
  if (!g_file_get_contents (file, &password, NULL, error))
    return NULL;
  g_strchomp (password);   /* a trailing newline is not part of the password */
  return password;
}

static const char *
explanation (ScKbDatabase *db,
             guint         code,
             ScKbLang      lang,
             ScKbEntry   **keep)
{
  ScKbEntry *entry = db ? sc_kb_database_lookup (db, code, NULL) : NULL;

  *keep = entry;
  return entry ? sc_kb_entry_get_text (entry, lang)->summary : NULL;
}

/* Server or User-Agent, and every Allow and Supported value of the final response. */
static void
describe_peer (const ScSipProbeResult *result,
               char                  **server,
               GStrv                  *allow,
               GStrv                  *supported)
{
  g_autoptr(GStrvBuilder) allow_b = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) supported_b = g_strv_builder_new ();
  g_autoptr(ScSipMessage) msg = NULL;
  const ScSipHeader *h;

  for (guint i = result->events->len; i > 0 && msg == NULL; i--)
    {
      ScSipProbeEvent *event = g_ptr_array_index (result->events, i - 1);
      if (!event->outgoing && event->status == result->status)
        msg = sc_sip_message_parse (event->bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
    }
  *server = NULL;
  if (msg != NULL && ((h = sc_sip_message_find (msg, SC_SIP_HEADER_SERVER, 0)) ||
                      (h = sc_sip_message_find (msg, SC_SIP_HEADER_USER_AGENT, 0))))
    *server = sc_sip_slice_dup (h->value);
  for (guint i = 0; msg != NULL && (h = sc_sip_message_find (msg, SC_SIP_HEADER_ALLOW, i)); i++)
    {
      g_autofree char *value = sc_sip_slice_dup (h->value);
      g_auto(GStrv) items = g_strsplit (value, ",", -1);
      for (guint j = 0; items[j] != NULL; j++)
        if (*g_strstrip (items[j]) != '\0')
          g_strv_builder_add (allow_b, items[j]);
    }
  for (guint i = 0; msg != NULL && (h = sc_sip_message_find (msg, SC_SIP_HEADER_SUPPORTED, i)); i++)
    {
      g_autofree char *value = sc_sip_slice_dup (h->value);
      g_auto(GStrv) items = g_strsplit (value, ",", -1);
      for (guint j = 0; items[j] != NULL; j++)
        if (*g_strstrip (items[j]) != '\0')
          g_strv_builder_add (supported_b, items[j]);
    }
  *allow = g_strv_builder_end (allow_b);
  *supported = g_strv_builder_end (supported_b);
}

static const char *
error_kind (const GError *error)
{
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT))
    return "timeout";
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_RESOLVE))
    return "resolve";
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE))
    return "unreachable";
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_MALFORMED))
    return "malformed";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_CERTIFICATE))
    return "certificate";
  return "usage";
}

static void
add_response (JsonBuilder  *builder,
              ScKbDatabase *db,
              ScKbLang      lang,
              guint         code,
              const char   *reason,
              gint64        t_us)
{
  g_autoptr(ScKbEntry) entry = NULL;
  const char *text = explanation (db, code, lang, &entry);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason);
  if (t_us >= 0)
    {
      json_builder_set_member_name (builder, "t_ms");
      json_builder_add_int_value (builder, (t_us + 500) / 1000);
    }
  json_builder_set_member_name (builder, "explanation");
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

/* The reason phrase of a recorded response. */
static char *
event_reason (const ScSipProbeEvent *event)
{
  g_autoptr(ScSipMessage) msg = sc_sip_message_parse (event->bytes, SC_SIP_FRAMING_DATAGRAM, NULL);

  return msg ? sc_sip_slice_dup (msg->reason) : g_strdup ("");
}

/* The certificate's expiry as JSON has it: ISO 8601 in UTC. */
static char *
iso8601_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = time ? g_date_time_to_utc (time) : NULL;

  return utc ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* What the user needs to decide to pin the certificate: {"server", "fingerprint", …}. */
static void
add_certificate (JsonBuilder                *b,
                 const ScSipCertificateInfo *info)
{
  g_autofree char *not_after = iso8601_utc (info->not_after);

  json_builder_begin_object (b);
  sc_cli_json_add_string (b, "server", info->server);
  sc_cli_json_add_string (b, "fingerprint", info->fingerprint);
  sc_cli_json_add_string (b, "subject", info->subject);
  sc_cli_json_add_string (b, "issuer", info->issuer);
  sc_cli_json_add_string (b, "not_after", not_after);
  json_builder_end_object (b);
}

static JsonNode *
outcome_json (const char       *target,
              const char       *transport,
              const Outcome    *outcome,
              ScKbDatabase     *db,
              ScKbLang          lang)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const ScSipProbeResult *r = outcome->result;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, target);
  json_builder_set_member_name (b, "transport");
  if (r != NULL && r->remote != NULL)
    {
      g_autofree char *name = g_strndup (r->remote, strcspn (r->remote, " "));
      json_builder_add_string_value (b, name);
    }
  else
    json_builder_add_string_value (b, transport ? transport : g_ascii_strncasecmp (target, "sips:", 5) == 0 ? "tls" : "udp");
  json_builder_set_member_name (b, "final");
  if (r != NULL)
    add_response (b, db, lang, r->status, r->reason, -1);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "responses");
  json_builder_begin_array (b);
  for (guint i = 0; r != NULL && i < r->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (r->events, i);
      g_autofree char *reason = NULL;
      if (event->outgoing || event->status == 0)
        continue;
      reason = event_reason (event);
      add_response (b, db, lang, event->status, reason, event->t_us);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rtt_ms");
  if (r != NULL)
    json_builder_add_int_value (b, (r->rtt_us + 500) / 1000);
  else
    json_builder_add_null_value (b);
  if (r != NULL)
    {
      g_autofree char *server = NULL;
      g_auto(GStrv) allow = NULL, supported = NULL;

      describe_peer (r, &server, &allow, &supported);
      json_builder_set_member_name (b, "retransmissions");
      json_builder_add_int_value (b, r->retransmissions);
      json_builder_set_member_name (b, "auth_attempts");
      json_builder_add_int_value (b, r->auth_attempts);
      json_builder_set_member_name (b, "server");
      server ? json_builder_add_string_value (b, server) : json_builder_add_null_value (b);
      sc_cli_json_add_strv (b, "allow", (const char * const *) allow);
      sc_cli_json_add_strv (b, "supported", (const char * const *) supported);
    }
  json_builder_set_member_name (b, "error");
  if (outcome->error != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, error_kind (outcome->error));
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, outcome->error->message);
      json_builder_set_member_name (b, "certificate");
      if (outcome->refused != NULL)
        add_certificate (b, outcome->refused);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_outcome (const Outcome *outcome,
               ScKbDatabase  *db,
               ScKbLang       lang,
               gboolean       verbose)
{
  const ScSipProbeResult *r = outcome->result;
  g_autofree char *server = NULL;
  g_auto(GStrv) allow = NULL, supported = NULL;

  for (guint i = 0; r != NULL && i < r->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (r->events, i);
      gsize len;
      const char *data = g_bytes_get_data (event->bytes, &len);
      const char *eol = memchr (data, '\r', len);

      printf ("%8.1f ms  %s %.*s%s\n", event->t_us / 1000.0, event->outgoing ? "→" : "←",
              (int) (eol ? eol - data : (gssize) MIN (len, 80)), data,
              event->retransmission ? _("  (retransmission)") : "");
      if (!event->outgoing && event->status >= 100)
        {
          g_autoptr(ScKbEntry) entry = NULL;
          const char *text = explanation (db, event->status, lang, &entry);
          if (text != NULL)
            printf ("             %s\n", text);
        }
      if (verbose)
        printf ("\n%.*s\n", (int) len, data);
    }
  if (r == NULL)
    return;
  printf ("\n%s %u %s, %.1f ms\n", _("Final response:"), r->status, r->reason, r->rtt_us / 1000.0);
  describe_peer (r, &server, &allow, &supported);
  if (server != NULL)
    printf ("%s %s\n", _("Server:"), server);
  if (allow[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", allow);
      printf ("%s %s\n", _("Allow:"), joined);
    }
  if (supported[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", supported);
      printf ("%s %s\n", _("Supported:"), joined);
    }
}

/* The refused certificate, so that the user can check it and pin it with its fingerprint. */
static void
print_refused (const ScSipCertificateInfo *info)
{
  g_autoptr(GDateTime) utc = info->not_after ? g_date_time_to_utc (info->not_after) : NULL;
  g_autofree char *not_after = utc ? g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC") : NULL;

  g_printerr (_("The certificate of %s:\n"), info->server);
  g_printerr ("  %s %s\n", _("SHA-256 fingerprint:"), info->fingerprint);
  g_printerr ("  %s %s\n", _("Subject:"), info->subject ? info->subject : "");
  g_printerr ("  %s %s\n", _("Issuer:"), info->issuer ? info->issuer : "");
  if (not_after != NULL)
    g_printerr ("  %s %s\n", _("Valid until:"), not_after);
}

static GBytes *
read_body (const char  *path,
           GError     **error)
{
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  return g_bytes_new_take (data, len);
}

int
sc_cli_probe (int    argc,
              char **argv)
{
  ScCliCommon common = { 0 };
  g_autofree char *method = NULL, *transport = NULL, *user = NULL, *password_file = NULL, *ca_file = NULL, *pin = NULL;
  g_autofree char *password_env = NULL, *body_file = NULL, *content_type = NULL, *expect = NULL;
  g_auto(GStrv) headers = NULL;
  double timeout = 0;
  gboolean verbose = FALSE, insecure = FALSE;
  GOptionEntry entries[] = {
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("Request method (default OPTIONS)"), "M" },
    { "transport", 0, 0, G_OPTION_ARG_STRING, &transport, N_("udp, tcp or tls (default: the URI’s, else udp; tls for sips:)"), "udp|tcp|tls" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("User name for digest authentication"), "U" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, N_("Read the password from a file"), "F" },
    { "password-env", 0, 0, G_OPTION_ARG_STRING, &password_env, N_("Read the password from an environment variable"), "VAR" },
    { "header", 0, 0, G_OPTION_ARG_STRING_ARRAY, &headers, N_("An extra header, e.g. “Identity: …” (repeatable)"), "'Name: value'" },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("Send this file as the body"), "F" },
    { "content-type", 0, 0, G_OPTION_ARG_STRING, &content_type, N_("Content-Type of the body"), "T" },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, N_("Give up after this many seconds (default: the transaction's own 32 s)"), "SECONDS" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("TLS: trust the authorities in this PEM file instead of the system’s"), "F" },
    { "pin-certificate", 0, 0, G_OPTION_ARG_STRING, &pin, N_("TLS: trust the server’s certificate with this SHA-256 fingerprint (AB:CD:…) even if it does not verify"), "SHA256" },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &insecure, N_("TLS: accept the server’s certificate even if it does not verify"), NULL },
    { "expect", 0, 0, G_OPTION_ARG_STRING, &expect, N_("Exit 4 unless the final code is one of these, e.g. 200 or 2xx,401"), "LIST" },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &verbose, N_("Show the raw messages"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &common.lang_name, N_("Language of the explanations: en or ja"), "LANG" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &common.json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("URI"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ScKbDatabase) db = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *password = NULL;
  Outcome outcome = { 0 };
  ScSipProbeOptions options = { 0 };
  int status = SC_CLI_EXIT_OK;

  g_option_context_set_summary (context, _("Send one SIP request to a server and explain every response."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sc_cli_parse (context, &common, &argc, &argv, "probe", &status))
    goto out;
  if (argc != 2)
    {
      status = sc_cli_usage_error ("probe", _("give one target, e.g. “sip-codes probe sip:pbx.example.com”"));
      goto out;
    }
  if (transport != NULL && !g_str_equal (transport, "udp") && !g_str_equal (transport, "tcp") &&
      !g_str_equal (transport, "tls"))
    {
      status = sc_cli_usage_error ("probe", _("--transport takes udp, tcp or tls, not “%s”"), transport);
      goto out;
    }
  if (ca_file != NULL && !g_file_test (ca_file, G_FILE_TEST_IS_REGULAR))
    {
      status = sc_cli_usage_error ("probe", _("--ca-file %s: no such file"), ca_file);
      goto out;
    }
  if (expect != NULL && !valid_expect (expect))
    {
      status = sc_cli_usage_error ("probe", _("--expect takes codes or classes like 200, 2xx or 200,401"));
      goto out;
    }
  if (timeout < 0 || timeout > 3600)
    {
      status = sc_cli_usage_error ("probe", _("--timeout must be between 0 and 3600 seconds"));
      goto out;
    }
  if ((password_file != NULL || password_env != NULL) && user == NULL)
    {
      status = sc_cli_usage_error ("probe", _("a password needs --user"));
      goto out;
    }
  if (user != NULL && (password_file != NULL || password_env != NULL) &&
      !(password = read_password (password_file, password_env, &error)))
    {
      status = sc_cli_usage_error ("probe", "%s", error->message);
      goto out;
    }
  if (user != NULL && password == NULL)
    {
      status = sc_cli_usage_error ("probe", _("--user needs --password-file or --password-env (a password is never taken on the command line)"));
      goto out;
    }
  if (body_file != NULL && !(body = read_body (body_file, &error)))
    {
      status = sc_cli_usage_error ("probe", "%s", error->message);
      goto out;
    }

  options = (ScSipProbeOptions) { .target = argv[1], .transport = transport, .method = method ? method : "OPTIONS", .username = user,
                                  .password = password, .headers = (const char * const *) headers, .body = body,
                                  .content_type = content_type, .timeout_ms = (guint) (timeout * 1000),
                                  .ca_file = ca_file, .accept_any_certificate = insecure, .pinned_certificate = pin };
  outcome.json = common.json;
  run_probe (&options, &outcome);
  if (password != NULL)
    memset (password, 0, strlen (password));

  db = sc_kb_database_open_default (NULL);   /* explanations are a bonus: a probe works without */
  if (common.json)
    sc_cli_json_print (outcome_json (argv[1], transport, &outcome, db, common.lang));
  else
    print_outcome (&outcome, db, common.lang, verbose);

  if (outcome.error != NULL)
    {
      if (!common.json)
        g_printerr ("sip-codes probe: %s\n", outcome.error->message);
      if (!common.json && outcome.refused != NULL)
        print_refused (outcome.refused);
      if (!common.json && g_error_matches (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_CERTIFICATE))
        g_printerr (_("Use --ca-file FILE to trust the authority that signed it, --pin-certificate SHA256 to trust this "
                      "certificate alone by its fingerprint, or --insecure to accept any certificate.\n"));
      if (g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        status = SC_CLI_EXIT_INTERRUPTED;
      else
        status = g_error_matches (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE) ||
                 g_error_matches (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNSUPPORTED)
                 ? SC_CLI_EXIT_USAGE : SC_CLI_EXIT_NETWORK;
    }
  else if (expect != NULL && !expect_matches (expect, outcome.result->status))
    {
      if (!common.json)
        g_printerr (_("sip-codes probe: the final response was %u, not %s\n"), outcome.result->status, expect);
      status = SC_CLI_EXIT_UNEXPECTED;
    }
out:
  g_clear_pointer (&outcome.result, sc_sip_probe_result_free);
  g_clear_error (&outcome.error);
  g_clear_pointer (&outcome.refused, sc_sip_certificate_info_free);
  g_clear_object (&outcome.cancellable);
  g_free (common.lang_name);
  return status;
}
