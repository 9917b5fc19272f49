/* Test captures: packets built in C, written as pcap (libpcap's writer) or pcapng (by hand). */
#include <arpa/inet.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>
#include <string.h>

#include "sc-test-capture.h"

typedef struct {
  gint64  time_us;
  GBytes *bytes;
  guint   caplen;
  guint   interface;
} Frame;

struct _ScTestCapture
{
  int     link_type;
  GArray *frames;
};

static char *capture_dir;

static GByteArray *
array_with (GBytes *tail, gsize room)
{
  GByteArray *array = g_byte_array_sized_new ((guint) (room + g_bytes_get_size (tail)));

  g_byte_array_set_size (array, (guint) room);
  memset (array->data, 0, room);
  g_byte_array_append (array, g_bytes_get_data (tail, NULL), (guint) g_bytes_get_size (tail));
  return array;
}

static void
put16 (guint8 *p, guint v)
{
  p[0] = (guint8) (v >> 8), p[1] = (guint8) v;
}

static void
put32 (guint8 *p, guint32 v)
{
  put16 (p, v >> 16), put16 (p + 2, v & 0xffff);
}

GBytes *
sc_test_udp (guint16 source_port, guint16 destination_port, const void *payload, gsize len)
{
  GByteArray *udp = g_byte_array_sized_new ((guint) len + 8);

  g_byte_array_set_size (udp, 8);
  put16 (udp->data, source_port), put16 (udp->data + 2, destination_port);
  put16 (udp->data + 4, (guint) len + 8), put16 (udp->data + 6, 0);
  g_byte_array_append (udp, payload, (guint) len);
  return g_byte_array_free_to_bytes (udp);
}

GBytes *
sc_test_tcp (guint16 source_port, guint16 destination_port, guint32 seq, guint8 flags, const void *payload, gsize len)
{
  GByteArray *tcp = g_byte_array_sized_new ((guint) len + 20);

  g_byte_array_set_size (tcp, 20);
  memset (tcp->data, 0, 20);
  put16 (tcp->data, source_port), put16 (tcp->data + 2, destination_port);
  put32 (tcp->data + 4, seq);
  tcp->data[12] = 5 << 4;
  tcp->data[13] = flags | 0x10;  /* ACK */
  put16 (tcp->data + 14, 65535);
  g_byte_array_append (tcp, payload, (guint) len);
  return g_byte_array_free_to_bytes (tcp);
}

GBytes *
sc_test_ipv4 (const char *source, const char *destination, guint8 protocol, guint16 id, guint16 flags_offset,
              GBytes *payload)
{
  GByteArray *ip = array_with (payload, 24);  /* with a 4-byte option: headers are not always 20 */

  ip->data[0] = 0x46;
  put16 (ip->data + 2, ip->len);
  put16 (ip->data + 4, id);
  put16 (ip->data + 6, flags_offset);
  ip->data[8] = 64, ip->data[9] = protocol;
  g_assert_cmpint (inet_pton (AF_INET, source, ip->data + 12), ==, 1);
  g_assert_cmpint (inet_pton (AF_INET, destination, ip->data + 16), ==, 1);
  ip->data[20] = 1, ip->data[21] = 1, ip->data[22] = 1, ip->data[23] = 0;  /* NOP NOP NOP EOL */
  return g_byte_array_free_to_bytes (ip);
}

