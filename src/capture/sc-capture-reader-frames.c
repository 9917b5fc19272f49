#define G_LOG_DOMAIN "sc-capture-reader"

#include <string.h>

#include "sc-capture-hep.h"
#include "sc-capture-message-private.h"
#include "sc-capture-reader-private.h"
#include "sc-capture-sip-framing.h"
#include "sc-capture-tcp-stream.h"

#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17
#define SIPS_PORT 5061  /* RFC 3261 §19.1.2 */
/* How often idle streams are looked for, in capture time. */
#define SWEEP_US (60 * G_USEC_PER_SEC)

typedef struct {
  guint64 number;
  gint64  time_us;
} Frame;

typedef struct {
  ScCaptureEndpoints  key;      /* first: the entry is its own key */
  ScCaptureTcpStream *stream;
  guint64             last_frame;
  gint64              last_us;
} StreamEntry;

static void
stream_entry_free (gpointer p)
{
  StreamEntry *entry = p;

  sc_capture_tcp_stream_free (entry->stream);
  g_free (entry);
}

GHashTable *
sc_capture_reader_streams_new (void)
{
  return g_hash_table_new_full (sc_capture_endpoints_hash, sc_capture_endpoints_equal, NULL, stream_entry_free);
}

static void
deliver (ScCaptureReader          *self,
         const ScCaptureEndpoints *endpoints,
         ScCaptureTransport        transport,
         const Frame              *frame,
         GBytes                   *bytes,
         ScSipFraming              framing)
{
  ScCaptureMessage *message = sc_capture_message_new (endpoints, transport, frame->number, frame->time_us,
                                                      bytes, framing);

  self->stats.sip_messages++;
  if (sc_capture_parse_queue_push (self->ready, message))
    self->batch_sent = TRUE;
}

/* One UDP payload (or HEP's inner one): a message, a keep-alive, or something else. */
static void
datagram (ScCaptureReader          *self,
          const ScCaptureEndpoints *endpoints,
          ScCaptureTransport        transport,
          const Frame              *frame,
          const guint8             *payload,
          gsize                     len)
{
  gsize crlf = sc_capture_sip_skip_crlf (payload, len);
  g_autoptr(GBytes) bytes = NULL;

  if (crlf > 0 && crlf == len)
    {
      self->stats.keepalives++;
      return;
    }
  if (sc_capture_sip_starts (payload + crlf, len - crlf) != SC_CAPTURE_SIP_YES)
    {
      self->stats.not_sip++;
      return;
    }
  bytes = g_bytes_new (payload + crlf, len - crlf);
  deliver (self, endpoints, transport, frame, bytes, SC_SIP_FRAMING_DATAGRAM);
}

static void
hep (ScCaptureReader *self, const Frame *frame, const guint8 *payload, gsize len)
{
  ScCaptureHep packet;
  Frame inner = *frame;

  if (!sc_capture_hep_decode (payload, len, &packet))
    {
      self->stats.unreadable++;
      return;
    }
  self->stats.hep_packets++;
  if (packet.payload_type != SC_CAPTURE_HEP_PAYLOAD_SIP)
    {
      self->stats.not_sip++;
      return;
    }
  if (packet.time_us >= 0)
    inner.time_us = packet.time_us;
  datagram (self, &packet.endpoints, SC_CAPTURE_TRANSPORT_HEP, &inner, packet.payload, packet.payload_len);
}

static void
udp (ScCaptureReader *self, ScCaptureIp *ip, const Frame *frame)
{
  const guint8 *payload;
  gsize len;

  if (!sc_capture_udp_decode (ip->payload, ip->payload_len, &ip->endpoints, &payload, &len))
    self->stats.unreadable++;
  else if (sc_capture_hep_is (payload, len))
    hep (self, frame, payload, len);
  else
    datagram (self, &ip->endpoints, SC_CAPTURE_TRANSPORT_UDP, frame, payload, len);
}

