#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sc-test-kamailio.h"
#include "sc-test-probe.h"

/* A self-signed certificate for @names (subjectAltName entries), valid for a day. */
static void
make_certificate (ScTestKamailio *k,
                  const char *names)
{
  g_autofree char *san = g_strconcat ("subjectAltName=", names, NULL);
  g_autofree char *key = g_build_filename (k->rundir, "key.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) openssl = NULL;

  k->cert = g_build_filename (k->rundir, "cert.pem", NULL);
  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                              "-out", k->cert, "-days", "1", "-subj", "/CN=SIP Codes test",
                              "-addext", san, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (openssl, NULL, &error));
  g_assert_no_error (error);
}

static ScTestKamailio *
spawn (const char *ip,
       const char *algorithm,
       const char *cert_names,
       const char *stir_cert)
{
  ScTestKamailio *k = g_new0 (ScTestKamailio, 1);
  g_autofree char *cfg = g_test_build_filename (G_TEST_DIST, "kamailio", "kamailio.cfg", NULL);
  g_autofree char *define = g_strdup_printf ("ALGORITHM=\"%s\"", algorithm);
  g_autofree char *host = strchr (ip, ':') ? g_strdup_printf ("[%s]", ip) : g_strdup (ip);
  g_autofree char *udp = NULL, *tcp = NULL, *pidfile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;

  k->port = sc_test_free_udp_port (ip);
  k->rundir = g_dir_make_tmp ("sc-kamailio-XXXXXX", &error);
  g_assert_no_error (error);
  udp = g_strdup_printf ("udp:%s:%u", host, k->port);
  tcp = g_strdup_printf ("tcp:%s:%u", host, k->port);
  pidfile = g_build_filename (k->rundir, "kamailio.pid", NULL);
  /* -DD keeps the creator in the foreground, so stopping the subprocess stops Kamailio. */
  g_strv_builder_addv (argv, (const char *[]) { "kamailio", "-f", cfg, "-DD", "-E", "-A", define, "-l", udp, "-l", tcp,
                                                "-Y", k->rundir, "-P", pidfile, "-w", k->rundir, "-m", "32", "-M", "8",
                                                NULL });
  if (cert_names != NULL)
    {
      g_autofree char *key = g_build_filename (k->rundir, "key.pem", NULL);
      g_autofree char *listen = NULL, *cert_define = NULL, *key_define = NULL;

      make_certificate (k, cert_names);
      k->tls_port = sc_test_free_udp_port (ip);
      listen = g_strdup_printf ("tls:%s:%u", host, k->tls_port);
      cert_define = g_strdup_printf ("TLS_CERT=\"%s\"", k->cert);
      key_define = g_strdup_printf ("TLS_KEY=\"%s\"", key);
      g_strv_builder_addv (argv, (const char *[]) { "-A", "WITH_TLS", "-A", cert_define, "-A", key_define,
                                                    "-l", listen, NULL });
    }
  if (stir_cert != NULL)
    {
      g_autofree char *stir_define = g_strdup_printf ("STIR_CERT=\"%s\"", stir_cert);

      g_strv_builder_addv (argv, (const char *[]) { "-A", "WITH_STIR", "-A", stir_define, NULL });
    }
  args = g_strv_builder_end (argv);
  k->process = g_subprocess_newv ((const char * const *) args, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  return k;
}

void
sc_test_kamailio_stop (ScTestKamailio *k)
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
  g_free (k->cert);
  g_free (k);
}

/* Ready once its TCP port takes a connection. It exits at once when one of its free ports was
 * taken meanwhile by someone else (the other suites run beside this one). */
static gboolean
wait_ready (ScTestKamailio *k,
            const char     *ip)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string (ip, k->port);

  for (int attempt = 0; attempt < 200; attempt++)
    {
      g_autoptr(GSocketConnection) connection = NULL;

      if (g_subprocess_get_identifier (k->process) == NULL)
        return FALSE;
      connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, NULL);
      if (connection != NULL)
        return TRUE;
      g_usleep (50 * 1000);
    }
  return FALSE;
}

static ScTestKamailio *
start (const char *ip,
       const char *algorithm,
       const char *cert_names,
       const char *stir_cert)
{
  for (int attempt = 0; attempt < 3; attempt++)
    {
      ScTestKamailio *k = spawn (ip, algorithm, cert_names, stir_cert);

      if (wait_ready (k, ip))
        return k;
      sc_test_kamailio_stop (k);
    }
  g_error ("Kamailio did not start on %s (its log is above)", ip);
}

ScTestKamailio *
sc_test_kamailio_start_full (const char *ip,
                             const char *algorithm,
                             const char *cert_names)
{
  return start (ip, algorithm, cert_names, NULL);
}

ScTestKamailio *
sc_test_kamailio_start (const char *ip,
                        const char *algorithm)
{
  return start (ip, algorithm, NULL, NULL);
}

ScTestKamailio *
sc_test_kamailio_start_stir (const char *ip,
                             const char *stir_cert)
{
  return start (ip, "MD5", NULL, stir_cert);
}

char *
sc_test_kamailio_target (const ScTestKamailio *k,
                         const char           *ip)
{
  return g_strdup_printf (strchr (ip, ':') ? "sip:[%s]:%u" : "sip:%s:%u", ip, k->port);
}

