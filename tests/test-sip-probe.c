/* The probe against real SIP servers: SIPp as a UAS on 127.0.0.1 and ::1, started here on free
 * ports and stopped at the end. Nothing is sent to any other address. */
#include <locale.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sc-sip-message.h"
#include "sc-sip-probe.h"
#include "sc-test-probe.h"
#include "sc-test-signer.h"

static void
assert_options_200 (const char *ip)
{
  guint port = sc_test_free_udp_port (ip);
  GSubprocess *sipp = sc_test_start_sipp ("uas-options-200.xml", ip, port);
  g_autofree char *target = g_strdup_printf (strchr (ip, ':') ? "sip:[%s]:%u" : "sip:%s:%u", ip, port);
  g_autofree char *remote = g_strdup_printf (strchr (ip, ':') ? "udp [%s]:%u" : "udp %s:%u", ip, port);
  ScSipProbeOptions options = { .target = target, .method = "OPTIONS", .timeout_ms = 10000 };
  ScTestOutcome outcome;
  ScSipProbeEvent *first, *last;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_cmpstr (outcome.result->reason, ==, "OK");
  g_assert_cmpstr (outcome.result->remote, ==, remote);
  g_assert_cmpint (outcome.result->rtt_us, >, 0);
  first = g_ptr_array_index (outcome.result->events, 0);
  last = g_ptr_array_index (outcome.result->events, outcome.result->events->len - 1);
  g_assert_true (first->outgoing);
  g_assert_false (last->outgoing);
  g_assert_cmpuint (last->status, ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (last->bytes, NULL), g_bytes_get_size (last->bytes), "Server: SIPp"));
  sc_test_outcome_clear (&outcome);
  sc_test_stop_sipp (sipp);
}

static void
test_options_ipv4 (void)
{
  assert_options_200 ("127.0.0.1");
}

static void
test_options_ipv6 (void)
{
  assert_options_200 ("::1");
}

static void
assert_digest (const char *password,
               guint       expected)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-digest.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("sip:127.0.0.1:%u", port);
  ScSipProbeOptions options = { .target = target, .method = "OPTIONS", .username = "alice", .password = password,
                                .timeout_ms = 10000 };
  ScTestOutcome outcome;
  guint challenges = 0;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, expected);
  g_assert_cmpuint (outcome.result->auth_attempts, ==, 1);
  for (guint i = 0; i < outcome.result->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (outcome.result->events, i);
      gsize len;
      const char *data = g_bytes_get_data (event->bytes, &len);

      challenges += event->status == 401;
      /* The password never goes on the wire, only its digest. */
      g_assert_null (g_strstr_len (data, len, password));
    }
  g_assert_cmpuint (challenges, ==, 1);
  sc_test_outcome_clear (&outcome);
  sc_test_stop_sipp (sipp);
}

static void
test_digest_right (void)
{
  assert_digest ("secret", 200);
}

static void
test_digest_wrong (void)
{
  assert_digest ("not-the-password", 403);
}

/* A server that never answers: the probe's own limit ends it, with the retransmissions seen. */
static void
test_silent (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-silent.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", port);
  ScSipProbeOptions options = { .target = target, .method = "OPTIONS", .timeout_ms = 2000 };
  ScTestOutcome outcome;

  sc_test_run_probe (&options, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (outcome.error->message, "2 seconds"));
  /* What was sent before the limit is still there: the OPTIONS and its retransmissions. */
  g_assert_cmpuint (outcome.result->events->len, >=, 3);
  g_assert_cmpuint (outcome.result->status, ==, 0);
  sc_test_outcome_clear (&outcome);
  sc_test_stop_sipp (sipp);
}

/* Nothing listens: the kernel's "port unreachable" becomes a clear error at once. */
static void
test_unreachable (void)
{
  g_autofree char *target = g_strdup_printf ("sip:127.0.0.1:%u", sc_test_free_udp_port ("127.0.0.1"));
  ScSipProbeOptions options = { .target = target, .method = "OPTIONS", .timeout_ms = 10000 };
  ScTestOutcome outcome = { 0 };

  sc_test_run_probe_once (&options, NULL, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (outcome.error->message, "127.0.0.1"));
  g_assert_null (outcome.refused);   /* only a refused certificate is reported */
  sc_test_outcome_clear (&outcome);
}

