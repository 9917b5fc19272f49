/* A capture recorded by tcpdump while real servers answer: the probe calls SIPp (answered,
 * hung up) and registers at Kamailio over TCP (challenged, then accepted), and Kamailio refuses
 * an unsigned INVITE with 428. What the capture analysis says of each must be what SIPp and the
 * probe saw. Skipped without tcpdump or the right to capture. */
#include <signal.h>
#include <string.h>

#include "sc-capture-calls.h"
#include "sc-capture-reader.h"
#include "sc-test-capture.h"
#include "sc-test-kamailio.h"
#include "sc-test-probe.h"

static void
probe (const char *target,
       const char *method,
       const char *transport,
       guint       expected)
{
  ScSipProbeOptions options = { .target = target, .method = method, .transport = transport, .username = "alice",
                                .password = "secret", .timeout_ms = 10000 };
  ScTestOutcome outcome;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, expected);
  sc_test_outcome_clear (&outcome);
}

/* SIPp binds a moment after it starts; a probe sent before would be an extra, unanswered call
 * in the capture. Bound means our own bind to the port fails. */
static void
wait_bound (guint port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  for (int attempt = 0; attempt < 200; attempt++)
    {
      g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);

      if (!g_socket_bind (socket, address, FALSE, NULL))
        return;
      g_socket_close (socket, NULL);
      g_usleep (25 * 1000);
    }
  g_error ("SIPp never bound port %u", port);
}

static void
on_call (ScCaptureCalls *calls,
         ScCaptureCall  *call,
         GPtrArray      *ended)
{
  g_ptr_array_add (ended, g_object_ref (call));
}

static ScCaptureCall *
find_call (GPtrArray  *ended,
           const char *method,
           guint       code)
{
  for (guint i = 0; i < ended->len; i++)
    if (g_str_equal (sc_capture_call_get_method (ended->pdata[i]), method) && sc_capture_call_get_final_code (ended->pdata[i]) == code)
      return ended->pdata[i];
  g_error ("the capture has no %s ending in %u", method, code);
  return NULL;
}

static void
test_servers (void)
{
  g_autofree char *path = g_build_filename (sc_test_capture_dir (), "servers.pcap", NULL);
  guint sipp_port = sc_test_free_udp_port ("127.0.0.1");
  ScTestKamailio *kamailio = sc_test_kamailio_start ("127.0.0.1", "MD5");
  g_autofree char *filter = g_strdup_printf ("port %u or port %u", sipp_port, kamailio->port);
  g_autofree char *sipp_target = g_strdup_printf ("sip:bob@127.0.0.1:%u", sipp_port);
  g_autofree char *kamailio_target = g_strdup_printf ("sip:127.0.0.1:%u", kamailio->port);
  g_autofree char *invite_target = g_strdup_printf ("sip:bob@127.0.0.1:%u", kamailio->port);
  g_autoptr(GSubprocess) tcpdump = sc_test_start_tcpdump (path, filter);
  g_autoptr(ScCaptureReader) reader = NULL;
  g_autoptr(ScCaptureCalls) calls = sc_capture_calls_new ();
  g_autoptr(GPtrArray) ended = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GSubprocess *sipp;
  ScCaptureMessage *message;
  ScCaptureCall *call;

  if (tcpdump == NULL)
    {
      sc_test_kamailio_stop (kamailio);
      return;
    }
  sipp = sc_test_start_sipp ("uas-invite-200.xml", "127.0.0.1", sipp_port);
  wait_bound (sipp_port);
  probe (sipp_target, "INVITE", "udp", 200);
  sc_test_assert_sipp_succeeded (sipp);
  probe (kamailio_target, "REGISTER", "tcp", 200);
  probe (invite_target, "INVITE", "udp", 428);
  g_usleep (200 * 1000);
  g_subprocess_send_signal (tcpdump, SIGINT);
  g_assert_true (g_subprocess_wait (tcpdump, NULL, NULL));
  sc_test_kamailio_stop (kamailio);

  reader = sc_capture_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_signal_connect (calls, "call-finished", G_CALLBACK (on_call), ended);
  while ((message = sc_capture_reader_next (reader, &error)) != NULL)
    {
      char src[SC_CAPTURE_ENDPOINT_LEN], dst[SC_CAPTURE_ENDPOINT_LEN];

      g_assert_nonnull (message->sip);   /* every message of the servers and the probe parses */
      sc_capture_endpoint_format (message->family, message->source, message->source_port, src);
      sc_capture_endpoint_format (message->family, message->destination, message->destination_port, dst);
      sc_capture_calls_add (calls, message->time_us, src, dst, sc_capture_transport_to_string (message->transport), message->sip);
      sc_capture_message_unref (message);
    }
  g_assert_no_error (error);
  sc_capture_calls_finish (calls);
  g_assert_cmpuint (ended->len, ==, 3);

  /* SIPp's call: answered, hung up by the probe's BYE, not still up. */
  call = find_call (ended, "INVITE", 200);
  g_assert_cmpint (sc_capture_call_get_outcome (call), ==, SC_CAPTURE_OUTCOME_ANSWERED);
  g_assert_false (sc_capture_call_is_up (call));
  g_assert_cmpint (sc_capture_call_get_duration (call), >=, 0);
  /* Kamailio's registrar over TCP: challenged once, then accepted. */
  call = find_call (ended, "REGISTER", 200);
  g_assert_cmpint (sc_capture_call_get_outcome (call), ==, SC_CAPTURE_OUTCOME_ANSWERED);
  g_assert_cmpuint (sc_capture_call_get_challenges (call), ==, 1);
  g_assert_cmpstr (sc_capture_call_get_transport (call), ==, "tcp");
  /* Kamailio's verifier: the unsigned INVITE refused. */
  call = find_call (ended, "INVITE", 428);
  g_assert_cmpint (sc_capture_call_get_outcome (call), ==, SC_CAPTURE_OUTCOME_FAILED);
  g_assert_cmpstr (sc_capture_call_get_reason_phrase (call), ==, "Use Identity Header");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/capture/servers", test_servers);
  status = g_test_run ();
  sc_test_capture_cleanup ();
  return status;
}
