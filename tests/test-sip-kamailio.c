/* The probe against Kamailio, the registrar many of our users run: digest with MD5 and SHA-256
 * (RFC 8760) over UDP, TCP and TLS, on 127.0.0.1 and ::1, certificate checks, and the 428 a
 * STIR/SHAKEN verifier sends for an INVITE without Identity. Each test starts its own Kamailio
 * on free loopback ports; TLS uses a certificate made here with openssl for 127.0.0.1 and ::1. */
#include <locale.h>
#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sc-sip-probe.h"
#include "sc-test-cli.h"
#include "sc-test-probe.h"

#include "sc-sip-probe-advice.h"
#include "sc-test-kamailio.h"

/* The hash the server asked for is the one the client answered with. */
static gboolean
sent_with_algorithm (const ScSipProbeResult *result,
                     const char             *algorithm)
{
  g_autofree char *expected = g_strdup_printf ("algorithm=%s", algorithm);

  for (guint i = 0; i < result->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (result->events, i);
      gsize len;
      const char *data = g_bytes_get_data (event->bytes, &len);

      if (event->outgoing && g_strstr_len (data, len, "Authorization: Digest") != NULL &&
          g_strstr_len (data, len, expected) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
assert_register (const char *ip,
                 const char *transport,
                 const char *algorithm,
                 const char *password,
                 guint       expected)
{
  ScTestKamailio *k = sc_test_kamailio_start (ip, algorithm);
  g_autofree char *target = sc_test_kamailio_target (k, ip);
  ScSipProbeOptions options = { .target = target, .transport = transport, .method = "REGISTER",
                                .username = "alice", .password = password, .timeout_ms = 10000 };
  ScTestOutcome outcome;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, expected);
  g_assert_cmpuint (outcome.result->auth_attempts, >=, 1);
  g_assert_true (sent_with_algorithm (outcome.result, algorithm));
  g_assert_true (g_str_has_prefix (outcome.result->remote, transport));
  sc_test_outcome_clear (&outcome);
  sc_test_kamailio_stop (k);
}

static void
test_register_md5_udp (void)
{
  assert_register ("127.0.0.1", "udp", "MD5", "secret", 200);
}

static void
test_register_sha256_tcp (void)
{
  assert_register ("127.0.0.1", "tcp", "SHA-256", "secret", 200);
}

static void
test_register_sha256_ipv6 (void)
{
  assert_register ("::1", "udp", "SHA-256", "secret", 200);
}

/* A wrong password: Kamailio challenges again, and the probe stops rather than loop. */
static void
test_register_wrong_password (void)
{
  assert_register ("127.0.0.1", "udp", "MD5", "not-the-password", 401);
}

/* A proxy's 407: the probe answers with Proxy-Authorization, and Kamailio lets the MESSAGE
 * through. */
static void
test_message_proxy_auth (void)
{
  ScTestKamailio *k = sc_test_kamailio_start ("127.0.0.1", "SHA-256");
  g_autofree char *target = g_strdup_printf ("sip:bob@127.0.0.1:%u", k->port);
  g_autoptr(GBytes) body = g_bytes_new_static ("hello", 5);
  ScSipProbeOptions options = { .target = target, .method = "MESSAGE", .username = "alice", .password = "secret",
                                .body = body, .content_type = "text/plain", .timeout_ms = 10000 };
  ScTestOutcome outcome;
  gboolean challenged = FALSE, answered = FALSE;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  for (guint i = 0; i < outcome.result->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (outcome.result->events, i);
      gsize len;
      const char *data = g_bytes_get_data (event->bytes, &len);

      challenged |= event->status == 407;
      answered |= event->outgoing && g_strstr_len (data, len, "\r\nProxy-Authorization: Digest ") != NULL;
    }
  g_assert_true (challenged);
  g_assert_true (answered);
  g_assert_true (sent_with_algorithm (outcome.result, "SHA-256"));
  sc_test_outcome_clear (&outcome);
  sc_test_kamailio_stop (k);
}

static void
assert_invite_428 (const char *transport)
{
  ScTestKamailio *k = sc_test_kamailio_start ("127.0.0.1", "MD5");
  g_autofree char *target = g_strdup_printf ("sip:bob@127.0.0.1:%u", k->port);
  ScSipProbeOptions options = { .target = target, .transport = transport, .method = "INVITE",
                                .timeout_ms = 10000 };
  ScTestOutcome outcome;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 428);
  g_assert_cmpstr (outcome.result->reason, ==, "Use Identity Header");
  sc_test_outcome_clear (&outcome);
  sc_test_kamailio_stop (k);
}

static void
test_invite_428_udp (void)
{
  assert_invite_428 ("udp");
}

static void
test_invite_428_tcp (void)
{
  assert_invite_428 ("tcp");
}

#define LOOPBACK_NAMES "IP:127.0.0.1,IP:::1"

/* REGISTER to sips:@host at Kamailio's TLS port. */
static void
probe_tls_pinned (const ScTestKamailio    *k,
                  const char        *host,
                  const char        *ca_file,
                  gboolean           accept_any,
                  const char        *pin,
                  ScTestOutcome     *outcome)
{
  g_autofree char *target = g_strdup_printf (strchr (host, ':') ? "sips:[%s]:%u" : "sips:%s:%u", host, k->tls_port);
  ScSipProbeOptions options = { .target = target, .method = "REGISTER", .username = "alice", .password = "secret",
                                .timeout_ms = 10000, .ca_file = ca_file, .accept_any_certificate = accept_any,
                                .pinned_certificate = pin };

  sc_test_run_probe (&options, outcome);
}

static void
probe_tls (const ScTestKamailio    *k,
           const char        *host,
           const char        *ca_file,
           gboolean           accept_any,
           ScTestOutcome     *outcome)
{
  probe_tls_pinned (k, host, ca_file, accept_any, NULL, outcome);
}

/* Trusted through the CA file: the registration goes through over TLS, Via says so. */
static void
assert_tls_trusted (const char *ip)
{
  ScTestKamailio *k = sc_test_kamailio_start_full (ip, "SHA-256", LOOPBACK_NAMES);
  ScTestOutcome outcome;
  ScSipProbeEvent *first;

  probe_tls (k, ip, k->cert, FALSE, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_true (g_str_has_prefix (outcome.result->remote, "tls "));
  first = g_ptr_array_index (outcome.result->events, 0);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first->bytes, NULL), g_bytes_get_size (first->bytes),
                                  "Via: SIP/2.0/TLS "));
  g_assert_true (sent_with_algorithm (outcome.result, "SHA-256"));
  sc_test_outcome_clear (&outcome);
  sc_test_kamailio_stop (k);
}