static void
test_refused_options (void)
{
  const ScSipProbeOptions cases[] = {
    { .target = "sips:127.0.0.1:5061", .transport = "udp", .method = "OPTIONS" },
    { .target = "sip:127.0.0.1:5060;transport=sctp", .method = "OPTIONS" },
    { .target = "tel:+81312345678", .method = "OPTIONS" },
    { .target = "127.0.0.1:5060", .method = "CANCEL" },
    { .target = "127.0.0.1:5060", .method = "OPTIONS", .headers = (const char *[]) { "Bad\r\nVia: x", NULL } },
    { .target = "sip:", .method = "OPTIONS" },
  };
  const int expected[] = { SC_SIP_PROBE_ERROR_USAGE, SC_SIP_PROBE_ERROR_UNSUPPORTED, SC_SIP_PROBE_ERROR_USAGE,
                           SC_SIP_PROBE_ERROR_USAGE, SC_SIP_PROBE_ERROR_USAGE, SC_SIP_PROBE_ERROR_USAGE };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ScTestOutcome outcome = { 0 };
      sc_test_run_probe_once (&cases[i], NULL, &outcome);
      g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, expected[i]);
      sc_test_outcome_clear (&outcome);
    }
}

static gboolean sent_method (const ScSipProbeResult *result, const char *method);

/* A scripted peer on 127.0.0.1 that answers badly, in the same main loop as the probe. */
typedef enum { HOSTILE_GARBAGE, HOSTILE_WRONG_BRANCH, HOSTILE_FLOOD, HOSTILE_OVERSIZED, HOSTILE_CR_REALM,
               HOSTILE_CR_TO, HOSTILE_CONTACT_HEADERS } HostileMode;

typedef struct {
  GSocket    *socket;
  GSource    *source;
  HostileMode mode;
  guint       port;
} HostilePeer;

static void
reply (HostilePeer        *peer,
       GSocketAddress     *to,
       const ScSipMessage *request,
       guint               status,
       const char         *branch)
{
  g_autofree char *text = g_strdup_printf (
    "SIP/2.0 %u Scripted\r\nVia: SIP/2.0/UDP %.*s:%u;branch=%s\r\nFrom: %.*s\r\nTo: %.*s;tag=hostile\r\n"
    "Call-ID: %.*s\r\nCSeq: %u %.*s\r\nContent-Length: 0\r\n\r\n", status,
    (int) request->vias[0].host.len, request->vias[0].host.p, request->vias[0].port, branch,
    (int) sc_sip_message_find (request, SC_SIP_HEADER_FROM, 0)->value.len, sc_sip_message_find (request, SC_SIP_HEADER_FROM, 0)->value.p,
    (int) request->to.uri_text.len + 2, request->to.uri_text.p - 1,
    (int) request->call_id.len, request->call_id.p, request->cseq, (int) request->cseq_method.len, request->cseq_method.p);

  g_socket_send_to (peer->socket, to, text, strlen (text), NULL, NULL);
}

/* A response with the request's Via, Call-ID and CSeq, and @rest (To included) as given. */
static void
reply_raw (HostilePeer        *peer,
           GSocketAddress     *to,
           const ScSipMessage *request,
           const char         *status_line,
           const char         *rest)
{
  g_autofree char *text = g_strdup_printf (
    "%s\r\nVia: SIP/2.0/UDP %.*s:%u;branch=%.*s\r\nFrom: %.*s\r\nCall-ID: %.*s\r\nCSeq: %u %.*s\r\n%s"
    "Content-Length: 0\r\n\r\n", status_line,
    (int) request->vias[0].host.len, request->vias[0].host.p, request->vias[0].port,
    (int) request->vias[0].branch.len, request->vias[0].branch.p,
    (int) sc_sip_message_find (request, SC_SIP_HEADER_FROM, 0)->value.len, sc_sip_message_find (request, SC_SIP_HEADER_FROM, 0)->value.p,
    (int) request->call_id.len, request->call_id.p, request->cseq, (int) request->cseq_method.len,
    request->cseq_method.p, rest);

  g_socket_send_to (peer->socket, to, text, strlen (text), NULL, NULL);
}

/* What the probe sends after the hostile answers: BYE gets its 200, the rest nothing. */
static void
answer_hostile (HostilePeer        *peer,
                GSocketAddress     *from,
                const ScSipMessage *request)
{
  if (sc_sip_slice_equal (request->method, "BYE"))
    reply_raw (peer, from, request, "SIP/2.0 200 OK", "To: <sip:uas@127.0.0.1>;tag=h\r\n");
  else if (sc_sip_slice_equal (request->method, "ACK"))
    return;
  else if (peer->mode == HOSTILE_CR_REALM)
    reply_raw (peer, from, request, "SIP/2.0 401 Unauthorized",
               "To: <sip:alice@127.0.0.1>;tag=h\r\nWWW-Authenticate: Digest realm=\"r\rX-Evil: 1\", nonce=\"n\"\r\n");
  else if (peer->mode == HOSTILE_CR_TO)
    reply_raw (peer, from, request, "SIP/2.0 486 Busy Here", "To: \"x\rInjected: yes\" <sip:uas@127.0.0.1>;tag=h\r\n");
  else
    reply_raw (peer, from, request, "SIP/2.0 200 OK",
               "To: <sip:uas@127.0.0.1>;tag=h\r\nContact: <sip:uas@127.0.0.1:9?X-Foo=bar>\r\n");
}

