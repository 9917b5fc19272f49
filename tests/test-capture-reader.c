/* ScCaptureReader on captures the test writes itself: link layers, IP versions and fragments,
 * TCP reassembly, HEP v3, pcapng, broken files. */
#include <pcap/pcap.h>
#include <string.h>
#include <unistd.h>

#include "sc-capture-reader.h"
#include "sc-capture-writer.h"
#include "sc-sip-error.h"
#include "sc-test-capture.h"

static GBytes *
udp4 (const char *source, guint16 source_port, const char *destination, guint16 destination_port, const char *text)
{
  g_autoptr(GBytes) udp = sc_test_udp (source_port, destination_port, text, strlen (text));

  return sc_test_ipv4 (source, destination, 17, 1, 0, udp);
}

static GBytes *
udp6 (const char *source, const char *destination, const char *text, gboolean extensions)
{
  g_autoptr(GBytes) udp = sc_test_udp (5060, 5062, text, strlen (text));

  return sc_test_ipv6 (source, destination, 17, extensions, 0, 0, FALSE, udp);
}

static void
test_udp_ethernet_ipv4 (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *request = sc_test_invite ("v4@example.com", 0), *path = NULL;
  g_autofree char *response = sc_test_sip_message ("SIP/2.0 486 Busy Here", "v4@example.com", 1, 0), *source = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  ScCaptureReaderStats stats;
  const ScCaptureMessage *m;

  sc_test_capture_add (capture, SC_TEST_T0, sc_test_ethernet (udp4 ("192.0.2.1", 5060, "198.51.100.7", 5060, request), 0), 0, 0);
  /* ARP is not IP, and DNS is not SIP: both counted, neither delivered. */
  sc_test_capture_add (capture, SC_TEST_T0 + 1, g_bytes_new_static ("\xff\xff\xff\xff\xff\xff\x02\0\0\0\0\x01\x08\x06"
                                                             "\0\x01\x08\0\x06\x04\0\x01", 22), 0, 0);
  sc_test_capture_add (capture, SC_TEST_T0 + 2, sc_test_ethernet (udp4 ("192.0.2.1", 40000, "192.0.2.53", 53, "\x12\x34\x01\0"), 0), 0, 0);
  sc_test_capture_add (capture, SC_TEST_T0 + 3, sc_test_ethernet (udp4 ("192.0.2.1", 5060, "198.51.100.7", 5060, "\r\n\r\n"), 0), 0, 0);
  sc_test_capture_add (capture, SC_TEST_T0 + 250000, sc_test_ethernet (udp4 ("198.51.100.7", 5060, "192.0.2.1", 5060, response), 1), 0, 0);
  path = sc_test_capture_write_pcap (capture, "udp-ipv4.pcap");
  messages = sc_test_read_all (path, &stats);
  g_assert_cmpuint (messages->len, ==, 2);
  m = messages->pdata[0];
  sc_test_assert_parsed (m, request);
  sc_test_assert_endpoints (m, "192.0.2.1", 5060, "198.51.100.7", 5060);
  g_assert_cmpint (m->family, ==, G_SOCKET_FAMILY_IPV4);
  g_assert_cmpint (m->transport, ==, SC_CAPTURE_TRANSPORT_UDP);
  g_assert_cmpint (m->time_us, ==, SC_TEST_T0);
  g_assert_cmpuint (m->frame, ==, 1);
  g_assert_cmpstr (sc_capture_transport_to_string (m->transport), ==, "udp");
  source = sc_capture_message_dup_source (m);
  g_assert_cmpstr (source, ==, "192.0.2.1:5060");
  m = messages->pdata[1];
  sc_test_assert_parsed (m, response);
  g_assert_cmpuint (m->sip->status, ==, 486);
  g_assert_cmpint (m->time_us, ==, SC_TEST_T0 + 250000);
  g_assert_cmpuint (m->frame, ==, 5);
  g_assert_cmpuint (stats.packets, ==, 5);
  g_assert_cmpuint (stats.sip_messages, ==, 2);
  g_assert_cmpuint (stats.not_sip, ==, 2);
  g_assert_cmpuint (stats.keepalives, ==, 1);
  g_assert_cmpuint (stats.sip_errors, ==, 0);
}

