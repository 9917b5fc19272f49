#define G_LOG_DOMAIN "sc-capture-writer"

#include "sc-capture-writer.h"

#include <glib/gi18n-lib.h>
#include <pcap/pcap.h>
#include <string.h>

#include "sc-capture-error.h"
#include "sc-capture-libpcap.h"

#define HEP_PORT 9060
/* A TCP segment's payload at most: an IP packet stays well under 64 KiB. */
#define MAX_SEGMENT 32768

struct _ScCaptureWriter
{
  GObject        parent_instance;
  const ScCaptureLibpcap *libpcap;
  pcap_t        *pcap;
  pcap_dumper_t *dumper;
  GHashTable    *sequences;   /* "src>dst" → next TCP sequence number */
  guint16        ip_id;
};

G_DEFINE_FINAL_TYPE (ScCaptureWriter, sc_capture_writer, G_TYPE_OBJECT)

static void
sc_capture_writer_finalize (GObject *object)
{
  ScCaptureWriter *self = SC_CAPTURE_WRITER (object);

  if (self->dumper != NULL)
    self->libpcap->dump_close (self->dumper);
  if (self->pcap != NULL)
    self->libpcap->close (self->pcap);
  g_hash_table_unref (self->sequences);
  G_OBJECT_CLASS (sc_capture_writer_parent_class)->finalize (object);
}

static void
sc_capture_writer_class_init (ScCaptureWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_capture_writer_finalize;
}

static void
sc_capture_writer_init (ScCaptureWriter *self)
{
  self->sequences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ip_id = 1;
}

ScCaptureWriter *
sc_capture_writer_new (const char  *path,
                       GError     **error)
{
  g_autoptr(ScCaptureWriter) self = g_object_new (SC_TYPE_CAPTURE_WRITER, NULL);

  if ((self->libpcap = sc_capture_libpcap_get (error)) == NULL)
    return NULL;
  self->pcap = self->libpcap->open_dead (DLT_RAW, 65535);
  self->dumper = self->pcap ? self->libpcap->dump_open (self->pcap, path) : NULL;
  if (self->dumper == NULL)
    {
      g_set_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_WRITE, _("%s cannot be written: %s"), path,
                   self->pcap ? self->libpcap->geterr (self->pcap) : g_strerror (ENOMEM));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* ---- building packets ---- */

static GInetSocketAddress *
parse_end (const char  *text,
           GError     **error)
{
  g_autoptr(GSocketConnectable) connectable = g_network_address_parse (text, 0, NULL);
  const char *host = connectable ? g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable)) : NULL;
  g_autoptr(GInetAddress) address = host ? g_inet_address_new_from_string (host) : NULL;

  if (address == NULL)
    {
      g_set_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_WRITE, _("“%s” is not an address and port"), text);
      return NULL;
    }
  return G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (address, g_network_address_get_port (G_NETWORK_ADDRESS (connectable))));
}