/* Messages the stream has complete, then its bytes counted against the reader's limit. */
static void
drain_stream (ScCaptureReader *self, StreamEntry *entry, const Frame *frame, gsize before,
              GBytes *(*next) (ScCaptureTcpStream *))
{
  GBytes *bytes;
  gsize after;

  while ((bytes = next (entry->stream)) != NULL)
    {
      deliver (self, &entry->key, SC_CAPTURE_TRANSPORT_TCP, frame, bytes, SC_SIP_FRAMING_STREAM);
      g_bytes_unref (bytes);
    }
  after = sc_capture_tcp_stream_get_buffered (entry->stream);
  self->tcp_buffered = self->tcp_buffered - before + after;
  if (self->tcp_buffered > SC_CAPTURE_MAX_TCP_BUFFERED)
    {
      sc_capture_tcp_stream_abandon (entry->stream);
      self->tcp_buffered -= after;
    }
}

/* A stream at its end: what it holds comes out, as of its last frame. The entry stays, closed,
 * until it is idle (@forget FALSE), so that a retransmission after the FIN is not taken for a
 * new stream picked up in its middle. */
static void
close_stream (ScCaptureReader *self, StreamEntry *entry, gboolean forget)
{
  Frame frame = { entry->last_frame, entry->last_us };

  if (entry->stream != NULL)
    {
      drain_stream (self, entry, &frame, sc_capture_tcp_stream_get_buffered (entry->stream), sc_capture_tcp_stream_finish);
      self->tcp_buffered -= sc_capture_tcp_stream_get_buffered (entry->stream);
      g_clear_pointer (&entry->stream, sc_capture_tcp_stream_free);
    }
  if (forget)
    g_hash_table_remove (self->streams, &entry->key);
}

static ScCaptureTcpStream *
stream_new (ScCaptureReader *self, const ScCaptureEndpoints *key)
{
  return sc_capture_tcp_stream_new (&self->stats, key->source_port == SIPS_PORT || key->destination_port == SIPS_PORT);
}

static StreamEntry *
stream_for (ScCaptureReader *self, const ScCaptureEndpoints *key, gboolean create)
{
  StreamEntry *entry = g_hash_table_lookup (self->streams, key);

  if (entry != NULL || !create)
    return entry;
  if (g_hash_table_size (self->streams) >= SC_CAPTURE_MAX_TCP_STREAMS)
    {
      self->stats.tcp_overflow++;
      return NULL;
    }
  entry = g_new0 (StreamEntry, 1);
  entry->key = *key;
  entry->stream = stream_new (self, key);
  g_hash_table_add (self->streams, entry);
  return entry;
}

/* Streams silent for long are closed, so that connections never ended cannot pile up. */
static void
sweep_idle (ScCaptureReader *self, const Frame *frame)
{
  GHashTableIter iter;
  StreamEntry *entry;
  g_autoptr(GPtrArray) idle = NULL;

  if (frame->time_us - self->last_sweep_us < SWEEP_US)
    return;
  self->last_sweep_us = frame->time_us;
  idle = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, (gpointer *) &entry, NULL))
    if (frame->time_us - entry->last_us > SC_CAPTURE_TCP_IDLE_US)
      g_ptr_array_add (idle, entry);
  for (guint i = 0; i < idle->len; i++)
    close_stream (self, idle->pdata[i], TRUE);
}

static void
tcp (ScCaptureReader *self, ScCaptureIp *ip, const Frame *frame)
{
  ScCaptureTcp segment;
  const guint8 *payload;
  gsize len, before;
  StreamEntry *entry;

  if (!sc_capture_tcp_decode (ip->payload, ip->payload_len, &ip->endpoints, &segment, &payload, &len))
    {
      self->stats.unreadable++;
      return;
    }
  /* A bare ACK of a connection not seen opening carries nothing worth an entry. */
  entry = stream_for (self, &ip->endpoints, len > 0 || (segment.flags & SC_CAPTURE_TCP_SYN));
  if (entry == NULL)
    return;
  if (entry->stream == NULL && !(segment.flags & SC_CAPTURE_TCP_SYN))
    return;  /* after the end: retransmissions */
  if (entry->stream == NULL)
    entry->stream = stream_new (self, &entry->key);  /* the same ports again, a new connection */
  entry->last_frame = frame->number;
  entry->last_us = frame->time_us;
  before = sc_capture_tcp_stream_get_buffered (entry->stream);
  sc_capture_tcp_stream_add (entry->stream, &segment, payload, len);
  drain_stream (self, entry, frame, before, sc_capture_tcp_stream_next);
  /* After a FIN, a stream waiting for a hole to fill keeps waiting (a retransmission may come). */
  if ((segment.flags & SC_CAPTURE_TCP_RST) ||
      ((segment.flags & SC_CAPTURE_TCP_FIN) && sc_capture_tcp_stream_get_buffered (entry->stream) == 0))
    close_stream (self, entry, FALSE);
}