static gboolean
on_hostile_request (GSocket      *socket,
                    GIOCondition  condition,
                    gpointer      data)
{
  HostilePeer *peer = data;
  char buffer[65536];
  GSocketAddress *from = NULL;
  gssize n = g_socket_receive_from (socket, &from, buffer, sizeof buffer, NULL, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ScSipMessage) request = NULL;
  g_autofree char *branch = NULL;

  if (n <= 0)
    {
      g_clear_object (&from);
      return G_SOURCE_CONTINUE;
    }
  bytes = g_bytes_new (buffer, n);
  request = sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
  g_assert_nonnull (request);   /* what the probe sends always parses */
  branch = sc_sip_slice_dup (request->vias[0].branch);
  switch (peer->mode)
    {
    case HOSTILE_CR_REALM:
    case HOSTILE_CR_TO:
    case HOSTILE_CONTACT_HEADERS:
      answer_hostile (peer, from, request);
      break;
    case HOSTILE_GARBAGE:
      {
        static const char garbage[] = "\x00\xff\r\n\r\nnot SIP at all";
        static const char huge_code[] = "SIP/2.0 99999 Huge\r\n\r\n";
        g_socket_send_to (socket, from, garbage, sizeof garbage - 1, NULL, NULL);
        g_socket_send_to (socket, from, huge_code, sizeof huge_code - 1, NULL, NULL);
      }
      break;
    case HOSTILE_WRONG_BRANCH:
      reply (peer, from, request, 200, "z9hG4bKsomebodyelse");
      break;
    case HOSTILE_FLOOD:
      /* 60 fit the default socket buffer on loopback; a longer burst would lose the final
       * there too (the kernel drops), which retransmission cannot help: the peer would repeat
       * the same burst. */
      for (int i = 0; i < 60; i++)
        reply (peer, from, request, 180, branch);
      reply (peer, from, request, 200, branch);
      break;
    case HOSTILE_OVERSIZED:
      {
        g_autofree char *huge = g_malloc (65000);
        memset (huge, 'A', 65000);
        g_socket_send_to (socket, from, huge, 65000, NULL, NULL);
        reply (peer, from, request, 200, branch);
      }
      break;
    }
  g_object_unref (from);
  return G_SOURCE_CONTINUE;
}

