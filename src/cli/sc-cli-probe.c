/* sip-codes probe URI: send one request to a real server and explain every answer. Exit 0
 * when a final response arrived (whatever its code), 3 on timeout or a network error (a
 * ringing INVITE cut by the time limit included), 2 on bad usage, 4 when --expect is given and
 * the final code is not among the expected ones, 130 when Ctrl+C stopped it before a final
 * response. */
#define G_LOG_DOMAIN "sc-cli-probe"

#include "config.h"

#include "sc-capture-writer.h"
#include "sc-stir-signer.h"
#include "sc-cli-private.h"

#include <glib-unix.h>
#include <math.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sc-cli-input.h"
#include "sc-cli-json.h"
#include "sc-cli-probe-report.h"
#include "sc-kb-database.h"
#include "sc-sip-message.h"
#include "sc-sip-probe.h"

typedef ScCliProbeOutcome Outcome;

/* A password is short; a file that is not means a mistake (or /dev/zero). */
#define MAX_PASSWORD 4096

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
  /* What was seen so far is printed; the probe itself is left to end with the process. */
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
  g_autoptr(GBytes) bytes = NULL;
  char *password = NULL;
  const char *data;
  gsize len;

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
  bytes = sc_cli_read_bounded (file, MAX_PASSWORD, _("a password file"), error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  if (memchr (data, '\0', len) != NULL || !g_utf8_validate (data, len, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("the password file holds a NUL byte or text that is not UTF-8"));
      return NULL;
    }
  password = g_strndup (data, len);
  g_strchomp (password);   /* a trailing newline is not part of the password */
  return password;
}

/* --timeout: a number of seconds, more than nothing and at most an hour ("nan", "1e-9" and
 * "0.0009", which would round to no limit at all, are refused). */
static gboolean
parse_timeout (const char *text,
               guint      *timeout_ms)
{
  char *end = NULL;
  double seconds;

  if (text == NULL)
    {
      *timeout_ms = 0;
      return TRUE;
    }
  seconds = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (seconds) || seconds < 0.001 || seconds > 3600)
    return FALSE;
  *timeout_ms = (guint) (seconds * 1000 + 0.5);
  return TRUE;
}

static GBytes *
read_body (const char  *path,
           GError     **error)
{
  return sc_cli_read_bounded (path, SC_SIP_MAX_MESSAGE_SIZE, _("a message body"), error);
}

/* --identity-key and --x5u: a STIR/SHAKEN authentication service signing every request sent
 * (a fresh iat and origid each, the request after a challenge included). */
static ScSipIdentitySigner *
make_signer (const char  *key_path,
             const char  *x5u,
             const char  *attest,
             const char  *orig,
             const char  *dest,
             GError     **error)
{
  g_autoptr(GBytes) key = NULL;
  g_autoptr(ScStirSigner) signer = NULL;

  if (x5u == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("--identity-key needs --x5u, the certificate’s https:// URL"));
      return NULL;
    }
  if (!(key = sc_cli_read_bounded (key_path, 64 * 1024, _("a private key"), error)) ||
      !(signer = sc_stir_signer_new (key, x5u, attest ? attest : "A", error)) ||
      !sc_stir_signer_set_tns (signer, orig, dest, error))
    return NULL;
  return SC_SIP_IDENTITY_SIGNER (g_steal_pointer (&signer));
}

/* --pcap: what was sent and received, as packets between the probe's socket and the server. */
static gboolean
write_capture (const char             *path,
               const ScSipProbeResult *result,
               GError                **error)
{
  g_autoptr(ScCaptureWriter) writer = sc_capture_writer_new (path, error);

  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < result->events->len; i++)
    {
      const ScSipProbeEvent *event = g_ptr_array_index (result->events, i);
      const char *space = event->remote ? strchr (event->remote, ' ') : NULL;
      g_autofree char *transport = space ? g_strndup (event->remote, space - event->remote) : NULL;

      if (event->local == NULL || space == NULL)
        continue;
      if (!sc_capture_writer_add (writer, event->time_us, transport, event->outgoing ? event->local : space + 1,
                                  event->outgoing ? space + 1 : event->local, event->bytes, error))
        return FALSE;
    }
  return sc_capture_writer_close (writer, error);
}