GBytes *
sc_test_ipv6 (const char *source, const char *destination, guint8 protocol, gboolean extensions,
              guint32 fragment_id, guint fragment_offset, gboolean more, GBytes *payload)
{
  gsize ext = (extensions ? 16 : 0) + (fragment_id != 0 ? 8 : 0);
  GByteArray *ip = array_with (payload, 40 + ext);
  guint8 *p = ip->data + 40, *next = ip->data + 6;

  ip->data[0] = 0x60;
  put16 (ip->data + 4, (guint) (ip->len - 40));
  ip->data[7] = 64;
  g_assert_cmpint (inet_pton (AF_INET6, source, ip->data + 8), ==, 1);
  g_assert_cmpint (inet_pton (AF_INET6, destination, ip->data + 24), ==, 1);
  if (extensions)
    {
      /* Hop-by-hop then destination options, each 8 bytes of PadN. */
      *next = 0, p[1] = 0, p[2] = 1, p[3] = 4, next = p, p += 8;
      *next = 60, p[1] = 0, p[2] = 1, p[3] = 4, next = p, p += 8;
    }
  if (fragment_id != 0)
    {
      *next = 44;
      put16 (p + 2, fragment_offset | (more ? 1 : 0));
      put32 (p + 4, fragment_id);
      next = p;
    }
  *next = protocol;
  return g_byte_array_free_to_bytes (ip);
}

static guint16
ethertype_of (GBytes *ip)
{
  return ((const guint8 *) g_bytes_get_data (ip, NULL))[0] >> 4 == 6 ? 0x86dd : 0x0800;
}

GBytes *
sc_test_ethernet (GBytes *ip, guint vlan_tags)
{
  GByteArray *frame = array_with (ip, 14 + 4 * vlan_tags);
  guint8 *p = frame->data + 12;

  memcpy (frame->data, "\x02\0\0\0\0\x01\x02\0\0\0\0\x02", 12);
  for (guint i = 0; i < vlan_tags; i++, p += 4)
    put16 (p, i == 0 && vlan_tags == 2 ? 0x88a8 : 0x8100), put16 (p + 2, 100 + i);
  put16 (p, ethertype_of (ip));
  g_bytes_unref (ip);
  return g_byte_array_free_to_bytes (frame);
}

GBytes *
sc_test_sll (GBytes *ip)
{
  GByteArray *frame = array_with (ip, 16);

  put16 (frame->data + 2, 772);  /* ARPHRD_LOOPBACK */
  put16 (frame->data + 4, 6);
  put16 (frame->data + 14, ethertype_of (ip));
  g_bytes_unref (ip);
  return g_byte_array_free_to_bytes (frame);
}

GBytes *
sc_test_sll2 (GBytes *ip)
{
  GByteArray *frame = array_with (ip, 20);

  put16 (frame->data, ethertype_of (ip));
  put32 (frame->data + 4, 1);    /* interface index */
  put16 (frame->data + 8, 772);
  frame->data[11] = 6;
  g_bytes_unref (ip);
  return g_byte_array_free_to_bytes (frame);
}

GBytes *
sc_test_loopback (GBytes *ip, gboolean network_order)
{
  GByteArray *frame = array_with (ip, 4);
  guint32 family = ethertype_of (ip) == 0x86dd ? 30 : 2;  /* macOS's AF_INET6 */

  if (network_order)
    put32 (frame->data, family);
  else
    frame->data[0] = (guint8) family;  /* a little-endian host */
  g_bytes_unref (ip);
  return g_byte_array_free_to_bytes (frame);
}

static void
hep_chunk (GByteArray *hep, guint type, const void *value, gsize len)
{
  guint8 head[6] = { 0 };

  put16 (head + 2, type), put16 (head + 4, (guint) len + 6);
  g_byte_array_append (hep, head, 6);
  g_byte_array_append (hep, value, (guint) len);
}