static void
put16 (GByteArray *out,
       guint16     value)
{
  guint8 bytes[2] = { value >> 8, value & 0xff };
  g_byte_array_append (out, bytes, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  guint8 bytes[4] = { value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };
  g_byte_array_append (out, bytes, 4);
}

static guint32
sum16 (const guint8 *data,
       gsize         len,
       guint32       sum)
{
  for (gsize i = 0; i + 1 < len; i += 2)
    sum += (guint32) data[i] << 8 | data[i + 1];
  if (len % 2)
    sum += (guint32) data[len - 1] << 8;
  return sum;
}

static guint16
fold (guint32 sum)
{
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

/* The UDP or TCP checksum over the pseudo header (RFC 768, RFC 793, RFC 8200 §8.1). */
static guint16
transport_checksum (GInetAddress *src,
                    GInetAddress *dst,
                    guint8        protocol,
                    const guint8 *segment,
                    gsize         len)
{
  guint32 sum = 0;
  guint8 tail[4] = { 0, 0, 0, protocol };

  sum = sum16 (g_inet_address_to_bytes (src), g_inet_address_get_native_size (src), sum);
  sum = sum16 (g_inet_address_to_bytes (dst), g_inet_address_get_native_size (dst), sum);
  sum += (guint32) len;
  sum = sum16 (tail, 4, sum);
  sum = sum16 (segment, len, sum);
  return fold (sum);
}

static GByteArray *
ip_packet (ScCaptureWriter *self,
           GInetAddress    *src,
           GInetAddress    *dst,
           guint8           protocol,
           const guint8    *segment,
           gsize            len)
{
  GByteArray *out = g_byte_array_new ();

  if (g_inet_address_get_family (src) == G_SOCKET_FAMILY_IPV6)
    {
      put32 (out, 0x60000000);
      put16 (out, (guint16) len);
      g_byte_array_append (out, (const guint8 *) "\0\x40", 2);
      out->data[6] = protocol;
      g_byte_array_append (out, g_inet_address_to_bytes (src), 16);
      g_byte_array_append (out, g_inet_address_to_bytes (dst), 16);
    }
  else
    {
      guint16 checksum;

      put16 (out, 0x4500);
      put16 (out, (guint16) (20 + len));
      put16 (out, self->ip_id++);
      put16 (out, 0x4000);                  /* don't fragment */
      put16 (out, (guint16) (64 << 8 | protocol));
      put16 (out, 0);
      g_byte_array_append (out, g_inet_address_to_bytes (src), 4);
      g_byte_array_append (out, g_inet_address_to_bytes (dst), 4);
      checksum = fold (sum16 (out->data, 20, 0));
      out->data[10] = checksum >> 8;
      out->data[11] = checksum & 0xff;
    }
  g_byte_array_append (out, segment, len);
  return out;
}

static GByteArray *
udp_segment (GInetSocketAddress *src,
             GInetSocketAddress *dst,
             const guint8       *payload,
             gsize               len)
{
  GByteArray *out = g_byte_array_new ();
  guint16 checksum;

  put16 (out, g_inet_socket_address_get_port (src));
  put16 (out, g_inet_socket_address_get_port (dst));
  put16 (out, (guint16) (8 + len));
  put16 (out, 0);
  g_byte_array_append (out, payload, len);
  checksum = transport_checksum (g_inet_socket_address_get_address (src), g_inet_socket_address_get_address (dst), 17,
                                 out->data, out->len);
  checksum = checksum ? checksum : 0xffff;
  out->data[6] = checksum >> 8;
  out->data[7] = checksum & 0xff;
  return out;
}

static GByteArray *
tcp_segment (guint32             seq,
             guint32             ack,
             GInetSocketAddress *src,
             GInetSocketAddress *dst,
             const guint8       *payload,
             gsize               len)
{
  GByteArray *out = g_byte_array_new ();
  guint16 checksum;

  put16 (out, g_inet_socket_address_get_port (src));
  put16 (out, g_inet_socket_address_get_port (dst));
  put32 (out, seq);
  put32 (out, ack);
  put16 (out, 5 << 12 | 0x18);              /* header length 20, PSH and ACK */
  put16 (out, 65535);
  put32 (out, 0);
  g_byte_array_append (out, payload, len);
  checksum = transport_checksum (g_inet_socket_address_get_address (src), g_inet_socket_address_get_address (dst), 6,
                                 out->data, out->len);
  out->data[16] = checksum >> 8;
  out->data[17] = checksum & 0xff;
  return out;
}

static void
hep_chunk (GByteArray   *out,
           guint16       type,
           const void   *value,
           gsize         len)
{
  put16 (out, 0);
  put16 (out, type);
  put16 (out, (guint16) (6 + len));
  g_byte_array_append (out, value, len);
}

/* HEP v3: the plaintext of a TLS message with its real ends and time. */
static GByteArray *
hep_packet (gint64              time_us,
            GInetSocketAddress *src,
            GInetSocketAddress *dst,
            const guint8       *payload,
            gsize               len)
{
  GByteArray *out = g_byte_array_new ();
  GInetAddress *from = g_inet_socket_address_get_address (src), *to = g_inet_socket_address_get_address (dst);
  gboolean v6 = g_inet_address_get_family (from) == G_SOCKET_FAMILY_IPV6;
  guint8 family = v6 ? 10 : 2, protocol = 6, sip = 1;
  guint8 ports[4] = { g_inet_socket_address_get_port (src) >> 8, g_inet_socket_address_get_port (src) & 0xff,
                      g_inet_socket_address_get_port (dst) >> 8, g_inet_socket_address_get_port (dst) & 0xff };
  guint32 seconds = GUINT32_TO_BE ((guint32) (time_us / G_USEC_PER_SEC));
  guint32 micro = GUINT32_TO_BE ((guint32) (time_us % G_USEC_PER_SEC));

  g_byte_array_append (out, (const guint8 *) "HEP3\0\0", 6);
  hep_chunk (out, 1, &family, 1);
  hep_chunk (out, 2, &protocol, 1);
  hep_chunk (out, v6 ? 5 : 3, g_inet_address_to_bytes (from), v6 ? 16 : 4);
  hep_chunk (out, v6 ? 6 : 4, g_inet_address_to_bytes (to), v6 ? 16 : 4);
  hep_chunk (out, 7, ports, 2);
  hep_chunk (out, 8, ports + 2, 2);
  hep_chunk (out, 9, &seconds, 4);
  hep_chunk (out, 10, &micro, 4);
  hep_chunk (out, 11, &sip, 1);
  hep_chunk (out, 15, payload, len);
  out->data[4] = out->len >> 8;
  out->data[5] = out->len & 0xff;
  return out;
}

static void
dump (ScCaptureWriter *self,
      gint64           time_us,
      GByteArray      *packet)
{
  struct pcap_pkthdr header = { .caplen = packet->len, .len = packet->len };

  header.ts.tv_sec = time_us / G_USEC_PER_SEC;
  header.ts.tv_usec = time_us % G_USEC_PER_SEC;
  self->libpcap->dump ((u_char *) self->dumper, &header, packet->data);
  g_byte_array_unref (packet);
}

static void
add_tcp (ScCaptureWriter    *self,
         gint64              time_us,
         const char         *source,
         const char         *destination,
         GInetSocketAddress *src,
         GInetSocketAddress *dst,
         const guint8       *data,
         gsize               len)
{
  g_autofree char *key = g_strconcat (source, ">", destination, NULL);
  g_autofree char *back = g_strconcat (destination, ">", source, NULL);
  guint32 seq = GPOINTER_TO_UINT (g_hash_table_lookup (self->sequences, key)) + 1000;
  guint32 ack = GPOINTER_TO_UINT (g_hash_table_lookup (self->sequences, back)) + 1000;

  for (gsize off = 0; off < len || off == 0; off += MAX_SEGMENT)
    {
      gsize chunk = MIN (len - off, MAX_SEGMENT);
      g_autoptr(GByteArray) segment = tcp_segment (seq, ack, src, dst, data + off, chunk);

      dump (self, time_us, ip_packet (self, g_inet_socket_address_get_address (src), g_inet_socket_address_get_address (dst), 6,
                                      segment->data, segment->len));
      seq += chunk;
      if (len == 0)
        break;
    }
  g_hash_table_insert (self->sequences, g_steal_pointer (&key), GUINT_TO_POINTER (seq - 1000));
}

gboolean
sc_capture_writer_add (ScCaptureWriter  *self,
                       gint64            time_us,
                       const char       *transport,
                       const char       *source,
                       const char       *destination,
                       GBytes           *payload,
                       GError          **error)
{
  g_autoptr(GInetSocketAddress) src = parse_end (source, error);
  g_autoptr(GInetSocketAddress) dst = src ? parse_end (destination, error) : NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (payload, &len);

  if (dst == NULL)
    return FALSE;
  if (g_inet_address_get_family (g_inet_socket_address_get_address (src)) !=
      g_inet_address_get_family (g_inet_socket_address_get_address (dst)))
    {
      g_set_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_WRITE, _("%s and %s are not of one IP version"), source, destination);
      return FALSE;
    }
  if (g_str_equal (transport, "tcp"))
    add_tcp (self, time_us, source, destination, src, dst, data, len);
  else if (g_str_equal (transport, "tls"))
    {
      g_autoptr(GByteArray) hep = hep_packet (time_us, src, dst, data, len);
      g_autoptr(GInetSocketAddress) collector = G_INET_SOCKET_ADDRESS (
        g_inet_socket_address_new (g_inet_socket_address_get_address (dst), HEP_PORT));
      g_autoptr(GByteArray) udp = udp_segment (src, collector, hep->data, hep->len);

      dump (self, time_us, ip_packet (self, g_inet_socket_address_get_address (src), g_inet_socket_address_get_address (dst), 17,
                                      udp->data, udp->len));
    }
  else
    {
      g_autoptr(GByteArray) udp = udp_segment (src, dst, data, len);

      dump (self, time_us, ip_packet (self, g_inet_socket_address_get_address (src), g_inet_socket_address_get_address (dst), 17,
                                      udp->data, udp->len));
    }
  return TRUE;
}

gboolean
sc_capture_writer_close (ScCaptureWriter  *self,
                         GError          **error)
{
  if (self->dumper != NULL && self->libpcap->dump_flush (self->dumper) != 0)
    {
      g_set_error_literal (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_WRITE, _("the capture could not be written to the end"));
      return FALSE;
    }
  g_clear_pointer (&self->dumper, self->libpcap->dump_close);
  return TRUE;
}