static HostilePeer *
hostile_peer_new (HostileMode mode)
{
  HostilePeer *peer = g_new0 (HostilePeer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  peer->mode = mode;
  peer->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_assert_true (g_socket_bind (peer->socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (peer->socket, NULL);
  peer->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  peer->source = g_socket_create_source (peer->socket, G_IO_IN, NULL);
  g_source_set_callback (peer->source, (GSourceFunc) (GCallback) on_hostile_request, peer, NULL);
  g_source_attach (peer->source, NULL);
  return peer;
}

static void
hostile_peer_free (HostilePeer *peer)
{
  g_source_destroy (peer->source);
  g_source_unref (peer->source);
  g_object_unref (peer->socket);
  g_free (peer);
}

static void
probe_hostile_with (HostileMode    mode,
                    const char    *method,
                    ScTestOutcome *outcome)
{
  HostilePeer *peer = hostile_peer_new (mode);
  g_autofree char *target = g_strdup_printf ("sip:uas@127.0.0.1:%u", peer->port);
  ScSipProbeOptions options = { .target = target, .method = method, .timeout_ms = 1500, .username = "alice",
                                .password = "secret" };

  memset (outcome, 0, sizeof *outcome);
  sc_test_run_probe_once (&options, NULL, outcome);
  hostile_peer_free (peer);
}

/* Nothing a server sends reaches our requests unchecked: a bare CR in a challenge's realm or in
 * a To, URI headers in a 2xx Contact. Every request the probe sent still parses and holds
 * none of the server's injected lines. */
static void
assert_sent_clean (const ScSipProbeResult *result,
                   const char             *injected)
{
  for (guint i = 0; i < result->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (result->events, i);
      g_autoptr(ScSipMessage) msg = NULL;

      if (!event->outgoing)
        continue;
      msg = sc_sip_message_parse (event->bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
      g_assert_nonnull (msg);
      g_assert_null (g_strstr_len (g_bytes_get_data (event->bytes, NULL), g_bytes_get_size (event->bytes), injected));
    }
}

static void
test_hostile_injection (void)
{
  ScTestOutcome outcome;

  probe_hostile_with (HOSTILE_CR_REALM, "REGISTER", &outcome);
  g_assert_cmpuint (outcome.result->status, ==, 401);   /* an unusable challenge is not answered */
  g_assert_cmpuint (outcome.result->auth_attempts, ==, 0);
  assert_sent_clean (outcome.result, "X-Evil");
  sc_test_outcome_clear (&outcome);

  probe_hostile_with (HOSTILE_CR_TO, "INVITE", &outcome);
  g_assert_cmpuint (outcome.result->status, ==, 486);
  g_assert_true (sent_method (outcome.result, "ACK"));
  assert_sent_clean (outcome.result, "Injected");
  sc_test_outcome_clear (&outcome);

  probe_hostile_with (HOSTILE_CONTACT_HEADERS, "INVITE", &outcome);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_true (sent_method (outcome.result, "BYE"));
  assert_sent_clean (outcome.result, "X-Foo");
  sc_test_outcome_clear (&outcome);
}

static void
probe_hostile (HostileMode  mode,
               ScTestOutcome     *outcome)
{
  HostilePeer *peer = hostile_peer_new (mode);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", peer->port);
  ScSipProbeOptions options = { .target = target, .method = "OPTIONS", .timeout_ms = 1500 };

  memset (outcome, 0, sizeof *outcome);
  sc_test_run_probe_once (&options, NULL, outcome);
  hostile_peer_free (peer);
}

/* Garbage and an absurd status line are recorded and ignored; the probe ends on its limit. */
static void
test_hostile_garbage (void)
{
  ScTestOutcome outcome;

  probe_hostile (HOSTILE_GARBAGE, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT);
  sc_test_outcome_clear (&outcome);
}

/* A response for another transaction does not end ours. */
static void
test_hostile_wrong_branch (void)
{
  ScTestOutcome outcome;

  probe_hostile (HOSTILE_WRONG_BRANCH, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT);
  sc_test_outcome_clear (&outcome);
}

/* Sixty 180s, then the final: the final still counts. */
static void
test_hostile_flood (void)
{
  ScTestOutcome outcome;

  probe_hostile (HOSTILE_FLOOD, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  sc_test_outcome_clear (&outcome);
}

/* A 65,000-byte datagram of junk, then the final. */
static void
test_hostile_oversized (void)
{
  ScTestOutcome outcome;

  probe_hostile (HOSTILE_OVERSIZED, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  sc_test_outcome_clear (&outcome);
}

/* Over TCP: no retransmission, the response cut from the stream by its Content-Length. */
static void
assert_tcp (const char *ip)
{
  guint port = sc_test_free_udp_port (ip);   /* free for UDP is very likely free for TCP too; SIPp fails loudly if not */
  GSubprocess *sipp = sc_test_start_sipp_on ("uas-options-200.xml", ip, port, "t1");
  g_autofree char *target = g_strdup_printf (strchr (ip, ':') ? "sip:[%s]:%u;transport=tcp" : "sip:%s:%u;transport=tcp",
                                             ip, port);
  g_autofree char *remote = g_strdup_printf (strchr (ip, ':') ? "tcp [%s]:%u" : "tcp %s:%u", ip, port);
  ScSipProbeOptions options = { .target = target, .method = "OPTIONS", .timeout_ms = 10000 };
  ScTestOutcome outcome;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_cmpstr (outcome.result->remote, ==, remote);
  g_assert_cmpuint (outcome.result->retransmissions, ==, 0);
  sc_test_outcome_clear (&outcome);
  sc_test_stop_sipp (sipp);
}

static void
test_tcp_ipv4 (void)
{
  assert_tcp ("127.0.0.1");
}

static void
test_tcp_ipv6 (void)
{
  assert_tcp ("::1");
}

/* A TCP peer that answers with headers that never end: stopped at the size limit. */
static void
on_endless_client (GObject      *listener,
                   GAsyncResult *result,
                   gpointer      data)
{
  GSocketConnection *connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (listener), result, NULL, NULL);
  GOutputStream *out;
  g_autofree char *line = g_strnfill (1000, 'x');
  g_autofree char *header = g_strdup_printf ("X-Endless: %s\r\n", line);

  if (connection == NULL)
    return;
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_output_stream_write_all (out, "SIP/2.0 200 OK\r\n", 17, NULL, NULL, NULL);
  /* About 1.2 MB of header lines, never the empty line that ends them. */
  for (int i = 0; i < 1200; i++)
    if (!g_output_stream_write_all (out, header, strlen (header), NULL, NULL, NULL))
      break;
  g_object_set_data_full (G_OBJECT (listener), "connection", connection, g_object_unref);
}

/* A TCP peer whose response has 600 short headers: the error names the header limit, not
 * the size limit it never reached. */
static void
on_many_headers_client (GObject      *listener,
                        GAsyncResult *result,
                        gpointer      data)
{
  GSocketConnection *connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (listener), result, NULL, NULL);
  g_autoptr(GString) response = g_string_new ("SIP/2.0 200 OK\r\n");

  if (connection == NULL)
    return;
  for (int i = 0; i < 600; i++)
    g_string_append_printf (response, "X-H%d: %d\r\n", i, i);
  g_string_append (response, "Content-Length: 0\r\n\r\n");
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), response->str, response->len,
                             NULL, NULL, NULL);
  g_object_set_data_full (G_OBJECT (listener), "connection", connection, g_object_unref);
}

static void
run_tcp_peer (GAsyncReadyCallback  on_client,
              ScTestOutcome       *outcome)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *target = NULL;
  ScSipProbeOptions options = { .method = "OPTIONS", .transport = "tcp", .timeout_ms = 20000 };

  g_assert_true (g_socket_listener_add_address (listener, any, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                                &bound, NULL));
  target = g_strdup_printf ("127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  options.target = target;
  g_socket_listener_accept_async (listener, NULL, on_client, NULL);
  memset (outcome, 0, sizeof *outcome);
  sc_test_run_probe_once (&options, NULL, outcome);
}

static void
test_tcp_many_headers (void)
{
  ScTestOutcome outcome;

  run_tcp_peer (on_many_headers_client, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (outcome.error->message, "more than 512 headers"));
  g_assert_null (strstr (outcome.error->message, "1048576"));
  sc_test_outcome_clear (&outcome);
}

static void
test_tcp_endless (void)
{
  ScTestOutcome outcome;

  run_tcp_peer (on_endless_client, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (outcome.error->message, "without completing a message"));
  sc_test_outcome_clear (&outcome);
}

/* SIPp exits 0 only when its scenario ran to the end: our ACK, BYE or CANCEL arrived, right. */
static gboolean
sent_method (const ScSipProbeResult *result,
             const char             *method)
{
  g_autofree char *prefix = g_strconcat (method, " ", NULL);

  for (guint i = 0; i < result->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (result->events, i);
      if (event->outgoing && g_str_has_prefix (g_bytes_get_data (event->bytes, NULL), prefix))
        return TRUE;
    }
  return FALSE;
}

static gboolean
received_status (const ScSipProbeResult *result,
                 guint                   status)
{
  for (guint i = 0; i < result->events->len; i++)
    if (((ScSipProbeEvent *) g_ptr_array_index (result->events, i))->status == status)
      return TRUE;
  return FALSE;
}

/* 100, 180, then 428: both provisional responses seen, the 428 ACKed by the transaction. */
static void
test_invite_428 (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-invite-428.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("sip:uas@127.0.0.1:%u", port);
  ScSipProbeOptions options = { .target = target, .method = "INVITE", .timeout_ms = 10000 };
  ScTestOutcome outcome;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 428);
  g_assert_true (received_status (outcome.result, 100));
  g_assert_true (received_status (outcome.result, 180));
  g_assert_true (sent_method (outcome.result, "ACK"));
  sc_test_outcome_clear (&outcome);
  sc_test_assert_sipp_succeeded (sipp);
}

static void
collect_event (const ScSipProbeEvent *event,
               gpointer               data)
{
  g_ptr_array_add (data, (gpointer) event);
}

/* Each message reaches the caller as it happens, in the order of the final timeline; a body's
 * [local_ip] and [local_ip_type] become the address the probe sent from. */
static void
test_live_events_and_local_address (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-invite-428.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("sip:uas@127.0.0.1:%u", port);
  const char sdp[] = "v=0\r\no=- 0 0 IN [local_ip_type] [local_ip]\r\ns=-\r\nc=IN [local_ip_type] [local_ip]\r\n"
                     "t=0 0\r\nm=audio 9 RTP/AVP 0\r\na=inactive\r\n";
  g_autoptr(GBytes) body = g_bytes_new_static (sdp, strlen (sdp));
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  ScSipProbeOptions options = { .target = target, .method = "INVITE", .timeout_ms = 10000, .body = body,
                                .content_type = "application/sdp", .on_event = collect_event, .event_data = seen };
  ScTestOutcome outcome;
  GPtrArray *events;
  guint offset;
  gsize size;
  const char *invite;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  events = outcome.result->events;
  /* Attempts before SIPp was up were reported too: the last ones are this run's. */
  g_assert_cmpuint (seen->len, >=, events->len);
  offset = seen->len - events->len;
  for (guint i = 0; i < events->len; i++)
    g_assert_true (seen->pdata[offset + i] == events->pdata[i]);
  invite = g_bytes_get_data (((ScSipProbeEvent *) events->pdata[0])->bytes, &size);
  g_assert_nonnull (g_strstr_len (invite, size, "\r\nc=IN IP4 127.0.0.1\r\n"));
  g_assert_null (g_strstr_len (invite, size, "[local_ip"));
  sc_test_outcome_clear (&outcome);
  sc_test_assert_sipp_succeeded (sipp);
}

static void
test_check_target (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;

  g_assert_true (sc_sip_probe_check_target ("sips:PBX.Example.test:5061", NULL, &host, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (host, ==, "pbx.example.test");
  g_assert_true (sc_sip_probe_check_target ("[::1]:5070", "tcp", NULL, NULL));
  g_assert_false (sc_sip_probe_check_target ("sips:pbx.example.test", "udp", NULL, &error));
  g_assert_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE);
  g_clear_error (&error);
  g_assert_false (sc_sip_probe_check_target ("sip:pbx.example.test;transport=sctp", NULL, NULL, &error));
  g_assert_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_false (sc_sip_probe_check_target ("mailto:someone@example.test", NULL, NULL, &error));
  g_assert_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE);
  g_clear_error (&error);
  g_assert_false (sc_sip_probe_check_target ("tel:+81312345678", NULL, NULL, &error));
  g_assert_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE);
  g_clear_error (&error);
  g_clear_pointer (&host, g_free);
  /* A host whose name begins with "sip" is a host, with or without a port. */
  g_assert_true (sc_sip_probe_check_target ("sipgate.example.test:5060", NULL, &host, &error));
  g_assert_cmpstr (host, ==, "sipgate.example.test");
  g_clear_pointer (&host, g_free);
  g_assert_true (sc_sip_probe_check_target ("sipproxy", NULL, &host, &error));
  g_assert_cmpstr (host, ==, "sipproxy");
  g_assert_no_error (error);
}