static void
test_udp_ethernet_ipv6 (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *request = sc_test_invite ("v6@example.com", 40), *path = NULL;
  g_autofree char *source = NULL, *destination = NULL;
  g_autoptr(GPtrArray) messages = NULL;

  /* Two VLAN tags (802.1ad outside 802.1Q), and hop-by-hop and destination options headers. */
  sc_test_capture_add (capture, SC_TEST_T0, sc_test_ethernet (udp6 ("2001:db8::1", "2001:db8:0:1::2", request, TRUE), 2), 0, 0);
  sc_test_capture_add (capture, SC_TEST_T0 + 1, sc_test_ethernet (udp6 ("::ffff:192.0.2.1", "fe80::1", request, FALSE), 1), 0, 0);
  path = sc_test_capture_write_pcap (capture, "udp-ipv6.pcap");
  messages = sc_test_read_all (path, NULL);
  g_assert_cmpuint (messages->len, ==, 2);
  sc_test_assert_parsed (messages->pdata[0], request);
  sc_test_assert_endpoints (messages->pdata[0], "2001:db8::1", 5060, "2001:db8:0:1::2", 5062);
  g_assert_cmpint (((ScCaptureMessage *) messages->pdata[0])->family, ==, G_SOCKET_FAMILY_IPV6);
  sc_test_assert_endpoints (messages->pdata[1], "::ffff:192.0.2.1", 5060, "fe80::1", 5062);
  source = sc_capture_message_dup_source (messages->pdata[0]);
  destination = sc_capture_message_dup_destination (messages->pdata[1]);
  g_assert_cmpstr (source, ==, "[2001:db8::1]:5060");
  g_assert_cmpstr (destination, ==, "[fe80::1]:5062");
}

/* A datagram's transport payload cut at 8-byte multiples, as IP fragments it. */
static GBytes *
piece (GBytes *whole, gsize offset, gsize len)
{
  return g_bytes_new_from_bytes (whole, offset, MIN (len, g_bytes_get_size (whole) - offset));
}

static void
add_fragment4 (ScTestCapture *capture, gint64 time_us, guint16 id, GBytes *udp, gsize offset, gsize len)
{
  g_autoptr(GBytes) part = piece (udp, offset, len);
  gboolean more = offset + len < g_bytes_get_size (udp);
  guint16 field = (guint16) ((more ? 0x2000 : 0) | offset / 8);

  sc_test_capture_add (capture, time_us, sc_test_ethernet (sc_test_ipv4 ("192.0.2.1", "198.51.100.7", 17, id, field, part), 0), 0, 0);
}

static void
test_udp_fragmented (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *request = sc_test_invite ("fragments@example.com", 3000), *path = NULL;
  g_autoptr(GBytes) udp = sc_test_udp (5060, 5060, request, strlen (request));
  g_autoptr(GBytes) udp6_ = sc_test_udp (5060, 5060, request, strlen (request));
  g_autoptr(GPtrArray) messages = NULL;
  ScCaptureReaderStats stats;

  /* Last first, a duplicate, an overlap (1480..2960 again from 1200), then the first. */
  add_fragment4 (capture, SC_TEST_T0, 7, udp, 2960, 1480);
  add_fragment4 (capture, SC_TEST_T0 + 1, 7, udp, 1480, 1480);
  add_fragment4 (capture, SC_TEST_T0 + 2, 7, udp, 1480, 1480);
  add_fragment4 (capture, SC_TEST_T0 + 3, 7, udp, 1200, 1000);
  add_fragment4 (capture, SC_TEST_T0 + 4, 7, udp, 0, 1480);
  /* The same over IPv6, through its fragment header, second piece first. */
  for (int i = 1; i >= 0; i--)
    {
      g_autoptr(GBytes) part = piece (udp6_, i * 1448, i == 0 ? 1448 : 4000);

      sc_test_capture_add (capture, SC_TEST_T0 + 10 + (1 - i), sc_test_ethernet (sc_test_ipv6 ("2001:db8::1", "2001:db8::2", 17, FALSE,
                                                                                   0x1234, i * 1448, i == 0, part), 0), 0, 0);
    }
  /* A fragment whose datagram never completes stays pending. */
  add_fragment4 (capture, SC_TEST_T0 + 20, 9, udp, 0, 1480);
  path = sc_test_capture_write_pcap (capture, "fragments.pcap");
  messages = sc_test_read_all (path, &stats);
  g_assert_cmpuint (messages->len, ==, 2);
  sc_test_assert_parsed (messages->pdata[0], request);
  g_assert_cmpuint (((ScCaptureMessage *) messages->pdata[0])->frame, ==, 5);
  sc_test_assert_parsed (messages->pdata[1], request);
  sc_test_assert_endpoints (messages->pdata[1], "2001:db8::1", 5060, "2001:db8::2", 5060);
  g_assert_cmpuint (stats.fragments, ==, 8);
  g_assert_cmpuint (stats.fragments_pending, ==, 1);
  g_assert_cmpuint (stats.fragments_expired, ==, 0);
}