GBytes *
sc_test_hep3 (const char *source, guint16 source_port, const char *destination, guint16 destination_port,
              guint32 seconds, guint32 microseconds, const char *sip)
{
  GByteArray *hep = g_byte_array_new ();
  gboolean v6 = strchr (source, ':') != NULL;
  guint8 family = v6 ? 10 : 2, protocol = 17, type = 1, address[16], be[4];

  g_byte_array_append (hep, (const guint8 *) "HEP3\0\0", 6);
  hep_chunk (hep, 1, &family, 1);
  hep_chunk (hep, 2, &protocol, 1);
  g_assert_cmpint (inet_pton (v6 ? AF_INET6 : AF_INET, source, address), ==, 1);
  hep_chunk (hep, v6 ? 5 : 3, address, v6 ? 16 : 4);
  g_assert_cmpint (inet_pton (v6 ? AF_INET6 : AF_INET, destination, address), ==, 1);
  hep_chunk (hep, v6 ? 6 : 4, address, v6 ? 16 : 4);
  put16 (be, source_port), hep_chunk (hep, 7, be, 2);
  put16 (be, destination_port), hep_chunk (hep, 8, be, 2);
  put32 (be, seconds), hep_chunk (hep, 9, be, 4);
  put32 (be, microseconds), hep_chunk (hep, 10, be, 4);
  hep_chunk (hep, 11, &type, 1);
  put32 (be, 2001), hep_chunk (hep, 12, be, 4);  /* capture agent id: ignored */
  hep_chunk (hep, 15, sip, strlen (sip));
  put16 (hep->data + 4, hep->len);
  return g_byte_array_free_to_bytes (hep);
}

static void
frame_clear (gpointer p)
{
  g_bytes_unref (((Frame *) p)->bytes);
}

ScTestCapture *
sc_test_capture_new (int link_type)
{
  ScTestCapture *capture = g_new0 (ScTestCapture, 1);

  capture->link_type = link_type;
  capture->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_array_set_clear_func (capture->frames, frame_clear);
  return capture;
}

void
sc_test_capture_free (ScTestCapture *capture)
{
  g_array_unref (capture->frames);
  g_free (capture);
}

void
sc_test_capture_add (ScTestCapture *capture, gint64 time_us, GBytes *frame, guint caplen, guint interface)
{
  Frame f = { time_us, frame, caplen != 0 ? caplen : (guint) g_bytes_get_size (frame), interface };

  g_array_append_val (capture->frames, f);
}

