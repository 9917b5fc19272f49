/* The STIR/SHAKEN signer in a real exchange: SIPp challenges an INVITE, and both INVITEs (the
 * first and the one with credentials) must carry a fresh Identity; each is then verified here
 * against the certificate and the INVITE that carried it (orig from its P-Asserted-Identity, dest
 * from To, iat from its Date). */
#include <glib/gstdio.h>
#include <string.h>

#include "sc-sip-message.h"
#include "sc-stir-signer.h"
#include "sc-stir-verification.h"
#include "sc-test-cli.h"
#include "sc-test-kamailio.h"
#include "sc-test-probe.h"

/* A P-256 key and its self-signed certificate, made by openssl for this test run. */
typedef struct {
  char   *dir;
  char   *key_path;
  char   *cert_path;
  GBytes *key;
  GBytes *cert;
} Keys;

static void
openssl (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                                      &error);

  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static void
keys_make (Keys *keys)
{
  keys->dir = g_dir_make_tmp ("sc-stir-probe-XXXXXX", NULL);
  keys->key_path = g_build_filename (keys->dir, "key.pem", NULL);
  keys->cert_path = g_build_filename (keys->dir, "cert.pem", NULL);
  openssl ((const char *[]) { "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keys->key_path, NULL });
  openssl ((const char *[]) { "openssl", "req", "-new", "-x509", "-key", keys->key_path, "-out", keys->cert_path,
                              "-days", "2", "-subj", "/CN=SIP Codes STIR test", NULL });
  keys->key = read_file (keys->key_path);
  keys->cert = read_file (keys->cert_path);
}

static void
keys_clear (Keys *keys)
{
  g_remove (keys->key_path);
  g_remove (keys->cert_path);
  g_rmdir (keys->dir);
  g_free (keys->dir);
  g_free (keys->key_path);
  g_free (keys->cert_path);
  g_bytes_unref (keys->key);
  g_bytes_unref (keys->cert);
}

static ScStirSigner *
make_signer (GBytes     *key,
             const char *attest)
{
  g_autoptr(GError) error = NULL;
  ScStirSigner *signer = sc_stir_signer_new (key, "https://cert.example.org/probe.pem", attest, &error);

  g_assert_no_error (error);
  return signer;
}

static void
test_signed_digest_exchange (void)
{
  Keys keys;
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = NULL;
  g_autofree char *target = g_strdup_printf ("sip:+81398765432@127.0.0.1:%u", port);
  g_autoptr(ScStirSigner) signer = NULL;
  g_autoptr(GPtrArray) origids = g_ptr_array_new_with_free_func (g_free);
  const char *headers[] = { "P-Asserted-Identity: <sip:+81312345678@127.0.0.1>", NULL };
  ScSipProbeOptions options = { .target = target, .method = "INVITE", .username = "alice", .password = "secret",
                                .headers = headers, .timeout_ms = 10000 };
  ScTestOutcome outcome;
  guint invites = 0;

  keys_make (&keys);
  signer = make_signer (keys.key, "B");
  /* From is the probe's own (no number): orig comes from P-Asserted-Identity, dest from To. */
  options.identity = SC_SIP_IDENTITY_SIGNER (signer);
  sipp = sc_test_start_sipp ("uas-invite-digest-identity.xml", "127.0.0.1", port);
  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_cmpuint (outcome.result->auth_attempts, ==, 1);

  for (guint i = 0; i < outcome.result->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (outcome.result->events, i);
      g_autoptr(ScSipMessage) msg = NULL;
      g_autoptr(ScStirVerification) v = NULL;
      g_autofree char *value = NULL;
      const ScSipHeader *identity;

      if (!event->outgoing || event->retransmission)
        continue;
      msg = sc_sip_message_parse (event->bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
      if (!sc_sip_slice_equal (msg->method, "INVITE"))
        continue;
      identity = sc_sip_message_find (msg, SC_SIP_HEADER_IDENTITY, 0);
      g_assert_nonnull (identity);
      g_assert_nonnull (sc_sip_message_find (msg, SC_SIP_HEADER_DATE, 0));
      value = sc_sip_slice_dup (identity->value);
      v = sc_stir_verify (value, keys.cert, msg, g_get_real_time () / G_USEC_PER_SEC, SC_STIR_DEFAULT_MAX_AGE);
      for (guint j = 0; j < v->checks->len; j++)
        if (g_array_index (v->checks, ScStirCheck, j).result != SC_STIR_CHECK_PASSED)
          g_error ("INVITE %u: %s: %s", invites + 1, g_array_index (v->checks, ScStirCheck, j).id,
                   g_array_index (v->checks, ScStirCheck, j).message);
      g_assert_true (v->verified);
      g_assert_cmpstr (json_object_get_string_member (v->passport->claims, "attest"), ==, "B");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (v->passport->claims, "orig"), "tn"), ==,
                       "81312345678");
      g_ptr_array_add (origids, g_strdup (json_object_get_string_member (v->passport->claims, "origid")));
      invites++;
    }
  g_assert_cmpuint (invites, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (origids, 0), !=, g_ptr_array_index (origids, 1));
  sc_test_assert_sipp_succeeded (sipp);
  sc_test_outcome_clear (&outcome);
  keys_clear (&keys);
}

/* Kamailio's secsipid module (libsecsipid, code we did not write) as the verifier: it answers
 * 438 unless our signature checks out against the certificate it trusts and iat is fresh. */
static void
assert_kamailio_verdict (const char *ip,
                         const char *transport,
                         gboolean    signed_by_trusted_key)
{
  Keys keys, other;
  ScTestKamailio *k = NULL;
  g_autofree char *target = NULL;
  g_autoptr(ScStirSigner) signer = NULL;
  g_autoptr(GError) error = NULL;
  ScSipProbeOptions options = { .method = "INVITE", .transport = transport, .timeout_ms = 10000 };
  ScTestOutcome outcome;
  gboolean warned = FALSE;

  keys_make (&keys);
  keys_make (&other);
  k = sc_test_kamailio_start_stir (ip, keys.cert_path);
  target = g_strdup_printf (strchr (ip, ':') ? "sip:+81398765432@[%s]:%u" : "sip:+81398765432@%s:%u", ip, k->port);
  signer = make_signer (signed_by_trusted_key ? keys.key : other.key, "A");
  g_assert_true (sc_stir_signer_set_tns (signer, "+81312345678", NULL, &error));
  options.target = target;
  options.identity = SC_SIP_IDENTITY_SIGNER (signer);
  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  if (!signed_by_trusted_key)
    g_assert_cmpuint (outcome.result->status, ==, 438);
  else
    {
      g_assert_cmpuint (outcome.result->status, ==, 480);
      for (guint i = 0; i < outcome.result->events->len; i++)
        {
          ScSipProbeEvent *event = g_ptr_array_index (outcome.result->events, i);
          gsize len;
          const char *data = g_bytes_get_data (event->bytes, &len);

          warned |= event->status == 480 && g_strstr_len (data, len, "\r\nWarning: 399 verifier \"Identity verified\"") != NULL;
        }
      g_assert_true (warned);
    }
  sc_test_outcome_clear (&outcome);
  sc_test_kamailio_stop (k);
  keys_clear (&keys);
  keys_clear (&other);
}

static void
test_kamailio_verifies_udp (void)
{
  assert_kamailio_verdict ("127.0.0.1", "udp", TRUE);
}

static void
test_kamailio_verifies_tcp_ipv6 (void)
{
  assert_kamailio_verdict ("::1", "tcp", TRUE);
}

static void
test_kamailio_refuses_other_key (void)
{
  assert_kamailio_verdict ("127.0.0.1", "udp", FALSE);
}

/* The CLI signs too: Kamailio verifies what `sip-codes probe --identity-key` sends. */
static void
test_cli_probe_signs (void)
{
  Keys keys;
  ScTestKamailio *k = NULL;
  g_autofree char *target = NULL;
  g_auto(ScTestCliRun) run = { 0 };

  keys_make (&keys);
  k = sc_test_kamailio_start_stir ("127.0.0.1", keys.cert_path);
  target = g_strdup_printf ("sip:+81398765432@127.0.0.1:%u", k->port);
  sc_test_cli_run (&run, NULL, "probe", target, "--method", "INVITE", "--identity-key", keys.key_path,
                   "--x5u", "https://cert.example.org/probe.pem", "--attest", "C", "--orig", "+81-3-1234-5678",
                   "--verbose", "--lang", "en", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Final response to INVITE: 480"));
  g_assert_nonnull (strstr (run.out, "\nIdentity: eyJ"));
  g_assert_nonnull (strstr (run.out, ";info=<https://cert.example.org/probe.pem>;alg=ES256;ppt=shaken"));
  g_assert_nonnull (strstr (run.out, "Identity verified"));
  sc_test_kamailio_stop (k);
  keys_clear (&keys);
}

/* Bad STIR options are usage errors, each saying what is missing or wrong. */
static void
test_cli_probe_identity_usage (void)
{
  Keys keys;
  g_autofree char *missing = NULL;
  g_auto(ScTestCliRun) run = { 0 };

  keys_make (&keys);
  missing = g_build_filename (keys.dir, "missing.pem", NULL);
  sc_test_cli_run (&run, NULL, "probe", "sip:127.0.0.1:9", "--identity-key", keys.key_path, "--lang", "en", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--identity-key needs --x5u"));
  sc_test_cli_run (&run, NULL, "probe", "sip:127.0.0.1:9", "--x5u", "https://a.example/c.pem", "--lang", "en", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "go with --identity-key"));
  sc_test_cli_run (&run, NULL, "probe", "sip:127.0.0.1:9", "--identity-key", keys.key_path, "--x5u", "http://a.example/c.pem",
                   "--lang", "en", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "https://"));
  sc_test_cli_run (&run, NULL, "probe", "sip:127.0.0.1:9", "--identity-key", keys.key_path, "--x5u", "https://a.example/c.pem",
                   "--attest", "D", "--lang", "en", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "probe", "sip:127.0.0.1:9", "--identity-key", keys.cert_path, "--x5u", "https://a.example/c.pem",
                   "--lang", "en", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "probe", "sip:127.0.0.1:9", "--identity-key", missing, "--x5u", "https://a.example/c.pem",
                   "--lang", "en", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "missing.pem"));
  keys_clear (&keys);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/stir/probe/signed-digest-exchange", test_signed_digest_exchange);
  g_test_add_func ("/sc/stir/probe/kamailio-verifies-udp", test_kamailio_verifies_udp);
  g_test_add_func ("/sc/stir/probe/kamailio-verifies-tcp-ipv6", test_kamailio_verifies_tcp_ipv6);
  g_test_add_func ("/sc/stir/probe/kamailio-refuses-other-key", test_kamailio_refuses_other_key);
  g_test_add_func ("/sc/stir/probe/cli-signs", test_cli_probe_signs);
  g_test_add_func ("/sc/stir/probe/cli-identity-usage", test_cli_probe_identity_usage);
  return g_test_run ();
}
