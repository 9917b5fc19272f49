/* The probe against Kamailio, the registrar many of our users run: digest with MD5 and SHA-256
 * (RFC 8760) over UDP and TCP, on 127.0.0.1 and ::1, and the 428 a STIR/SHAKEN verifier sends
 * for an INVITE without Identity. Each test starts its own Kamailio on a free loopback port. */
#include <locale.h>
#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sc-sip-probe.h"
#include "sc-test-probe.h"

typedef struct {
  GSubprocess *process;
  char        *rundir;
  guint        port;
} Kamailio;

static Kamailio *
kamailio_start (const char *ip,
                const char *algorithm)
{
  Kamailio *k = g_new0 (Kamailio, 1);
  g_autofree char *cfg = g_test_build_filename (G_TEST_DIST, "kamailio", "kamailio.cfg", NULL);
  g_autofree char *define = g_strdup_printf ("ALGORITHM=\"%s\"", algorithm);
  g_autofree char *host = strchr (ip, ':') ? g_strdup_printf ("[%s]", ip) : g_strdup (ip);
  g_autofree char *udp = NULL, *tcp = NULL, *pidfile = NULL;
  g_autoptr(GError) error = NULL;

  k->port = sc_test_free_udp_port (ip);
  k->rundir = g_dir_make_tmp ("sc-kamailio-XXXXXX", &error);
  g_assert_no_error (error);
  udp = g_strdup_printf ("udp:%s:%u", host, k->port);
  tcp = g_strdup_printf ("tcp:%s:%u", host, k->port);
  pidfile = g_build_filename (k->rundir, "kamailio.pid", NULL);
  /* -DD keeps the creator in the foreground, so stopping the subprocess stops Kamailio. */
  k->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                 "kamailio", "-f", cfg, "-DD", "-E", "-A", define, "-l", udp, "-l", tcp,
                                 "-Y", k->rundir, "-P", pidfile, "-w", k->rundir, "-m", "32", "-M", "8", NULL);
  g_assert_no_error (error);
  return k;
}

static void
kamailio_stop (Kamailio *k)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_subprocess_send_signal (k->process, SIGTERM);
  g_subprocess_wait (k->process, NULL, NULL);
  g_object_unref (k->process);
  dir = g_dir_open (k->rundir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (k->rundir, name, NULL);
      g_remove (path);
    }
  g_rmdir (k->rundir);
  g_free (k->rundir);
  g_free (k);
}

static char *
target_for (const Kamailio *k,
            const char     *ip)
{
  return g_strdup_printf (strchr (ip, ':') ? "sip:[%s]:%u" : "sip:%s:%u", ip, k->port);
}

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
  Kamailio *k = kamailio_start (ip, algorithm);
  g_autofree char *target = target_for (k, ip);
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
  kamailio_stop (k);
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

static void
assert_invite_428 (const char *transport)
{
  Kamailio *k = kamailio_start ("127.0.0.1", "MD5");
  g_autofree char *target = g_strdup_printf ("sip:bob@127.0.0.1:%u", k->port);
  ScSipProbeOptions options = { .target = target, .transport = transport, .method = "INVITE",
                                .timeout_ms = 10000 };
  ScTestOutcome outcome;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 428);
  g_assert_cmpstr (outcome.result->reason, ==, "Use Identity Header");
  sc_test_outcome_clear (&outcome);
  kamailio_stop (k);
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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/sip/kamailio/register-md5-udp", test_register_md5_udp);
  g_test_add_func ("/sc/sip/kamailio/register-sha256-tcp", test_register_sha256_tcp);
  g_test_add_func ("/sc/sip/kamailio/register-sha256-ipv6", test_register_sha256_ipv6);
  g_test_add_func ("/sc/sip/kamailio/register-wrong-password", test_register_wrong_password);
  g_test_add_func ("/sc/sip/kamailio/invite-428-udp", test_invite_428_udp);
  g_test_add_func ("/sc/sip/kamailio/invite-428-tcp", test_invite_428_tcp);
  return g_test_run ();
}