static void
test_fragments_expire (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *request = sc_test_invite ("late@example.com", 2000), *path = NULL;
  g_autoptr(GBytes) udp = sc_test_udp (5060, 5060, request, strlen (request));
  g_autoptr(GPtrArray) messages = NULL;
  ScCaptureReaderStats stats;

  /* The second piece comes 31 s after the first: too late (and it starts a datagram of its own). */
  add_fragment4 (capture, SC_TEST_T0, 3, udp, 0, 1480);
  add_fragment4 (capture, SC_TEST_T0 + 31 * G_USEC_PER_SEC, 4, udp, 0, 1480);
  add_fragment4 (capture, SC_TEST_T0 + 31 * G_USEC_PER_SEC + 1, 3, udp, 1480, 1480);
  path = sc_test_capture_write_pcap (capture, "fragments-late.pcap");
  messages = sc_test_read_all (path, &stats);
  g_assert_cmpuint (messages->len, ==, 0);
  g_assert_cmpuint (stats.fragments_expired, ==, 1);
  g_assert_cmpuint (stats.fragments_pending, ==, 2);
}

/* Segments of one connection, client (192.0.2.1:40000) to server (198.51.100.7:5060). */
static void
add_segment (ScTestCapture *capture, gint64 time_us, gboolean to_server, guint32 seq, guint8 flags,
             const char *data, gsize len)
{
  g_autoptr(GBytes) tcp = sc_test_tcp (to_server ? 40000 : 5060, to_server ? 5060 : 40000, seq, flags, data, len);
  GBytes *ip = sc_test_ipv4 (to_server ? "192.0.2.1" : "198.51.100.7", to_server ? "198.51.100.7" : "192.0.2.1", 6, 1, 0, tcp);

  sc_test_capture_add (capture, time_us, sc_test_ethernet (ip, 0), 0, 0);
}

static void
test_tcp_reassembly (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *a = sc_test_invite ("tcp-a@example.com", 100), *b = sc_test_sip_message ("SIP/2.0 100 Trying", "tcp-a@example.com", 1, 0);
  g_autofree char *c = sc_test_sip_message ("SIP/2.0 180 Ringing", "tcp-a@example.com", 1, 0), *d = sc_test_invite ("tcp-d@example.com", 30);
  g_autofree char *e = sc_test_sip_message ("BYE sip:bob@example.com SIP/2.0", "tcp-a@example.com", 2, 0), *path = NULL;
  g_autofree char *stream = g_strconcat (a, "\r\n\r\n", d, e, NULL);  /* with a keep-alive */
  g_autofree char *back = g_strconcat (b, c, NULL);
  gsize la = strlen (a), ld = strlen (d), ls = strlen (stream);
  guint32 isn = 1000, s = isn + 1;
  g_autoptr(GPtrArray) messages = NULL;
  ScCaptureReaderStats stats;

  add_segment (capture, SC_TEST_T0, TRUE, isn, 0x02, NULL, 0);
  add_segment (capture, SC_TEST_T0 + 1, FALSE, 5000, 0x12, NULL, 0);
  /* a in three pieces, the third before the second; then the second retransmitted. */
  add_segment (capture, SC_TEST_T0 + 2, TRUE, s, 0, stream, 100);
  add_segment (capture, SC_TEST_T0 + 3, TRUE, s + 200, 0, stream + 200, la - 200);
  add_segment (capture, SC_TEST_T0 + 4, TRUE, s + 100, 0, stream + 100, 100);
  add_segment (capture, SC_TEST_T0 + 5, TRUE, s + 100, 0, stream + 100, 100);
  /* Both responses in one segment, the other way. */
  add_segment (capture, SC_TEST_T0 + 6, FALSE, 5001, 0, back, strlen (back));
  /* The keep-alive and the start of d, then a segment overlapping it that carries the rest of
   * d and all of e, then the same bytes again. */
  add_segment (capture, SC_TEST_T0 + 7, TRUE, s + la, 0, stream + la, 4 + ld / 2);
  add_segment (capture, SC_TEST_T0 + 8, TRUE, s + la + 10, 0x01, stream + la + 10, ls - la - 10);
  add_segment (capture, SC_TEST_T0 + 9, TRUE, s + la + 10, 0x01, stream + la + 10, ls - la - 10);
  path = sc_test_capture_write_pcap (capture, "tcp.pcap");
  messages = sc_test_read_all (path, &stats);
  g_assert_cmpuint (messages->len, ==, 5);
  sc_test_assert_parsed (messages->pdata[0], a);
  g_assert_cmpuint (((ScCaptureMessage *) messages->pdata[0])->frame, ==, 5);
  g_assert_cmpint (((ScCaptureMessage *) messages->pdata[0])->transport, ==, SC_CAPTURE_TRANSPORT_TCP);
  sc_test_assert_endpoints (messages->pdata[0], "192.0.2.1", 40000, "198.51.100.7", 5060);
  sc_test_assert_parsed (messages->pdata[1], b);
  sc_test_assert_parsed (messages->pdata[2], c);
  sc_test_assert_endpoints (messages->pdata[2], "198.51.100.7", 5060, "192.0.2.1", 40000);
  sc_test_assert_parsed (messages->pdata[3], d);
  sc_test_assert_parsed (messages->pdata[4], e);
  g_assert_cmpuint (((ScCaptureMessage *) messages->pdata[4])->frame, ==, 9);
  g_assert_cmpuint (stats.tcp_streams, ==, 2);
  g_assert_cmpuint (stats.tcp_gaps, ==, 0);
  g_assert_cmpuint (stats.sip_errors, ==, 0);
}

