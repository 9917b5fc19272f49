#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "sc-test-peers.h"
#include "sc-test-probe.h"

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static gboolean
on_kill (gpointer data)
{
  g_subprocess_force_exit (data);
  return G_SOURCE_REMOVE;
}

void
sc_test_peer_stop (ScTestPeer *peer)
{
  guint killer;

  if (peer == NULL)
    return;
  /* Politely, then not: a peer stuck in its own BYE retransmissions may take 32 s. */
  g_subprocess_send_signal (peer->process, SIGTERM);
  killer = g_timeout_add_seconds (5, on_kill, peer->process);
  while (g_subprocess_get_identifier (peer->process) != NULL)
    {
      g_subprocess_wait_async (peer->process, NULL, NULL, NULL);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (killer);
  g_object_unref (peer->process);
  remove_tree (peer->dir);
  g_free (peer->dir);
  g_free (peer->ip);
  g_free (peer);
}

char *
sc_test_peer_uri (const ScTestPeer *peer,
                  const char       *user)
{
  const char *format = strchr (peer->ip, ':') ? "sip:%s%s[%s]:%u" : "sip:%s%s%s:%u";

  return g_strdup_printf (format, user ? user : "", user ? "@" : "", peer->ip, peer->port);
}

/* A test that fails aborts: its servers go with it instead of lingering on their ports. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocessLauncher *
launcher_new (ScTestPeer *peer)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDOUT_SILENCE);

  g_subprocess_launcher_set_cwd (launcher, peer->dir);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

static ScTestPeer *
peer_new (const char *ip,
          const char *template)
{
  ScTestPeer *peer = g_new0 (ScTestPeer, 1);
  g_autoptr(GError) error = NULL;

  peer->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  peer->ip = g_strdup (ip);
  peer->port = sc_test_free_udp_port (ip);
  return peer;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Ready when it answers OPTIONS to @uri at all (any final response). */
static gboolean
answers (ScTestPeer *peer,
         const char *uri,
         guint      *status)
{
  ScSipProbeOptions options = { .target = uri, .method = "OPTIONS", .timeout_ms = 1000 };
  ScTestOutcome outcome = { 0 };

  sc_test_run_probe_once (&options, NULL, &outcome);
  *status = outcome.error == NULL ? outcome.result->status : 0;
  sc_test_outcome_clear (&outcome);
  return *status != 0;
}

static void
wait_answering (ScTestPeer *peer,
                const char *user,
                const char *what)
{
  g_autofree char *uri = sc_test_peer_uri (peer, user);
  guint status = 0;

  for (int attempt = 0; attempt < 150; attempt++)
    {
      if (g_subprocess_get_identifier (peer->process) == NULL)
        g_error ("%s exited at start (its output is above)", what);
      if (answers (peer, uri, &status))
        return;
      g_usleep (100 * 1000);
    }
  g_error ("%s did not answer on %s", what, uri);
}

/* ---- ejabberd ---- */

/* Its users are made after its listeners are up: the last one registering proves the rest. */
static void
wait_users (ScTestPeer *peer)
{
  g_autofree char *target = sc_test_peer_uri (peer, NULL);
  ScSipProbeOptions options = { .target = target, .method = "REGISTER", .username = "ready", .password = "ready",
                                .timeout_ms = 2000 };

  for (int attempt = 0; attempt < 100; attempt++)
    {
      ScTestOutcome outcome = { 0 };
      guint status;

      sc_test_run_probe_once (&options, NULL, &outcome);
      status = outcome.error == NULL ? outcome.result->status : 0;
      sc_test_outcome_clear (&outcome);
      if (status == 200)
        return;
      g_usleep (100 * 1000);
    }
  g_error ("ejabberd never accepted its test users");
}

ScTestPeer *
sc_test_ejabberd_start (void)
{
  ScTestPeer *peer = peer_new ("127.0.0.1", "sc-ejabberd-XXXXXX");
  g_autofree char *config = g_strdup_printf (
    "loglevel: warning\n"
    "hosts: [\"127.0.0.1\"]\n"
    "auth_method: [internal]\n"
    "auth_password_format: plain\n"
    "certfiles: []\n"
    "listen:\n"
    "  - {port: %u, ip: \"127.0.0.1\", transport: udp, module: ejabberd_sip}\n"
    "  - {port: %u, ip: \"127.0.0.1\", transport: tcp, module: ejabberd_sip}\n"
    "modules:\n"
    "  mod_sip:\n"
    "    record_route: \"sip:127.0.0.1:%u;lr\"\n"
    "    routes: [\"sip:127.0.0.1:%u;lr\"]\n"
    "    via: [\"udp://127.0.0.1:%u\", \"tcp://127.0.0.1:%u\"]\n",
    peer->port, peer->port, peer->port, peer->port, peer->port, peer->port);
  g_autofree char *config_path = g_build_filename (peer->dir, "ejabberd.yml", NULL);
  g_autofree char *log_path = g_build_filename (peer->dir, "ejabberd.log", NULL);
  g_autofree char *spool = g_strdup_printf ("\"%s/spool\"", peer->dir);
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (peer);
  g_autoptr(GError) error = NULL;

  write_file (peer->dir, "ejabberd.yml", config);
  /* erl itself, without ejabberdctl: no node name, epmd or cookie, and the process we start
   * is the server, so that stopping it stops everything. */
  g_subprocess_launcher_setenv (launcher, "HOME", peer->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "EJABBERD_CONFIG_PATH", config_path, TRUE);
  g_subprocess_launcher_setenv (launcher, "EJABBERD_LOG_PATH", log_path, TRUE);
  g_subprocess_launcher_setenv (launcher, "ERL_LIBS", "/usr/lib/x86_64-linux-gnu", TRUE);
  g_subprocess_launcher_setenv (launcher, "ERL_CRASH_DUMP_BYTES", "0", TRUE);
  peer->process = g_subprocess_launcher_spawn (launcher, &error, "erl", "-noinput", "-noshell", "-mnesia", "dir", spool,
                                               "-s", "ejabberd", "-eval",
                                               "ejabberd_auth:try_register(<<\"alice\">>, <<\"127.0.0.1\">>, <<\"secret\">>),"
                                               "ejabberd_auth:try_register(<<\"bob\">>, <<\"127.0.0.1\">>, <<\"bobpw\">>),"
                                               "ejabberd_auth:try_register(<<\"ready\">>, <<\"127.0.0.1\">>, <<\"ready\">>).",
                                               NULL);
  g_assert_no_error (error);
  wait_answering (peer, NULL, "ejabberd");
  wait_users (peer);
  return peer;
}

/* ---- baresip ---- */

/* baresip also listens for TLS on the port after its own. */
static void
pick_port_pair (ScTestPeer *peer)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (peer->ip);

  for (int attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr(GSocketAddress) next = g_inet_socket_address_new (address, peer->port + 1);
      g_autoptr(GSocket) probe = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                               G_SOCKET_PROTOCOL_TCP, NULL);

      if (peer->port < 65535 && g_socket_bind (probe, next, FALSE, NULL))
        return;
      peer->port = sc_test_free_udp_port (peer->ip);
    }
  g_error ("no free pair of ports on %s", peer->ip);
}