static void
transport (ScCaptureReader *self, ScCaptureIp *ip, const Frame *frame)
{
  if (ip->protocol == IPPROTO_UDP_)
    udp (self, ip, frame);
  else if (ip->protocol == IPPROTO_TCP_)
    tcp (self, ip, frame);
  else
    self->stats.not_sip++;
}

/* A fragment joins the others; the datagram it completes goes on up. */
static void
fragment (ScCaptureReader *self, ScCaptureIp *ip, const Frame *frame)
{
  g_autoptr(GBytes) whole = NULL;

  self->stats.fragments++;
  whole = sc_capture_ip_reassembly_add (self->fragments, ip, frame->time_us);
  self->stats.fragments_pending = sc_capture_ip_reassembly_get_pending (self->fragments);
  self->stats.fragments_expired = sc_capture_ip_reassembly_get_expired (self->fragments);
  if (whole == NULL)
    return;
  ip->payload = g_bytes_get_data (whole, &ip->payload_len);
  transport (self, ip, frame);
}

/* pcapng's 64-bit timestamps reach far past any real date: clamped to where time differences
 * (timeouts, idle streams) still cannot overflow. */
static gint64
frame_time (const struct timeval *ts)
{
  const gint64 max_s = G_MAXINT64 / G_USEC_PER_SEC / 4;

  return CLAMP ((gint64) ts->tv_sec, -max_s, max_s) * G_USEC_PER_SEC + CLAMP ((gint64) ts->tv_usec, 0, 999999);
}

void
sc_capture_reader_read_frame (ScCaptureReader          *self,
                              const struct pcap_pkthdr *header,
                              const guint8             *data)
{
  Frame frame = { ++self->stats.packets, frame_time (&header->ts) };
  const guint8 *ip_data = NULL;
  gsize ip_len = 0;
  ScCaptureIp ip;

  if (header->caplen < header->len)
    self->stats.truncated++;
  switch (sc_capture_link_decode (self->link_type, data, header->caplen, &ip_data, &ip_len))
    {
    case SC_CAPTURE_LINK_OTHER:
      self->stats.not_sip++;
      return;
    case SC_CAPTURE_LINK_BROKEN:
      self->stats.unreadable++;
      return;
    case SC_CAPTURE_LINK_IP:
    default:
      break;
    }
  if (!sc_capture_ip_decode (ip_data, ip_len, &ip))
    self->stats.unreadable++;
  else if (ip.is_fragment)
    fragment (self, &ip, &frame);
  else
    transport (self, &ip, &frame);
  sweep_idle (self, &frame);
}

static gint
by_last_frame (gconstpointer a, gconstpointer b)
{
  const StreamEntry *x = *(StreamEntry *const *) a, *y = *(StreamEntry *const *) b;

  return x->last_frame < y->last_frame ? -1 : x->last_frame > y->last_frame;
}

/* The end of the file: every stream gives up what it holds, in the order they were last
 * heard from, so that the output does not depend on a hash table's order. */
void
sc_capture_reader_finish_streams (ScCaptureReader *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer entry;

  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, &entry, NULL))
    g_ptr_array_add (entries, entry);
  g_ptr_array_sort (entries, by_last_frame);
  for (guint i = 0; i < entries->len; i++)
    close_stream (self, entries->pdata[i], TRUE);
}
