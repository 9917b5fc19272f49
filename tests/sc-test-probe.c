#include <string.h>

#include "sc-test-probe.h"

static gboolean
bind_port (GInetAddress   *address,
           GSocketType     type,
           GSocketProtocol protocol,
           guint          *port)
{
  g_autoptr(GSocketAddress) wanted = g_inet_socket_address_new (address, *port);
  g_autoptr(GSocket) socket = g_socket_new (g_inet_address_get_family (address), type, protocol, NULL);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, wanted, FALSE, NULL))
    return FALSE;
  bound = g_socket_get_local_address (socket, NULL);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return TRUE;
}

/* A port free for UDP and for TCP alike: the servers here listen on both, and another suite
 * running beside this one may hold the TCP side of a port whose UDP side is free. */
guint
sc_test_free_udp_port (const char *ip)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      guint port = 0;

      g_assert_true (bind_port (address, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &port));
      if (bind_port (address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &port))
        return port;
    }
  g_error ("no port on %s is free for both UDP and TCP", ip);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  ScTestOutcome *outcome = data;

  outcome->result = sc_sip_probe_run_finish (result, &outcome->error);
  outcome->refused = sc_sip_probe_get_rejected_certificate (result);
  g_main_loop_quit (outcome->loop);
}

void
sc_test_run_probe_once (const ScSipProbeOptions *options,
                        GCancellable            *cancellable,
                        ScTestOutcome           *outcome)
{
  outcome->loop = g_main_loop_new (NULL, FALSE);
  sc_sip_probe_run_async (options, cancellable, on_done, outcome);
  g_main_loop_run (outcome->loop);
  g_main_loop_unref (outcome->loop);
}

/* A server binds a moment after it starts: until then the kernel answers "port unreachable".
 * Up to 20 s, as a loaded machine (the sanitizer build runs beside others) starts it slowly.
 * @prepare, if given, makes anew before each attempt what one attempt uses up (a counting
 * signer in @options, a cancellable it returns). */
void
sc_test_run_probe_prepared (ScSipProbeOptions *options,
                            ScTestPrepareFunc  prepare,
                            gpointer           data,
                            ScTestOutcome     *outcome)
{
  g_autofree char *last = NULL;

  for (int attempt = 0; attempt < 200; attempt++)
    {
      g_autoptr(GCancellable) cancellable = prepare ? prepare (options, data) : NULL;

      memset (outcome, 0, sizeof *outcome);
      sc_test_run_probe_once (options, cancellable, outcome);
      /* A TLS port may take a moment longer than the TCP one: a failed handshake is retried. */
      if (!g_error_matches (outcome->error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE) &&
          !g_error_matches (outcome->error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TLS))
        return;
      g_free (last);
      last = g_strdup (outcome->error->message);
      sc_test_outcome_clear (outcome);
      g_usleep (100 * 1000);
    }
  g_error ("the server never came up: %s (%s)", options->target, last);
}

void
sc_test_run_probe (const ScSipProbeOptions *options,
                   ScTestOutcome           *outcome)
{
  ScSipProbeOptions copy = *options;

  sc_test_run_probe_prepared (&copy, NULL, NULL, outcome);
}

void
sc_test_outcome_clear (ScTestOutcome *outcome)
{
  g_clear_pointer (&outcome->result, sc_sip_probe_result_free);
  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->refused, sc_sip_certificate_info_free);
}

GSubprocess *
sc_test_start_sipp_on (const char *scenario,
               const char *ip,
               guint       port,
               const char *transport)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "sipp", scenario, NULL);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(GError) error = NULL;
  GSubprocess *sipp = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                        "sipp", "-sf", path, "-i", ip, "-p", port_text, "-m", "1", "-t", transport,
                                        "-nostdin", "-timeout", "30s", NULL);

  g_assert_no_error (error);
  return sipp;
}

GSubprocess *
sc_test_start_sipp (const char *scenario,
            const char *ip,
            guint       port)
{
  return sc_test_start_sipp_on (scenario, ip, port, "u1");
}