/* A CA file named relative to the current folder is used, not ignored (GLib wants an absolute
 * path, and before, "unknown authority" followed); one that holds no PEM certificate is a
 * usage error before anything is sent. */
static void
test_tls_ca_file_relative (void)
{
  ScTestKamailio *k = sc_test_kamailio_start_full ("127.0.0.1", "SHA-256", LOOPBACK_NAMES);
  g_autofree char *here = g_get_current_dir ();
  g_autofree char *junk = g_build_filename (k->rundir, "junk.pem", NULL);
  ScTestOutcome outcome;

  g_assert_cmpint (g_chdir (k->rundir), ==, 0);
  probe_tls (k, "127.0.0.1", "cert.pem", FALSE, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  sc_test_outcome_clear (&outcome);

  g_assert_true (g_file_set_contents (junk, "not a certificate\n", -1, NULL));
  probe_tls (k, "127.0.0.1", "junk.pem", FALSE, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE);
  g_assert_cmpuint (outcome.result->events->len, ==, 0);
  sc_test_outcome_clear (&outcome);
  g_remove (junk);
  g_assert_cmpint (g_chdir (here), ==, 0);
  sc_test_kamailio_stop (k);
}

static void
test_tls_trusted_ipv4 (void)
{
  assert_tls_trusted ("127.0.0.1");
}

static void
test_tls_trusted_ipv6 (void)
{
  assert_tls_trusted ("::1");
}

/* Nothing vouches for a self-signed certificate: no request goes out, and the error says why
 * and what to do. Accepting it explicitly lets the probe through. */
static void
test_tls_untrusted (void)
{
  ScTestKamailio *k = sc_test_kamailio_start_full ("127.0.0.1", "MD5", LOOPBACK_NAMES);
  ScTestOutcome outcome;

  probe_tls (k, "127.0.0.1", NULL, FALSE, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_CERTIFICATE);
  g_assert_nonnull (strstr (outcome.error->message, "unknown authority"));
  g_assert_nonnull (strstr (sc_sip_probe_error_advice (outcome.error, outcome.result, outcome.refused), "CA file"));
  sc_test_outcome_clear (&outcome);

  probe_tls (k, "127.0.0.1", NULL, TRUE, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  sc_test_outcome_clear (&outcome);
  sc_test_kamailio_stop (k);
}

/* The fingerprint as openssl computes it, independently of GIO: "AB:CD:…". */
static char *
openssl_fingerprint (const char *cert)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "openssl", "x509",
                                                     "-noout", "-fingerprint", "-sha256", "-in", cert, NULL);
  g_autofree char *out = NULL;
  const char *equals;

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (openssl, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  equals = strchr (out, '=');   /* "sha256 Fingerprint=AB:CD:…" */
  g_assert_nonnull (equals);
  return g_strstrip (g_strdup (equals + 1));
}

/* The refused certificate is reported as the server sent it, under the host as asked for
 * and the port connected to. */
static void
assert_refused (const ScTestOutcome *outcome,
                const ScTestKamailio      *k,
                const char          *server)
{
  g_autofree char *fingerprint = openssl_fingerprint (k->cert);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_error (outcome->error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_CERTIFICATE);
  g_assert_cmpuint (outcome->result->events->len, ==, 0);   /* nothing was sent */
  g_assert_nonnull (outcome->refused);
  g_assert_cmpstr (outcome->refused->fingerprint, ==, fingerprint);
  g_assert_cmpstr (outcome->refused->server, ==, server);
  g_assert_nonnull (strstr (outcome->refused->subject, "CN=SIP Codes test"));
  g_assert_nonnull (strstr (outcome->refused->issuer, "CN=SIP Codes test"));   /* self-signed */
  g_assert_true (outcome->refused->problems & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_nonnull (outcome->refused->not_before);
  g_assert_nonnull (outcome->refused->not_after);
  g_assert_cmpint (g_date_time_compare (outcome->refused->not_before, now), <=, 0);
  g_assert_cmpint (g_date_time_compare (outcome->refused->not_after, now), >, 0);
}

/* A self-signed certificate pinned by its fingerprint, as openssl shows it or as a user might
 * type it, is taken; another fingerprint changes nothing. */
static void
assert_tls_pinned (const char *ip)
{
  ScTestKamailio *k = sc_test_kamailio_start_full (ip, "MD5", LOOPBACK_NAMES);
  g_autofree char *fingerprint = openssl_fingerprint (k->cert);
  g_autofree char *joined = NULL, *typed = NULL;
  g_autofree char *server = g_strdup_printf (strchr (ip, ':') ? "[%s]:%u" : "%s:%u", ip, k->tls_port);
  g_autofree char *wrong = g_strdup (fingerprint);
  g_auto(GStrv) pairs = g_strsplit (fingerprint, ":", -1);
  ScTestOutcome outcome;

  probe_tls (k, ip, NULL, FALSE, &outcome);
  assert_refused (&outcome, k, server);
  sc_test_outcome_clear (&outcome);

  probe_tls_pinned (k, ip, NULL, FALSE, fingerprint, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_null (outcome.refused);
  sc_test_outcome_clear (&outcome);

  joined = g_strjoinv ("", pairs);
  typed = g_ascii_strdown (joined, -1);
  probe_tls_pinned (k, ip, NULL, FALSE, typed, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  sc_test_outcome_clear (&outcome);

  wrong[0] = wrong[0] == '0' ? '1' : '0';
  probe_tls_pinned (k, ip, NULL, FALSE, wrong, &outcome);
  assert_refused (&outcome, k, server);
  sc_test_outcome_clear (&outcome);

  probe_tls_pinned (k, ip, NULL, FALSE, "AB:CD", &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE);
  g_assert_null (outcome.refused);
  sc_test_outcome_clear (&outcome);
  sc_test_kamailio_stop (k);
}

static void
test_tls_pinned_ipv4 (void)
{
  assert_tls_pinned ("127.0.0.1");
}

static void
test_tls_pinned_ipv6 (void)
{
  assert_tls_pinned ("::1");
}

/* A trusted certificate for another server (192.0.2.1 is a documentation address, only named
 * in the certificate, never contacted). */
static void
test_tls_wrong_name (void)
{
  ScTestKamailio *k = sc_test_kamailio_start_full ("127.0.0.1", "MD5", "IP:192.0.2.1");
  g_autofree char *fingerprint = openssl_fingerprint (k->cert);
  ScTestOutcome outcome;
  const char *advice;

  probe_tls (k, "127.0.0.1", k->cert, FALSE, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_CERTIFICATE);
  g_assert_nonnull (strstr (outcome.error->message, "another name"));
  g_assert_null (strstr (outcome.error->message, "unknown authority"));
  g_assert_cmpuint (outcome.refused->problems, ==, G_TLS_CERTIFICATE_BAD_IDENTITY);
  /* The authority is trusted already: the advice is about the name, not a CA file. */
  advice = sc_sip_probe_error_advice (outcome.error, outcome.result, outcome.refused);
  g_assert_nonnull (strstr (advice, "names another server"));
  g_assert_null (strstr (advice, "CA file"));
  sc_test_outcome_clear (&outcome);

  /* Pinned, it is taken although it names another server. */
  probe_tls_pinned (k, "127.0.0.1", k->cert, FALSE, fingerprint, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  sc_test_outcome_clear (&outcome);
  sc_test_kamailio_stop (k);
}

/* The command line: an untrusted certificate is exit 3 with advice on stderr; --ca-file and
 * --insecure each get through. Retried while Kamailio is not listening yet (exit 3 too). */
static void
cli_tls (ScTestCliRun *run,
         const char   *target,
         const char   *option,
         const char   *value)
{
  for (int attempt = 0; attempt < 200; attempt++)
    {
      /* A NULL @option ends the arguments there. */
      sc_test_cli_run (run, NULL, "probe", target, "--lang", "en", option, value, NULL);
      if (run->status != 3 || strstr (run->err, "cannot connect") == NULL)
        return;
      g_usleep (100 * 1000);
    }
  g_error ("Kamailio never came up");
}

static void
test_tls_cli (void)
{
  ScTestKamailio *k = sc_test_kamailio_start_full ("127.0.0.1", "MD5", LOOPBACK_NAMES);
  g_autofree char *target = g_strdup_printf ("sips:127.0.0.1:%u", k->tls_port);
  g_autofree char *fingerprint = openssl_fingerprint (k->cert);
  g_auto(ScTestCliRun) run = { 0 };

  cli_tls (&run, target, NULL, NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "unknown authority"));
  g_assert_nonnull (strstr (run.err, "--ca-file"));
  g_assert_nonnull (strstr (run.err, "--pin-certificate"));
  g_assert_nonnull (strstr (run.err, fingerprint));
  g_assert_nonnull (strstr (run.err, "CN=SIP Codes test"));
  cli_tls (&run, target, "--pin-certificate", fingerprint);
  g_assert_cmpint (run.status, ==, 0);
  cli_tls (&run, target, "--pin-certificate", "AB:CD");
  g_assert_cmpint (run.status, ==, 2);
  cli_tls (&run, target, "--ca-file", k->cert);
  g_assert_cmpint (run.status, ==, 0);
  cli_tls (&run, target, "--insecure", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_tls (&run, target, "--ca-file", "/nonexistent.pem");
  g_assert_cmpint (run.status, ==, 2);
  sc_test_kamailio_stop (k);
}

/* --json: the error object carries the certificate, to pin it with what it says. */
static void
test_tls_cli_json (void)
{
  ScTestKamailio *k = sc_test_kamailio_start_full ("127.0.0.1", "MD5", LOOPBACK_NAMES);
  g_autofree char *target = g_strdup_printf ("sips:127.0.0.1:%u", k->tls_port);
  g_autofree char *fingerprint = openssl_fingerprint (k->cert);
  g_autofree char *server = g_strdup_printf ("127.0.0.1:%u", k->tls_port);
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *failure, *certificate;

  cli_tls (&run, target, NULL, NULL);   /* waits for Kamailio: with --json, stderr stays empty */
  cli_tls (&run, target, "--json", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  failure = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "error");
  g_assert_cmpstr (json_object_get_string_member (failure, "kind"), ==, "certificate");
  certificate = json_object_get_object_member (failure, "certificate");
  g_assert_nonnull (certificate);
  g_assert_cmpstr (json_object_get_string_member (certificate, "fingerprint"), ==, fingerprint);
  g_assert_cmpstr (json_object_get_string_member (certificate, "server"), ==, server);
  g_assert_nonnull (strstr (json_object_get_string_member (certificate, "subject"), "CN=SIP Codes test"));
  g_assert_nonnull (strstr (json_object_get_string_member (certificate, "issuer"), "CN=SIP Codes test"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (certificate, "not_after"), "Z"));
  sc_test_kamailio_stop (k);
}

/* openssl s_server on a free port of 127.0.0.1 with a throwaway certificate, printing what it
 * sees of the handshake; @extra are s_server's own options. Its stdin stays open: it quits on
 * end of input. */
static GSubprocess *
start_s_server (const char  *dir,
                guint       *port,
                const char **extra)
{
  g_autofree char *cert = g_build_filename (dir, "c.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "k.pem", NULL);
  g_autofree char *accept = NULL;
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                                     &error, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                                     "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=test",
                                                     "-addext", "subjectAltName=IP:127.0.0.1", NULL);
  GSubprocess *server;

  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (openssl, NULL, &error));
  *port = sc_test_free_udp_port ("127.0.0.1");
  accept = g_strdup_printf ("%u", *port);
  g_strv_builder_addv (argv, (const char *[]) { "openssl", "s_server", "-accept", accept, "-cert", cert, "-key", key,
                                                "-naccept", "1", NULL });
  g_strv_builder_addv (argv, extra);
  args = g_strv_builder_end (argv);
  server = g_subprocess_newv ((const char * const *) args, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                              G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_assert_no_error (error);
  return server;
}

static char *
stop_s_server (GSubprocess *server)
{
  g_autofree char *out = NULL;

  g_subprocess_communicate_utf8 (server, "", NULL, &out, NULL, NULL);
  g_object_unref (server);
  return g_steal_pointer (&out);
}

/* What the probe's ClientHello offers, as openssl sees it: no SNI for an IP literal (RFC 6066
 * §3 allows host names only), no static-RSA suites, no SHA-1 MACs; and a server that speaks
 * only TLS 1.0 gets no session at all. Before, all of these went through. */
static void
test_tls_client_hello (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sc-tls-XXXXXX", NULL);
  const char *inspect[] = { "-tlsextdebug", NULL };
  const char *tls10[] = { "-tls1", "-cipher", "DEFAULT@SECLEVEL=0", NULL };
  g_autofree char *out = NULL, *target = NULL, *line = NULL;
  g_auto(GStrv) ciphers = NULL;
  ScSipProbeOptions options = { .method = "OPTIONS", .timeout_ms = 3000, .accept_any_certificate = TRUE };
  ScTestOutcome outcome;
  const char *shared;
  GSubprocess *server;
  guint port;

  server = start_s_server (dir, &port, inspect);
  target = g_strdup_printf ("sips:127.0.0.1:%u", port);
  options.target = target;
  sc_test_run_probe (&options, &outcome);
  sc_test_outcome_clear (&outcome);
  out = stop_s_server (server);
  g_assert_nonnull (strstr (out, "TLS client extension \"supported versions\""));   /* it did see a ClientHello */
  g_assert_null (strstr (out, "\"server name\""));
  shared = strstr (out, "Shared ciphers:");
  g_assert_nonnull (shared);
  line = g_strndup (shared + strlen ("Shared ciphers:"), strcspn (shared, "\n") - strlen ("Shared ciphers:"));
  ciphers = g_strsplit (line, ":", -1);
  g_assert_cmpuint (g_strv_length (ciphers), >, 2);
  for (guint i = 0; ciphers[i] != NULL; i++)
    {
      g_assert_true (g_str_has_prefix (ciphers[i], "TLS_") || g_str_has_prefix (ciphers[i], "ECDHE-") ||
                     g_str_has_prefix (ciphers[i], "DHE-"));
      g_assert_false (g_str_has_suffix (ciphers[i], "-SHA"));
    }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&target, g_free);
  server = start_s_server (dir, &port, tls10);
  target = g_strdup_printf ("sips:127.0.0.1:%u", port);
  options.target = target;
  for (int attempt = 0; attempt < 50; attempt++)
    {
      memset (&outcome, 0, sizeof outcome);
      sc_test_run_probe_once (&options, NULL, &outcome);
      if (!g_error_matches (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE))
        break;
      sc_test_outcome_clear (&outcome);
      g_usleep (100 * 1000);
    }
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TLS);
  g_assert_cmpuint (outcome.result->events->len, ==, 0);   /* nothing went out */
  sc_test_outcome_clear (&outcome);
  g_free (stop_s_server (server));
  for (const char * const *f = (const char *[]) { "c.pem", "k.pem", NULL }; *f != NULL; f++)
    {
      g_autofree char *path = g_build_filename (dir, *f, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/sip/kamailio/tls-client-hello", test_tls_client_hello);
  g_test_add_func ("/sc/sip/kamailio/tls-ca-file-relative", test_tls_ca_file_relative);
  g_test_add_func ("/sc/sip/kamailio/register-md5-udp", test_register_md5_udp);
  g_test_add_func ("/sc/sip/kamailio/register-sha256-tcp", test_register_sha256_tcp);
  g_test_add_func ("/sc/sip/kamailio/register-sha256-ipv6", test_register_sha256_ipv6);
  g_test_add_func ("/sc/sip/kamailio/register-wrong-password", test_register_wrong_password);
  g_test_add_func ("/sc/sip/kamailio/message-proxy-auth", test_message_proxy_auth);
  g_test_add_func ("/sc/sip/kamailio/invite-428-udp", test_invite_428_udp);
  g_test_add_func ("/sc/sip/kamailio/invite-428-tcp", test_invite_428_tcp);
  g_test_add_func ("/sc/sip/kamailio/tls-trusted-ipv4", test_tls_trusted_ipv4);
  g_test_add_func ("/sc/sip/kamailio/tls-trusted-ipv6", test_tls_trusted_ipv6);
  g_test_add_func ("/sc/sip/kamailio/tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/sc/sip/kamailio/tls-wrong-name", test_tls_wrong_name);
  g_test_add_func ("/sc/sip/kamailio/tls-pinned-ipv4", test_tls_pinned_ipv4);
  g_test_add_func ("/sc/sip/kamailio/tls-pinned-ipv6", test_tls_pinned_ipv6);
  g_test_add_func ("/sc/sip/kamailio/tls-cli", test_tls_cli);
  g_test_add_func ("/sc/sip/kamailio/tls-cli-json", test_tls_cli_json);
  return g_test_run ();
}