ScTestPeer *
sc_test_baresip_start (const char       *ip,
                       const char       *answer,
                       const ScTestPeer *registrar)
{
  ScTestPeer *peer = peer_new (ip, "sc-baresip-XXXXXX");
  g_autofree char *host = strchr (ip, ':') ? g_strdup_printf ("[%s]", ip) : g_strdup (ip);
  g_autofree char *config = NULL, *accounts = NULL;
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (peer);
  g_autoptr(GError) error = NULL;

  pick_port_pair (peer);
  /* No audio device: it answers with G.711 and sends no media; no terminal, no display. */
  config = g_strdup_printf ("poll_method epoll\nsip_listen %s:%u\ncall_local_timeout 0\ncall_max_calls 8\n"
                            "audio_player none\naudio_source none\naudio_alert none\nrtp_ports 30000-39999\n"
                            "dns_server 127.0.0.1:53\nnet_interface %s\nmodule_path /usr/lib/baresip/modules\n"
                            "module g711.so\nmodule_tmp account.so\nringback_disabled yes\n", host, peer->port, ip);
  if (registrar != NULL)
    accounts = g_strdup_printf ("<sip:bob@%s:%u>;auth_pass=bobpw;regint=300;answermode=%s\n", registrar->ip,
                                registrar->port, answer);
  else
    accounts = g_strdup_printf ("<sip:bob@%s:%u>;regint=0;answermode=%s\n", host, peer->port, answer);
  write_file (peer->dir, "config", config);
  write_file (peer->dir, "accounts", accounts);
  peer->process = g_subprocess_launcher_spawn (launcher, &error, "baresip", "-f", peer->dir, NULL);
  g_assert_no_error (error);
  wait_answering (peer, "bob", "baresip");
  return peer;
}
