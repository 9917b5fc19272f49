/* A capture of real traffic: tcpdump records SIP over UDP on the loopback interface, and
 * ScCaptureReader gives every message back intact. Skipped without tcpdump or the right to
 * capture (root, or CAP_NET_RAW). */
#include <signal.h>
#include <string.h>

#include "sc-test-capture.h"

static void
send_datagrams (GSocket *receiver, const char *const *texts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) sender = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  g_autoptr(GSocketAddress) to = g_socket_get_local_address (receiver, &error);
  char buffer[4096];

  g_assert_no_error (error);
  g_socket_set_timeout (receiver, 5);
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_assert_cmpint (g_socket_send_to (sender, to, texts[i], strlen (texts[i]), NULL, &error), ==, strlen (texts[i]));
      g_assert_no_error (error);
      /* Received, so it has crossed lo and tcpdump has seen it. */
      g_assert_cmpint (g_socket_receive (receiver, buffer, sizeof buffer, NULL, &error), ==, strlen (texts[i]));
      g_assert_no_error (error);
    }
}

/* What tcpdump has written so far, read again until @count messages are there (or 10 s pass):
 * it writes each packet as it comes, and may be in the middle of one. */
static GPtrArray *
wait_for_messages (const char *path, guint count)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_capture_message_unref);

  while (messages->len < count && g_get_monotonic_time () < deadline)
    {
      g_autoptr(ScCaptureReader) reader = sc_capture_reader_new_for_path (path, NULL);
      ScCaptureMessage *message;

      g_ptr_array_set_size (messages, 0);
      while (reader != NULL && (message = sc_capture_reader_next (reader, NULL)) != NULL)
        g_ptr_array_add (messages, message);
      if (messages->len < count)
        g_usleep (50000);
    }
  return messages;
}

/* Real traffic: tcpdump records SIP over UDP on 127.0.0.1, and every message comes back intact. */
static void
test_tcpdump (void)
{
  g_autofree char *path = g_build_filename (sc_test_capture_dir (), "tcpdump.pcap", NULL);
  g_autofree char *a = sc_test_invite ("live-a@example.com", 0), *b = sc_test_sip_message ("SIP/2.0 200 OK", "live-a@example.com", 1, 120);
  g_autofree char *c = sc_test_sip_message ("BYE sip:bob@example.com SIP/2.0", "live-a@example.com", 2, 0);
  const char *const texts[] = { a, b, c, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) receiver = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0), local = NULL;
  g_autoptr(GSubprocess) tcpdump = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *filter = NULL;
  guint16 port;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (receiver, any_port, FALSE, &error));
  local = g_socket_get_local_address (receiver, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  filter = g_strdup_printf ("udp port %u", port);
  if ((tcpdump = sc_test_start_tcpdump (path, filter)) == NULL)
    return;
  send_datagrams (receiver, texts);
  messages = wait_for_messages (path, 3);
  g_subprocess_send_signal (tcpdump, SIGTERM);
  g_assert_true (g_subprocess_wait (tcpdump, NULL, &error));
  g_assert_cmpuint (messages->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const ScCaptureMessage *m = messages->pdata[i];

      sc_test_assert_parsed (m, texts[i]);
      g_assert_cmpstr (m->destination, ==, "127.0.0.1");
      g_assert_cmpuint (m->destination_port, ==, port);
      g_assert_cmpint (m->transport, ==, SC_CAPTURE_TRANSPORT_UDP);
    }
  g_assert_cmpuint (((ScCaptureMessage *) messages->pdata[1])->sip->status, ==, 200);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/capture/tcpdump", test_tcpdump);
  status = g_test_run ();
  sc_test_capture_cleanup ();
  return status;
}