int
sc_cli_probe (int    argc,
              char **argv)
{
  ScCliCommon common = { 0 };
  g_autofree char *method = NULL, *transport = NULL, *user = NULL, *password_file = NULL, *ca_file = NULL, *pin = NULL;
  g_autofree char *password_env = NULL, *body_file = NULL, *content_type = NULL, *expect = NULL;
  g_autofree char *timeout = NULL, *aor = NULL;
  g_autofree char *identity_key = NULL, *x5u = NULL, *attest = NULL, *orig = NULL, *dest = NULL, *pcap_path = NULL;
  g_autoptr(ScSipIdentitySigner) signer = NULL;
  g_auto(GStrv) headers = NULL;
  gint64 expires = -1;
  guint timeout_ms = 0;
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
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout, N_("Time limit for the whole exchange, ringing included (default 32 s, at most 3600); a call still ringing then is cancelled"), "SECONDS" },
    { "aor", 0, 0, G_OPTION_ARG_STRING, &aor, N_("REGISTER: the address of record (To and From; default: the target’s user, or --user, at the target’s host)"), "sip:USER@DOMAIN" },
    { "expires", 0, 0, G_OPTION_ARG_INT64, &expires, N_("REGISTER: how long the binding lasts (default 60 s); 0 removes every binding of the address of record (Contact: *)"), "SECONDS" },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("TLS: trust the authorities in this PEM file instead of the system’s"), "F" },
    { "pin-certificate", 0, 0, G_OPTION_ARG_STRING, &pin, N_("TLS: trust the server’s certificate with this SHA-256 fingerprint (AB:CD:…) even if it does not verify"), "SHA256" },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &insecure, N_("TLS: accept the server’s certificate even if it does not verify"), NULL },
    { "identity-key", 0, 0, G_OPTION_ARG_FILENAME, &identity_key, N_("STIR/SHAKEN: sign every request with this P-256 key (PEM): a fresh Identity header each"), "F" },
    { "x5u", 0, 0, G_OPTION_ARG_STRING, &x5u, N_("STIR/SHAKEN: where verifiers fetch the certificate (https://…)"), "URL" },
    { "attest", 0, 0, G_OPTION_ARG_STRING, &attest, N_("STIR/SHAKEN: attestation A, B or C (default A)"), "A|B|C" },
    { "orig", 0, 0, G_OPTION_ARG_STRING, &orig, N_("STIR/SHAKEN: the calling number to sign (default: that of P-Asserted-Identity, else From’s)"), "TN" },
    { "dest", 0, 0, G_OPTION_ARG_STRING, &dest, N_("STIR/SHAKEN: the called number to sign (default: To’s)"), "TN" },
    { "pcap", 0, 0, G_OPTION_ARG_FILENAME, &pcap_path, N_("Write the exchange to this capture file (pcap), to hand to a vendor"), "F" },
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
  if (!parse_timeout (timeout, &timeout_ms))
    {
      status = sc_cli_usage_error ("probe", _("--timeout takes a number of seconds from 0.001 to 3600, not “%s”"),
                                   timeout);
      goto out;
    }
  if (expires < -1 || expires > G_MAXINT32 || (expires >= 0 && (method == NULL || g_ascii_strcasecmp (method, "REGISTER") != 0)))
    {
      status = sc_cli_usage_error ("probe", _("--expires takes a number of seconds (0 to remove the bindings), with --method REGISTER"));
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
  /* Nothing the user saved is overwritten. */
  if (pcap_path != NULL && g_file_test (pcap_path, G_FILE_TEST_EXISTS))
    {
      status = sc_cli_usage_error ("probe", _("%s exists: give --pcap a new file name"), pcap_path);
      goto out;
    }
  if ((x5u != NULL || attest != NULL || orig != NULL || dest != NULL) && identity_key == NULL)
    {
      status = sc_cli_usage_error ("probe", _("--x5u, --attest, --orig and --dest go with --identity-key"));
      goto out;
    }
  if (identity_key != NULL && !(signer = make_signer (identity_key, x5u, attest, orig, dest, &error)))
    {
      status = sc_cli_usage_error ("probe", "%s", error->message);
      goto out;
    }

  options = (ScSipProbeOptions) { .target = argv[1], .transport = transport, .method = method ? method : "OPTIONS", .username = user,
                                  .password = password, .headers = (const char * const *) headers, .body = body,
                                  .content_type = content_type, .timeout_ms = timeout_ms, .aor = aor,
                                  .expires = expires > 0 ? (guint) expires : 0, .unregister = expires == 0,
                                  .ca_file = ca_file, .accept_any_certificate = insecure, .pinned_certificate = pin,
                                  .identity = signer };
  outcome.json = common.json;
  run_probe (&options, &outcome);
  if (password != NULL)
    memset (password, 0, strlen (password));
  if (pcap_path != NULL && outcome.result != NULL && !write_capture (pcap_path, outcome.result, &error))
    g_printerr ("sip-codes probe: %s\n", error->message);

  db = sc_kb_database_open_default (NULL);   /* explanations are a bonus: a probe works without */
  if (common.json)
    sc_cli_json_print (sc_cli_probe_json (argv[1], transport, &outcome, db, common.lang));
  else
    sc_cli_probe_print (&outcome, db, common.lang, verbose);

  if (outcome.error != NULL)
    {
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