static void
test_tcp_skipped (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *no_length = g_strdup ("OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bKx\r\n"
                                         "Call-ID: x\r\nCSeq: 1 OPTIONS\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n\r\n");
  const char http[] = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
  const char tls[] = "\x16\x03\x01\x00\x05hello";
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GBytes) t1 = sc_test_tcp (40001, 80, 1, 0, http, strlen (http));
  g_autoptr(GBytes) t2 = sc_test_tcp (40002, 5061, 1, 0, "anything", 8);
  g_autoptr(GBytes) t3 = sc_test_tcp (40003, 5060, 1, 0, tls, sizeof tls - 1);
  g_autoptr(GBytes) t4 = sc_test_tcp (40004, 5060, 1, 0, no_length, strlen (no_length));
  g_autoptr(GBytes) t5 = sc_test_tcp (40004, 5060, 1 + (guint32) strlen (no_length), 0, no_length, strlen (no_length));
  GBytes *segments[] = { t1, t2, t3, t4, t5 };
  g_autofree char *path = NULL;
  ScCaptureReaderStats stats;
  const ScCaptureMessage *m;

  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    sc_test_capture_add (capture, SC_TEST_T0 + i, sc_test_ethernet (sc_test_ipv4 ("192.0.2.1", "198.51.100.7", 6, 1, 0, segments[i]), 0), 0, 0);
  path = sc_test_capture_write_pcap (capture, "tcp-skipped.pcap");
  messages = sc_test_read_all (path, &stats);
  /* The message without Content-Length is delivered with the parser's reason, and after it the
   * stream cannot be framed. */
  g_assert_cmpuint (messages->len, ==, 1);
  m = messages->pdata[0];
  g_assert_null (m->sip);
  g_assert_error (m->error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
  g_assert_nonnull (strstr (m->error->message, "Content-Length"));
  sc_test_assert_bytes (m, no_length);
  g_assert_cmpuint (stats.tcp_streams, ==, 4);
  g_assert_cmpuint (stats.tcp_not_sip, ==, 1);
  g_assert_cmpuint (stats.tls_streams, ==, 2);
  g_assert_cmpuint (stats.tcp_unframeable, ==, 1);
  g_assert_cmpuint (stats.sip_errors, ==, 1);
}

static void
test_tcp_midstream (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *a = sc_test_invite ("mid-a@example.com", 20), *b = sc_test_invite ("mid-b@example.com", 50), *path = NULL;
  g_autofree char *stream = g_strconcat (a, b, NULL);
  gsize la = strlen (a);
  g_autoptr(GPtrArray) messages = NULL;
  const ScCaptureMessage *m;

  /* Picked up inside a (no SYN seen): b is the first whole message; b's end is never captured. */
  add_segment (capture, SC_TEST_T0, TRUE, 777, 0, stream + 40, la - 40 + 60);
  add_segment (capture, SC_TEST_T0 + 1, TRUE, 777 + (guint32) la + 20, 0, stream + la + 60, strlen (b) - 70);
  path = sc_test_capture_write_pcap (capture, "tcp-midstream.pcap");
  messages = sc_test_read_all (path, NULL);
  g_assert_cmpuint (messages->len, ==, 1);
  m = messages->pdata[0];
  g_assert_null (m->sip);
  g_assert_error (m->error, SC_SIP_ERROR, SC_SIP_ERROR_INCOMPLETE);
  g_assert_cmpuint (g_bytes_get_size (m->bytes), ==, strlen (b) - 10);
  g_assert_cmpmem (g_bytes_get_data (m->bytes, NULL), 40, b, 40);
}

typedef GBytes *(*WrapFunc) (GBytes *ip);

static GBytes *wrap_raw (GBytes *ip) { return ip; }
static GBytes *wrap_null (GBytes *ip) { return sc_test_loopback (ip, FALSE); }
static GBytes *wrap_loop (GBytes *ip) { return sc_test_loopback (ip, TRUE); }

typedef struct {
  const char *name;
  int         link_type;
  WrapFunc    wrap;
} LinkCase;

static const LinkCase link_cases[] = {
  { "sll", DLT_LINUX_SLL, sc_test_sll },
  { "sll2", DLT_LINUX_SLL2, sc_test_sll2 },
  { "raw", DLT_RAW, wrap_raw },
  { "null", DLT_NULL, wrap_null },
  { "loop", DLT_LOOP, wrap_loop },
};