void
sc_test_stop_sipp (GSubprocess *sipp)
{
  g_subprocess_force_exit (sipp);
  g_subprocess_wait (sipp, NULL, NULL);
  g_object_unref (sipp);
}

void
sc_test_assert_sipp_succeeded (GSubprocess *sipp)
{
  g_assert_true (g_subprocess_wait (sipp, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (sipp));
  g_assert_cmpint (g_subprocess_get_exit_status (sipp), ==, 0);
  g_object_unref (sipp);
}

struct _ScTestFlood
{
  GSocket *socket;
  GThread *thread;
  guint    n_junk;
  guint    status;
  char    *reason;
};

/* The request's own headers, so that the response matches its transaction. */
static GString *
response_to (const char *request,
             guint       status,
             const char *reason)
{
  g_auto(GStrv) lines = g_strsplit (request, "\r\n", -1);
  GString *reply = g_string_new (NULL);

  g_string_append_printf (reply, "SIP/2.0 %u %s\r\n", status, reason);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Via:") || g_str_has_prefix (lines[i], "From:") ||
        g_str_has_prefix (lines[i], "To:") || g_str_has_prefix (lines[i], "Call-ID:") || g_str_has_prefix (lines[i], "CSeq:"))
      g_string_append_printf (reply, "%s\r\n", lines[i]);
  g_string_append (reply, "Content-Length: 0\r\n\r\n");
  return reply;
}

static gpointer
flood (gpointer data)
{
  ScTestFlood *self = data;
  char request[65536];
  char junk[512];
  g_autoptr(GSocketAddress) from = NULL;
  g_autoptr(GString) stray = NULL;
  gssize n = g_socket_receive_from (self->socket, &from, request, sizeof request - 1, NULL, NULL);

  g_assert_cmpint (n, >, 0);
  request[n] = '\0';
  /* Every byte value, the same each run: a test that fails, fails again. */
  for (gsize i = 0; i < sizeof junk; i++)
    junk[i] = (char) (i * 167 + 13);
  stray = response_to (request, 180, "Flooded");
  g_string_replace (stray, "branch=", "branch=other", 1);   /* another transaction's */
  for (guint i = 0; i < self->n_junk; i++)
    {
      if (i % 2 == 0)
        g_socket_send_to (self->socket, from, junk, sizeof junk, NULL, NULL);
      else
        g_socket_send_to (self->socket, from, stray->str, stray->len, NULL, NULL);
    }
  /* The answer may be lost in the flood (the kernel drops what its buffer cannot hold): each
   * retransmission of the request is answered too, for a few seconds. */
  g_socket_set_timeout (self->socket, 3);
  while (self->status != 0 && n > 0)
    {
      g_autoptr(GString) reply = response_to (request, self->status, self->reason);
      g_autoptr(GSocketAddress) again = NULL;

      g_socket_send_to (self->socket, from, reply->str, reply->len, NULL, NULL);
      n = g_socket_receive_from (self->socket, &again, request, sizeof request - 1, NULL, NULL);
      if (n > 0)
        request[n] = '\0';
    }
  return NULL;
}

ScTestFlood *
sc_test_flood_start (guint n_junk,
                     guint status)
{
  return sc_test_flood_start_with_reason (n_junk, status, "Flooded");
}

ScTestFlood *
sc_test_flood_start_with_reason (guint       n_junk,
                                 guint       status,
                                 const char *reason)
{
  ScTestFlood *self = g_new0 (ScTestFlood, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  self->n_junk = n_junk;
  self->status = status;
  self->reason = g_strdup (reason);
  self->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_assert_true (g_socket_bind (self->socket, address, FALSE, NULL));
  self->thread = g_thread_new ("flood", flood, self);
  return self;
}

guint
sc_test_flood_port (ScTestFlood *self)
{
  g_autoptr(GSocketAddress) bound = g_socket_get_local_address (self->socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

void
sc_test_flood_finish (ScTestFlood *self)
{
  g_thread_join (self->thread);
  g_object_unref (self->socket);
  g_free (self->reason);
  g_free (self);
}