const char *
sc_test_capture_dir (void)
{
  if (capture_dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      capture_dir = g_dir_make_tmp ("sc-test-capture-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return capture_dir;
}

void
sc_test_capture_cleanup (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (capture_dir == NULL || (dir = g_dir_open (capture_dir, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (capture_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (capture_dir);
  g_clear_pointer (&capture_dir, g_free);
}

/* SC_TEST_CAPTURE_KEEP=DIR keeps a copy of every capture written (the fuzz seeds come so). */
static void
keep (const char *path)
{
  const char *dir = g_getenv ("SC_TEST_CAPTURE_KEEP");
  g_autofree char *contents = NULL, *copy = NULL;
  gsize len;

  if (dir == NULL || !g_file_get_contents (path, &contents, &len, NULL))
    return;
  copy = g_build_filename (dir, strrchr (path, '/') + 1, NULL);
  g_assert_true (g_file_set_contents (copy, contents, (gssize) len, NULL));
}

char *
sc_test_capture_write_pcap (ScTestCapture *capture, const char *name)
{
  char *path = g_build_filename (sc_test_capture_dir (), name, NULL);
  pcap_t *dead = pcap_open_dead_with_tstamp_precision (capture->link_type, 65535, PCAP_TSTAMP_PRECISION_MICRO);
  pcap_dumper_t *dumper = pcap_dump_open (dead, path);

  g_assert_nonnull (dumper);
  for (guint i = 0; i < capture->frames->len; i++)
    {
      const Frame *f = &g_array_index (capture->frames, Frame, i);
      struct pcap_pkthdr header = { { f->time_us / G_USEC_PER_SEC, f->time_us % G_USEC_PER_SEC }, f->caplen,
                                    (guint) g_bytes_get_size (f->bytes) };

      pcap_dump ((u_char *) dumper, &header, g_bytes_get_data (f->bytes, NULL));
    }
  pcap_dump_close (dumper);
  pcap_close (dead);
  keep (path);
  return path;
}

/* A pcapng block: type, total length, body padded to 32 bits, total length again. */
static void
block (GByteArray *file, guint32 type, const void *body, gsize len)
{
  guint32 total = (guint32) (12 + (len + 3) / 4 * 4);
  static const guint8 zeros[4] = { 0 };

  g_byte_array_append (file, (const guint8 *) &type, 4);
  g_byte_array_append (file, (const guint8 *) &total, 4);
  g_byte_array_append (file, body, (guint) len);
  g_byte_array_append (file, zeros, (guint) ((4 - len % 4) % 4));
  g_byte_array_append (file, (const guint8 *) &total, 4);
}

static void
enhanced_packet (GByteArray *file, const Frame *f)
{
  guint64 ts = (guint64) f->time_us;  /* microseconds: the default if_tsresol */
  guint32 head[5] = { f->interface, (guint32) (ts >> 32), (guint32) ts, f->caplen, (guint32) g_bytes_get_size (f->bytes) };
  g_autoptr(GByteArray) body = g_byte_array_new ();

  g_byte_array_append (body, (const guint8 *) head, sizeof head);
  g_byte_array_append (body, g_bytes_get_data (f->bytes, NULL), f->caplen);
  block (file, 6, body->data, body->len);
}

/* Each interface's description block comes just before its first packet, as tools that add
 * interfaces while capturing write them. Host byte order, as the section header says. */
char *
sc_test_capture_write_pcapng (ScTestCapture *capture, const char *name, const int *link_types, guint n_interfaces)
{
  char *path = g_build_filename (sc_test_capture_dir (), name, NULL);
  g_autoptr(GByteArray) file = g_byte_array_new ();
  struct { guint32 magic; guint16 major, minor; gint64 length; } section = { 0x1A2B3C4D, 1, 0, -1 };
  guint described = 0;

  block (file, 0x0A0D0D0A, &section, sizeof section);
  for (guint i = 0; i < capture->frames->len; i++)
    {
      const Frame *f = &g_array_index (capture->frames, Frame, i);

      g_assert_cmpuint (f->interface, <, n_interfaces);
      while (described <= f->interface)
        {
          struct { guint16 link_type, reserved; guint32 snaplen; } idb = { (guint16) link_types[described++], 0, 65535 };

          block (file, 1, &idb, sizeof idb);
        }
      enhanced_packet (file, f);
    }
  g_assert_true (g_file_set_contents (path, (const char *) file->data, file->len, NULL));
  keep (path);
  return path;
}

/* A request or response with a body of @body_len bytes, framed by Content-Length. */
char *
sc_test_sip_message (const char *start_line, const char *call_id, guint cseq, gsize body_len)
{
  g_autofree char *body = g_strnfill (body_len, 'v');
  /* A response answers an INVITE; a request's CSeq names its own method. */
  g_autofree char *method = g_str_has_prefix (start_line, "SIP/") ? g_strdup ("INVITE")
                                                                   : g_strndup (start_line, strcspn (start_line, " "));

  return g_strdup_printf ("%s\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK%x.%u\r\nMax-Forwards: 70\r\n"
                          "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\n"
                          "Call-ID: %s\r\nCSeq: %u %s\r\nContent-Type: text/plain\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                          start_line, g_str_hash (call_id), cseq, call_id, cseq, method, body_len, body);
}

char *
sc_test_invite (const char *call_id, gsize body_len)
{
  return sc_test_sip_message ("INVITE sip:bob@example.com SIP/2.0", call_id, 1, body_len);
}

/* Every message of @path, with no read error; the statistics in @stats. */
GPtrArray *
sc_test_read_all (const char *path, ScCaptureReaderStats *stats)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScCaptureReader) reader = sc_capture_reader_new_for_path (path, &error);
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_capture_message_unref);
  ScCaptureMessage *message;

  g_assert_no_error (error);
  while ((message = sc_capture_reader_next (reader, &error)) != NULL)
    g_ptr_array_add (messages, message);
  g_assert_no_error (error);
  if (stats != NULL)
    *stats = *sc_capture_reader_get_stats (reader);
  return messages;
}

void
sc_test_assert_bytes (const ScCaptureMessage *message, const char *text)
{
  gsize len;
  const char *data = g_bytes_get_data (message->bytes, &len);

  g_assert_cmpmem (data, len, text, strlen (text));
}

void
sc_test_assert_parsed (const ScCaptureMessage *message, const char *text)
{
  g_assert_no_error (message->error);
  g_assert_nonnull (message->sip);
  sc_test_assert_bytes (message, text);
}

void
sc_test_assert_endpoints (const ScCaptureMessage *message, const char *source, guint source_port,
                  const char *destination, guint destination_port)
{
  g_assert_cmpstr (message->source, ==, source);
  g_assert_cmpuint (message->source_port, ==, source_port);
  g_assert_cmpstr (message->destination, ==, destination);
  g_assert_cmpuint (message->destination_port, ==, destination_port);
}

/* ---- a small capture of calls ---- */

#define UAC "192.0.2.10"
#define UAS "192.0.2.20"

/* One SIP message: request or response, its Via branch, CSeq and the parties' numbers. */
static char *
sip (const char *start_line,
     const char *call_id,
     const char *branch,
     guint       cseq,
     const char *method,
     const char *to_tag,
     const char *extra)
{
  return g_strdup_printf ("%s\r\n"
                          "Via: SIP/2.0/UDP " UAC ":5060;branch=z9hG4bK%s\r\n"
                          "From: \"Alice\" <sip:+81312345678@example.jp>;tag=f%c\r\n"
                          "To: <sip:%s@example.jp>%s%s\r\n"
                          "Call-ID: %s\r\n"
                          "CSeq: %u %s\r\n"
                          "%s"
                          "Content-Length: 0\r\n\r\n",
                          start_line, branch, call_id[0], call_id[0] == 'c' ? "+81399999999" : "+81501234567", to_tag ? ";tag=" : "", to_tag ? to_tag : "", call_id, cseq, method,
                          extra ? extra : "");
}

static void
add_sip (ScTestCapture *capture,
         gint64        *t,
         gboolean       from_uac,
         char          *text)
{
  GBytes *udp = sc_test_udp (5060, 5060, text, strlen (text));
  GBytes *ip = sc_test_ipv4 (from_uac ? UAC : UAS, from_uac ? UAS : UAC, 17, (guint16) (*t / 1000), 0, udp);

  sc_test_capture_add (capture, SC_TEST_T0 + *t, sc_test_ethernet (ip, 0), 0, 0);
  *t += 10000;
  g_free (text);
}

/* A small capture for the CLI and the window: three calls (answered; 486 with a Q.850 cause; 503 with Retry-After and a Warning whose text
 * holds an escape sequence), a registration challenged then accepted, an unanswered ping, and
 * a message that does not parse. */
char *
sc_test_capture_write_calls (void)
{
  g_autoptr(ScTestCapture) capture = sc_test_capture_new (DLT_EN10MB);
  gint64 t = 0;
  char *bad;

  add_sip (capture, &t, TRUE, sip ("INVITE sip:+81501234567@example.jp SIP/2.0", "a@uac", "a1", 1, "INVITE", NULL, NULL));
  add_sip (capture, &t, FALSE, sip ("SIP/2.0 100 Trying", "a@uac", "a1", 1, "INVITE", NULL, NULL));
  add_sip (capture, &t, FALSE, sip ("SIP/2.0 200 OK", "a@uac", "a1", 1, "INVITE", "t1", NULL));
  add_sip (capture, &t, TRUE, sip ("ACK sip:+81501234567@example.jp SIP/2.0", "a@uac", "a2", 1, "ACK", "t1", NULL));
  add_sip (capture, &t, TRUE, sip ("BYE sip:+81501234567@example.jp SIP/2.0", "a@uac", "a3", 2, "BYE", "t1", NULL));
  add_sip (capture, &t, FALSE, sip ("SIP/2.0 200 OK", "a@uac", "a3", 2, "BYE", "t1", NULL));

  add_sip (capture, &t, TRUE, sip ("INVITE sip:+81501234567@example.jp SIP/2.0", "b@uac", "b1", 1, "INVITE", NULL, NULL));
  add_sip (capture, &t, FALSE, sip ("SIP/2.0 486 Busy Here", "b@uac", "b1", 1, "INVITE", "t2", "Reason: Q.850;cause=17\r\n"));
  add_sip (capture, &t, TRUE, sip ("ACK sip:+81501234567@example.jp SIP/2.0", "b@uac", "b1", 1, "ACK", "t2", NULL));

  add_sip (capture, &t, TRUE, sip ("INVITE sip:+81399999999@example.jp SIP/2.0", "c@uac", "c1", 1, "INVITE", NULL, NULL));
  add_sip (capture, &t, FALSE, sip ("SIP/2.0 503 Service Unavailable", "c@uac", "c1", 1, "INVITE", "t3",
                                "Retry-After: 120\r\nWarning: 399 sbc.example.jp \"trunk \x1b[31mdown\"\r\n"));
  add_sip (capture, &t, TRUE, sip ("ACK sip:+81399999999@example.jp SIP/2.0", "c@uac", "c1", 1, "ACK", "t3", NULL));

  add_sip (capture, &t, TRUE, sip ("REGISTER sip:example.jp SIP/2.0", "r@uac", "r1", 1, "REGISTER", NULL, NULL));
  add_sip (capture, &t, FALSE, sip ("SIP/2.0 401 Unauthorized", "r@uac", "r1", 1, "REGISTER", "t4",
                                "WWW-Authenticate: Digest realm=\"example.jp\", nonce=\"x\"\r\n"));
  add_sip (capture, &t, TRUE, sip ("REGISTER sip:example.jp SIP/2.0", "r@uac", "r2", 2, "REGISTER", NULL,
                               "Authorization: Digest username=\"alice\", realm=\"example.jp\", nonce=\"x\", uri=\"sip:example.jp\", response=\"0\"\r\n"));
  add_sip (capture, &t, FALSE, sip ("SIP/2.0 200 OK", "r@uac", "r2", 2, "REGISTER", "t5", NULL));

  for (int i = 0; i < 3; i++)
    add_sip (capture, &t, TRUE, sip ("OPTIONS sip:" UAS " SIP/2.0", "p@uac", "p1", 1, "OPTIONS", NULL, NULL));
  bad = g_strdup ("INVITE sip:+81501234567@example.jp SIP/2.0\r\nVia: ???\r\nContent-Length: 0\r\n\r\n");
  add_sip (capture, &t, TRUE, bad);
  return sc_test_capture_write_pcap (capture, "cli.pcap");
}


/* ---- recording real traffic ---- */

/* Starts tcpdump on the loopback interface with @filter (e.g. "udp port 5060"), and waits until
 * it listens; NULL (the test skipped, saying why) without tcpdump or the right to capture. */
GSubprocess *
sc_test_start_tcpdump (const char *path,
                       const char *filter)
{
  g_autofree char *program = g_find_program_in_path ("tcpdump");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) tcpdump = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autofree char *line = NULL;

  if (program == NULL)
    return g_test_skip ("tcpdump is not installed (Debian: tcpdump)"), NULL;
  /* Immediate mode, or the kernel holds packets back for up to a second; -Z keeps the file
   * ours (as root, tcpdump would otherwise write it as the user "tcpdump"). */
  tcpdump = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              program, "-i", "lo", "-n", "-U", "--immediate-mode", "-Z", g_get_user_name (),
                              "-w", path, filter, NULL);
  g_assert_no_error (error);
  /* "listening on lo, ..." once the capture runs; otherwise why not, and tcpdump ends. */
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (tcpdump));
  line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);
  if (line == NULL || strstr (line, "listening on") == NULL)
    {
      g_autofree char *why = g_strdup_printf ("tcpdump cannot capture on lo here: %s", line != NULL ? line : "no output");

      g_subprocess_force_exit (tcpdump);
      return g_test_skip (why), NULL;
    }
  return g_steal_pointer (&tcpdump);
}