static void
test_link_type (gconstpointer data)
{
  const LinkCase *lc = data;
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (lc->link_type);
  g_autofree char *request = sc_test_invite ("link@example.com", 10), *name = g_strdup_printf ("link-%s.pcap", lc->name);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) v4 = udp4 ("192.0.2.1", 5060, "198.51.100.7", 5080, request);
  g_autoptr(GBytes) v6 = udp6 ("2001:db8::1", "2001:db8::2", request, FALSE);
  g_autoptr(GPtrArray) messages = NULL;

  sc_test_capture_add (capture, SC_TEST_T0, lc->wrap (g_bytes_ref (v4)), 0, 0);
  sc_test_capture_add (capture, SC_TEST_T0 + 1, lc->wrap (g_bytes_ref (v6)), 0, 0);
  path = sc_test_capture_write_pcap (capture, name);
  messages = sc_test_read_all (path, NULL);
  g_assert_cmpuint (messages->len, ==, 2);
  sc_test_assert_parsed (messages->pdata[0], request);
  sc_test_assert_endpoints (messages->pdata[0], "192.0.2.1", 5060, "198.51.100.7", 5080);
  sc_test_assert_parsed (messages->pdata[1], request);
  sc_test_assert_endpoints (messages->pdata[1], "2001:db8::1", 5060, "2001:db8::2", 5062);
}

static void
expect_open_error (const char *path, GQuark domain, int code, const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScCaptureReader) reader = sc_capture_reader_new_for_path (path, &error);

  g_assert_null (reader);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_link_type_unsupported (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_IEEE802_11);
  g_autofree char *path = NULL;

  sc_test_capture_add (capture, SC_TEST_T0, g_bytes_new_static ("\x08\x00", 2), 0, 0);
  path = sc_test_capture_write_pcap (capture, "wifi.pcap");
  expect_open_error (path, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_LINK_TYPE, "IEEE802_11");
}

static void
test_pcapng (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *a = sc_test_invite ("ng-a@example.com", 0), *b = sc_test_invite ("ng-b@example.com", 0), *path = NULL;
  g_autofree char *mixed = NULL;
  g_autoptr(GBytes) v4 = udp4 ("192.0.2.1", 5060, "198.51.100.7", 5060, a);
  g_autoptr(GBytes) v4b = udp4 ("192.0.2.2", 5060, "198.51.100.7", 5060, b);
  const int same[] = { DLT_EN10MB, DLT_EN10MB }, different[] = { DLT_EN10MB, DLT_LINUX_SLL };
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScCaptureReader) reader = NULL;
  g_autoptr(ScCaptureMessage) first = NULL, second = NULL;

  /* Two interfaces of the same link type: both read. */
  sc_test_capture_add (capture, SC_TEST_T0, sc_test_ethernet (g_bytes_ref (v4), 0), 0, 0);
  sc_test_capture_add (capture, SC_TEST_T0 + 5, sc_test_ethernet (g_bytes_ref (v4b), 0), 0, 1);
  path = sc_test_capture_write_pcapng (capture, "two-interfaces.pcapng", same, 2);
  messages = sc_test_read_all (path, NULL);
  g_assert_cmpuint (messages->len, ==, 2);
  sc_test_assert_parsed (messages->pdata[0], a);
  sc_test_assert_parsed (messages->pdata[1], b);
  g_assert_cmpint (((ScCaptureMessage *) messages->pdata[1])->time_us, ==, SC_TEST_T0 + 5);
  g_clear_pointer (&capture, sc_test_capture_free);

  /* Of different link types: libpcap 1.10 reads the first interface's packets, then refuses
   * the second interface; the reader says so, and keeps what came before. */
  capture = sc_test_capture_new (DLT_EN10MB);
  sc_test_capture_add (capture, SC_TEST_T0, sc_test_ethernet (g_bytes_ref (v4), 0), 0, 0);
  sc_test_capture_add (capture, SC_TEST_T0 + 5, sc_test_sll (g_bytes_ref (v4b)), 0, 1);
  mixed = sc_test_capture_write_pcapng (capture, "mixed-link-types.pcapng", different, 2);
  reader = sc_capture_reader_new_for_path (mixed, &error);
  g_assert_no_error (error);
  first = sc_capture_reader_next (reader, &error);
  g_assert_no_error (error);
  sc_test_assert_parsed (first, a);
  second = sc_capture_reader_next (reader, &error);
  g_assert_null (second);
  g_assert_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_LINK_TYPE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "LINUX_SLL"));
}