/* An answered call is ACKed end to end and hung up, so nothing stays up on the server. */
static void
test_invite_200 (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-invite-200.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("sip:uas@127.0.0.1:%u", port);
  ScSipProbeOptions options = { .target = target, .method = "INVITE", .timeout_ms = 10000 };
  ScTestOutcome outcome;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_true (sent_method (outcome.result, "ACK"));
  g_assert_true (sent_method (outcome.result, "BYE"));
  sc_test_outcome_clear (&outcome);
  sc_test_assert_sipp_succeeded (sipp);
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* A cancellable for each attempt, cancelled 400 ms into it. */
static GCancellable *
cancel_soon (ScSipProbeOptions *options,
             gpointer           data)
{
  GCancellable *cancellable = g_cancellable_new ();

  g_timeout_add_full (G_PRIORITY_DEFAULT, 400, cancel_later, g_object_ref (cancellable), g_object_unref);
  return cancellable;
}

/* Cancelling a ringing call sends CANCEL; the INVITE ends with 487, which is ACKed. */
static void
test_invite_cancel (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-invite-ring.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("sip:uas@127.0.0.1:%u", port);
  ScSipProbeOptions options = { .target = target, .method = "INVITE", .timeout_ms = 10000 };
  ScTestOutcome outcome;

  sc_test_run_probe_prepared (&options, cancel_soon, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 487);
  g_assert_true (sent_method (outcome.result, "CANCEL"));
  g_assert_true (sent_method (outcome.result, "ACK"));
  sc_test_outcome_clear (&outcome);
  sc_test_assert_sipp_succeeded (sipp);
}

/* The Date a signed request was sent with is the second its signature was made for. */
static void
assert_signed_as (const ScSipMessage     *request,
                  const ScTestSignerCall *call)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (call->date_unix);
  g_autofree char *date = g_date_time_format (time, "%a, %d %b %Y %H:%M:%S GMT");   /* LC_ALL=C.UTF-8 */
  const ScSipHeader *identity = sc_sip_message_find (request, SC_SIP_HEADER_IDENTITY, 0);
  const ScSipHeader *date_header = sc_sip_message_find (request, SC_SIP_HEADER_DATE, 0);

  g_assert_nonnull (identity);
  g_assert_true (sc_sip_slice_equal (identity->value, call->value));
  g_assert_null (sc_sip_message_find (request, SC_SIP_HEADER_IDENTITY, 1));
  g_assert_nonnull (date_header);
  g_assert_true (sc_sip_slice_equal (date_header->value, date));
  g_assert_null (sc_sip_message_find (request, SC_SIP_HEADER_DATE, 1));
  g_assert_true (sc_sip_slice_equal (request->method, call->method));
  g_assert_true (sc_sip_slice_equal (request->from.uri_text, call->from_uri));
  g_assert_true (sc_sip_slice_equal (request->to.uri_text, call->to_uri));
}