static void
test_hep3 (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *request = sc_test_invite ("hep@example.com", 0), *path = NULL;
  g_autoptr(GBytes) h4 = sc_test_hep3 ("10.0.0.1", 5060, "10.0.0.2", 5070, 1600000000, 123456, request);
  g_autoptr(GBytes) h6 = sc_test_hep3 ("2001:db8::a", 5060, "2001:db8::b", 5060, 1600000001, 0, request);
  g_autoptr(GBytes) u4 = sc_test_udp (9999, 9060, g_bytes_get_data (h4, NULL), g_bytes_get_size (h4));
  g_autoptr(GBytes) u6 = sc_test_udp (9999, 9060, g_bytes_get_data (h6, NULL), g_bytes_get_size (h6));
  g_autoptr(GPtrArray) messages = NULL;
  ScCaptureReaderStats stats;
  const ScCaptureMessage *m;

  sc_test_capture_add (capture, SC_TEST_T0, sc_test_ethernet (sc_test_ipv4 ("192.0.2.9", "192.0.2.10", 17, 1, 0, u4), 0), 0, 0);
  sc_test_capture_add (capture, SC_TEST_T0 + 1, sc_test_ethernet (sc_test_ipv4 ("192.0.2.9", "192.0.2.10", 17, 2, 0, u6), 0), 0, 0);
  path = sc_test_capture_write_pcap (capture, "hep3.pcap");
  messages = sc_test_read_all (path, &stats);
  g_assert_cmpuint (messages->len, ==, 2);
  m = messages->pdata[0];
  sc_test_assert_parsed (m, request);
  g_assert_cmpint (m->transport, ==, SC_CAPTURE_TRANSPORT_HEP);
  sc_test_assert_endpoints (m, "10.0.0.1", 5060, "10.0.0.2", 5070);
  g_assert_cmpint (m->time_us, ==, G_GINT64_CONSTANT (1600000000123456));
  m = messages->pdata[1];
  sc_test_assert_parsed (m, request);
  sc_test_assert_endpoints (m, "2001:db8::a", 5060, "2001:db8::b", 5060);
  g_assert_cmpint (m->family, ==, G_SOCKET_FAMILY_IPV6);
  g_assert_cmpuint (stats.hep_packets, ==, 2);
}

static void
test_unparsable (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  const char *broken = "INVITE sip:bob@example.com SIP/2.0\r\nVia SIP/2.0/UDP nowhere\r\n\r\n";
  const char *version = "SIP/3.0 200 OK\r\nCall-ID: x\r\n\r\n";
  g_autofree char *request = sc_test_invite ("cut@example.com", 100), *path = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  ScCaptureReaderStats stats;

  sc_test_capture_add (capture, SC_TEST_T0, sc_test_ethernet (udp4 ("192.0.2.1", 5060, "198.51.100.7", 5060, broken), 0), 0, 0);
  sc_test_capture_add (capture, SC_TEST_T0 + 1, sc_test_ethernet (udp4 ("192.0.2.1", 5060, "198.51.100.7", 5060, version), 0), 0, 0);
  /* Cut by the snapshot length: counted as truncated, and delivered with the parser's reason. */
  sc_test_capture_add (capture, SC_TEST_T0 + 2, sc_test_ethernet (udp4 ("192.0.2.1", 5060, "198.51.100.7", 5060, request), 0), 300, 0);
  path = sc_test_capture_write_pcap (capture, "unparsable.pcap");
  messages = sc_test_read_all (path, &stats);
  g_assert_cmpuint (messages->len, ==, 3);
  for (guint i = 0; i < messages->len; i++)
    {
      const ScCaptureMessage *m = messages->pdata[i];

      g_assert_null (m->sip);
      g_assert_nonnull (m->error);
      g_test_message ("%s", m->error->message);
    }
  sc_test_assert_bytes (messages->pdata[0], broken);
  g_assert_error (((ScCaptureMessage *) messages->pdata[0])->error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
  g_assert_error (((ScCaptureMessage *) messages->pdata[1])->error, SC_SIP_ERROR, SC_SIP_ERROR_VERSION);
  g_assert_cmpuint (stats.sip_errors, ==, 3);
  g_assert_cmpuint (stats.truncated, ==, 1);
}

typedef struct {
  int         fd;
  const char *path;
} PipeFeed;

static gpointer
feed_pipe (gpointer data)
{
  PipeFeed *feed = data;
  g_autofree char *contents = NULL;
  gsize len, done = 0;

  g_assert_true (g_file_get_contents (feed->path, &contents, &len, NULL));
  while (done < len)
    {
      gssize n = write (feed->fd, contents + done, MIN (len - done, 4096));

      g_assert_cmpint (n, >, 0);
      done += (gsize) n;
    }
  close (feed->fd);
  return NULL;
}

/* From a file, messages are parsed on worker threads in batches; from a pipe, one by one as
 * found. Either way: the same messages in the same order, each parsed or with its error, the
 * same counts; and a reader dropped with batches in flight frees them. */
static void
test_order_file_and_pipe (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) from_file = NULL;
  g_autoptr(GPtrArray) from_pipe = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_capture_message_unref);
  g_autoptr(ScCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  ScCaptureReaderStats file_stats;
  ScCaptureMessage *message;
  PipeFeed feed;
  GThread *writer;
  int fds[2];

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *call = g_strdup_printf ("order-%u@example.com", i);
      g_autofree char *text = i % 7 == 3 ? g_strdup_printf ("INVITE sip:%u@example.com SIP/2.0\r\nVia nowhere\r\n\r\n", i)
                                         : sc_test_invite (call, 100);

      sc_test_capture_add (capture, SC_TEST_T0 + i * 1000, sc_test_ethernet (udp4 ("192.0.2.1", 5060, "198.51.100.7", 5060, text), 0), 0, 0);
    }
  path = sc_test_capture_write_pcap (capture, "order.pcap");
  from_file = sc_test_read_all (path, &file_stats);

  g_assert_cmpint (pipe (fds), ==, 0);
  feed = (PipeFeed) { fds[1], path };
  writer = g_thread_new ("feed", feed_pipe, &feed);
  reader = sc_capture_reader_new_for_file (fdopen (fds[0], "r"), "pipe", &error);
  g_assert_no_error (error);
  while ((message = sc_capture_reader_next (reader, &error)) != NULL)
    g_ptr_array_add (from_pipe, message);
  g_assert_no_error (error);
  g_thread_join (writer);

  g_assert_cmpuint (from_file->len, ==, 1000);
  g_assert_cmpuint (from_pipe->len, ==, 1000);
  for (guint i = 0; i < 1000; i++)
    {
      const ScCaptureMessage *a = from_file->pdata[i], *b = from_pipe->pdata[i];

      g_assert_cmpuint (a->frame, ==, i + 1);
      g_assert_cmpuint (b->frame, ==, i + 1);
      g_assert_true (g_bytes_equal (a->bytes, b->bytes));
      g_assert_true ((a->sip != NULL) == (i % 7 != 3));
      g_assert_true ((b->sip != NULL) == (i % 7 != 3));
      g_assert_true ((a->error != NULL) == (a->sip == NULL));
    }
  g_assert_cmpuint (file_stats.sip_messages, ==, 1000);
  g_assert_cmpuint (file_stats.sip_errors, ==, sc_capture_reader_get_stats (reader)->sip_errors);
  g_assert_cmpuint (file_stats.sip_errors, ==, 143);

  /* Ten messages taken, the rest in flight, then the reader goes. */
  g_clear_object (&reader);
  reader = sc_capture_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(ScCaptureMessage) first = sc_capture_reader_next (reader, &error);

      g_assert_nonnull (first);
      g_assert_cmpuint (first->frame, ==, i + 1);
    }
}

static char *
write_file (const char *name, const void *data, gsize len)
{
  char *path = g_build_filename (sc_test_capture_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

static void
test_bad_files (void)
{
  g_autofree char *missing = g_build_filename (sc_test_capture_dir (), "missing.pcap", NULL);
  g_autofree char *empty = write_file ("empty.pcap", "", 0);
  g_autofree char *text = write_file ("notes.pcap", "INVITE sip:bob@example.com SIP/2.0\r\n\r\n", 38);
  g_autofree char *header_cut = write_file ("header-cut.pcap", "\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8);
  guint8 garbage[512];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) (i * 167 + 13);
  {
    g_autofree char *noise = write_file ("garbage.pcap", garbage, sizeof garbage);

    expect_open_error (noise, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_NOT_CAPTURE, "not a pcap or pcapng");
  }
  expect_open_error (missing, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "missing.pcap");
  expect_open_error (empty, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_EMPTY, "empty");
  expect_open_error (text, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_NOT_CAPTURE, "notes.pcap");
  expect_open_error (header_cut, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_TRUNCATED, "header");
}

/* A file cut inside its third packet: the first two messages, then the error. */
static void
test_truncated_file (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  g_autofree char *a = sc_test_invite ("t-a@example.com", 0), *b = sc_test_invite ("t-b@example.com", 0), *path = NULL, *cut = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScCaptureReader) reader = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_capture_message_unref);
  ScCaptureMessage *m;

  for (int i = 0; i < 3; i++)
    sc_test_capture_add (capture, SC_TEST_T0 + i, sc_test_ethernet (udp4 ("192.0.2.1", 5060, "198.51.100.7", 5060, i == 1 ? b : a), 0), 0, 0);
  path = sc_test_capture_write_pcap (capture, "whole.pcap");
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  cut = write_file ("cut.pcap", contents, len - 50);
  reader = sc_capture_reader_new_for_path (cut, &error);
  g_assert_no_error (error);
  while ((m = sc_capture_reader_next (reader, &error)) != NULL)
    g_ptr_array_add (messages, m);
  g_assert_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_TRUNCATED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "cut.pcap"));
  g_assert_cmpuint (messages->len, ==, 2);
  sc_test_assert_parsed (messages->pdata[0], a);
  sc_test_assert_parsed (messages->pdata[1], b);
  g_assert_cmpuint (sc_capture_reader_get_stats (reader)->packets, ==, 2);
  /* Reported once: after it, the end. */
  g_clear_error (&error);
  g_assert_null (sc_capture_reader_next (reader, &error));
  g_assert_no_error (error);
}