/* A fresh signer per attempt: the first ones may meet a SIPp that is not listening yet. */
static GCancellable *
new_signer (ScSipProbeOptions *options,
            gpointer           data)
{
  ScTestSigner **signer = data;

  g_clear_object (signer);
  *signer = sc_test_signer_new (SC_TEST_SIGNER_COUNTING);
  options->identity = SC_SIP_IDENTITY_SIGNER (*signer);
  return NULL;
}

/* Each INVITE sent (the first and the one with credentials) has its own Date and Identity;
 * the ACKs and the BYE have none. SIPp checks the same on its side. */
static void
test_identity_digest (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-invite-digest-identity.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("sip:+81398765432@127.0.0.1:%u", port);
  g_autoptr(ScTestSigner) signer = NULL;
  ScSipProbeOptions options = { .target = target, .method = "INVITE", .username = "alice", .password = "secret",
                                .timeout_ms = 10000 };
  ScTestOutcome outcome;
  guint invites = 0, others = 0;

  sc_test_run_probe_prepared (&options, new_signer, &signer, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_cmpuint (outcome.result->auth_attempts, ==, 1);
  g_assert_cmpuint (sc_test_signer_get_n_calls (signer), ==, 2);
  g_assert_cmpstr (sc_test_signer_get_call (signer, 0)->value, !=, sc_test_signer_get_call (signer, 1)->value);
  invites = 0;
  for (guint i = 0; i < outcome.result->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (outcome.result->events, i);
      g_autoptr(ScSipMessage) msg = NULL;

      if (!event->outgoing || event->retransmission)
        continue;
      msg = sc_sip_message_parse (event->bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
      g_assert_nonnull (msg);
      if (sc_sip_slice_equal (msg->method, "INVITE"))
        assert_signed_as (msg, sc_test_signer_get_call (signer, invites++));
      else
        {
          g_assert_null (sc_sip_message_find (msg, SC_SIP_HEADER_IDENTITY, 0));
          others++;
        }
    }
  g_assert_cmpuint (invites, ==, 2);
  g_assert_cmpuint (others, ==, 3);   /* the ACK of the 401, the ACK of the 200, the BYE */
  g_assert_cmpstr (sc_test_signer_get_call (signer, 0)->to_uri, ==, target);
  /* With a username, From names that user at the target's domain (what a proxy checks). */
  g_assert_cmpstr (sc_test_signer_get_call (signer, 0)->from_uri, ==, "sip:alice@127.0.0.1");
  sc_test_outcome_clear (&outcome);
  sc_test_assert_sipp_succeeded (sipp);
}

/* A signer that fails stops the probe before anything is sent: the peer's socket stays empty. */
static void
assert_identity_refused (ScTestSignerMode  mode,
                         const char       *reason)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocket) peer = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(ScTestSigner) signer = sc_test_signer_new (mode);
  g_autofree char *target = NULL;
  ScSipProbeOptions options = { .method = "OPTIONS", .timeout_ms = 2000, .identity = SC_SIP_IDENTITY_SIGNER (signer) };
  ScTestOutcome outcome = { 0 };

  g_assert_true (g_socket_bind (peer, address, FALSE, NULL));
  bound = g_socket_get_local_address (peer, NULL);
  target = g_strdup_printf ("127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  options.target = target;
  sc_test_run_probe_once (&options, NULL, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE);
  g_assert_true (g_str_has_prefix (outcome.error->message, "the Identity header could not be made: "));
  g_assert_nonnull (strstr (outcome.error->message, reason));
  g_assert_cmpuint (sc_test_signer_get_n_calls (signer), ==, 1);
  g_assert_cmpint (g_socket_condition_check (peer, G_IO_IN), ==, 0);
  sc_test_outcome_clear (&outcome);
}

static void
test_identity_failing (void)
{
  assert_identity_refused (SC_TEST_SIGNER_FAILING, "the test key is locked");
}

static void
test_identity_silent (void)
{
  assert_identity_refused (SC_TEST_SIGNER_SILENT, "no Identity value");
}

/* Sends @target an OPTIONS that nobody answers; returns the request line that went out, or
 * NULL when the probe refused the target (@error says why). */
static char *
request_line_for (const char  *target,
                  GError     **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocket) peer = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *full = NULL;
  ScSipProbeOptions options = { .method = "OPTIONS", .timeout_ms = 300 };
  ScTestOutcome outcome = { 0 };
  char *line = NULL;

  g_assert_true (g_socket_bind (peer, address, FALSE, NULL));
  bound = g_socket_get_local_address (peer, NULL);
  full = g_strdup_printf ("%s:%u", target, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  options.target = full;
  sc_test_run_probe_once (&options, NULL, &outcome);
  if (outcome.result->events->len > 0)
    {
      ScSipProbeEvent *first = g_ptr_array_index (outcome.result->events, 0);
      const char *data = g_bytes_get_data (first->bytes, NULL);
      line = g_strndup (data, strcspn (data, "\r"));
    }
  g_propagate_error (error, g_steal_pointer (&outcome.error));
  sc_test_outcome_clear (&outcome);
  return line;
}

/* A user part typed in UTF-8 goes out %-escaped (a SIP URI has no raw non-ASCII); bytes that
 * are not UTF-8 are refused before anything is sent, instead of going out raw. */
static void
test_user_part_encoding (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = request_line_for ("sip:\xe7\x94\xb0\xe4\xb8\xad@127.0.0.1", &error);

  g_assert_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT);
  g_assert_true (g_str_has_prefix (line, "OPTIONS sip:%E7%94%B0%E4%B8%AD@127.0.0.1:"));
  g_clear_pointer (&line, g_free);
  g_clear_error (&error);
  line = request_line_for ("sip:\xff\xfe@127.0.0.1", &error);
  g_assert_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE);
  g_assert_null (line);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/sip/probe/hostile-injection", test_hostile_injection);
  g_test_add_func ("/sc/sip/probe/tcp-many-headers", test_tcp_many_headers);
  g_test_add_func ("/sc/sip/probe/user-part-encoding", test_user_part_encoding);
  g_test_add_func ("/sc/sip/probe/options-ipv4", test_options_ipv4);
  g_test_add_func ("/sc/sip/probe/options-ipv6", test_options_ipv6);
  g_test_add_func ("/sc/sip/probe/digest-right", test_digest_right);
  g_test_add_func ("/sc/sip/probe/digest-wrong", test_digest_wrong);
  g_test_add_func ("/sc/sip/probe/silent", test_silent);
  g_test_add_func ("/sc/sip/probe/unreachable", test_unreachable);
  g_test_add_func ("/sc/sip/probe/refused-options", test_refused_options);
  g_test_add_func ("/sc/sip/probe/tcp-ipv4", test_tcp_ipv4);
  g_test_add_func ("/sc/sip/probe/tcp-ipv6", test_tcp_ipv6);
  g_test_add_func ("/sc/sip/probe/tcp-endless", test_tcp_endless);
  g_test_add_func ("/sc/sip/probe/invite-428", test_invite_428);
  g_test_add_func ("/sc/sip/probe/live-events-and-local-address", test_live_events_and_local_address);
  g_test_add_func ("/sc/sip/probe/check-target", test_check_target);
  g_test_add_func ("/sc/sip/probe/invite-200", test_invite_200);
  g_test_add_func ("/sc/sip/probe/invite-cancel", test_invite_cancel);
  g_test_add_func ("/sc/sip/probe/hostile-garbage", test_hostile_garbage);
  g_test_add_func ("/sc/sip/probe/hostile-wrong-branch", test_hostile_wrong_branch);
  g_test_add_func ("/sc/sip/probe/hostile-flood", test_hostile_flood);
  g_test_add_func ("/sc/sip/probe/hostile-oversized", test_hostile_oversized);
  g_test_add_func ("/sc/sip/probe/identity-digest", test_identity_digest);
  g_test_add_func ("/sc/sip/probe/identity-failing", test_identity_failing);
  g_test_add_func ("/sc/sip/probe/identity-silent", test_identity_silent);
  return g_test_run ();
}