/* What the probe writes with --pcap reads back as it was sent: UDP over IPv4, TCP over IPv6 (a
 * running sequence, two messages), TLS as its plaintext in HEP v3; an unwritable path is said. */
static void
test_writer_round_trip (void)
{
  g_autofree char *path = g_build_filename (sc_test_capture_dir (), "written.pcap", NULL);
  g_autofree char *invite = sc_test_invite ("w1@example.jp", 0);
  g_autofree char *ok = sc_test_sip_message ("SIP/2.0 200 OK", "w1@example.jp", 1, 0);
  g_autoptr(GBytes) a = g_bytes_new (invite, strlen (invite)), b = g_bytes_new (ok, strlen (ok));
  g_autoptr(ScCaptureWriter) writer = sc_capture_writer_new (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  ScCaptureReaderStats stats;

  g_assert_nonnull (writer);
  g_assert_true (sc_capture_writer_add (writer, SC_TEST_T0, "udp", "192.0.2.1:40000", "192.0.2.2:5060", a, &error));
  g_assert_true (sc_capture_writer_add (writer, SC_TEST_T0 + 1000, "tcp", "[2001:db8::1]:40001", "[2001:db8::2]:5060", a, &error));
  g_assert_true (sc_capture_writer_add (writer, SC_TEST_T0 + 2000, "tcp", "[2001:db8::2]:5060", "[2001:db8::1]:40001", b, &error));
  g_assert_true (sc_capture_writer_add (writer, SC_TEST_T0 + 3000, "tls", "192.0.2.1:40002", "192.0.2.2:5061", a, &error));
  g_assert_false (sc_capture_writer_add (writer, SC_TEST_T0, "udp", "192.0.2.1:1", "[2001:db8::2]:5060", a, &error));
  g_assert_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_true (sc_capture_writer_close (writer, &error));
  g_assert_no_error (error);

  messages = sc_test_read_all (path, &stats);
  g_assert_cmpuint (messages->len, ==, 4);
  sc_test_assert_bytes (messages->pdata[0], invite);
  sc_test_assert_endpoints (messages->pdata[0], "192.0.2.1", 40000, "192.0.2.2", 5060);
  g_assert_cmpint (((ScCaptureMessage *) messages->pdata[1])->transport, ==, SC_CAPTURE_TRANSPORT_TCP);
  sc_test_assert_endpoints (messages->pdata[1], "2001:db8::1", 40001, "2001:db8::2", 5060);
  sc_test_assert_bytes (messages->pdata[2], ok);
  g_assert_cmpint (((ScCaptureMessage *) messages->pdata[3])->transport, ==, SC_CAPTURE_TRANSPORT_HEP);
  sc_test_assert_endpoints (messages->pdata[3], "192.0.2.1", 40002, "192.0.2.2", 5061);
  sc_test_assert_bytes (messages->pdata[3], invite);
  g_assert_cmpint (((ScCaptureMessage *) messages->pdata[3])->time_us, ==, SC_TEST_T0 + 3000);

  g_assert_null (sc_capture_writer_new ("/nonexistent/dir/x.pcap", &error));
  g_assert_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_WRITE);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/capture/udp/ethernet-ipv4", test_udp_ethernet_ipv4);
  g_test_add_func ("/sc/capture/udp/ethernet-ipv6", test_udp_ethernet_ipv6);
  g_test_add_func ("/sc/capture/udp/fragmented", test_udp_fragmented);
  g_test_add_func ("/sc/capture/udp/fragments-expire", test_fragments_expire);
  g_test_add_func ("/sc/capture/udp/unparsable", test_unparsable);
  g_test_add_func ("/sc/capture/order/file-and-pipe", test_order_file_and_pipe);
  g_test_add_func ("/sc/capture/tcp/reassembly", test_tcp_reassembly);
  g_test_add_func ("/sc/capture/tcp/skipped", test_tcp_skipped);
  g_test_add_func ("/sc/capture/tcp/midstream", test_tcp_midstream);
  for (guint i = 0; i < G_N_ELEMENTS (link_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sc/capture/link/%s", link_cases[i].name);

      g_test_add_data_func (name, &link_cases[i], test_link_type);
    }
  g_test_add_func ("/sc/capture/link/unsupported", test_link_type_unsupported);
  g_test_add_func ("/sc/capture/pcapng", test_pcapng);
  g_test_add_func ("/sc/capture/hep3", test_hep3);
  g_test_add_func ("/sc/capture/file/bad", test_bad_files);
  g_test_add_func ("/sc/capture/file/truncated", test_truncated_file);
  g_test_add_func ("/sc/capture/writer/round-trip", test_writer_round_trip);
  status = g_test_run ();
  sc_test_capture_cleanup ();
  return status;
}
