#define G_LOG_DOMAIN "sc-capture-packet"

#include <pcap/pcap.h>
#include <string.h>

#include "sc-capture-message.h"
#include "sc-capture-packet.h"

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100  /* 802.1Q */
#define ETHERTYPE_QINQ 0x88a8  /* 802.1ad outer tag */
#define ETHERTYPE_QINQ_OLD 0x9100

static guint16
get16 (const guint8 *p)
{
  return (guint16) (p[0] << 8 | p[1]);
}

static guint32
get32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

gboolean
sc_capture_link_type_supported (int link_type)
{
  switch (link_type)
    {
    case DLT_EN10MB: case DLT_LINUX_SLL: case DLT_LINUX_SLL2: case DLT_RAW:
    case DLT_IPV4: case DLT_IPV6: case DLT_NULL: case DLT_LOOP:
      return TRUE;
    default:
      return FALSE;
    }
}

static ScCaptureLinkResult
by_ethertype (guint16        ethertype,
              const guint8  *data,
              gsize          len,
              const guint8 **ip,
              gsize         *ip_len)
{
  if (ethertype != ETHERTYPE_IPV4 && ethertype != ETHERTYPE_IPV6)
    return SC_CAPTURE_LINK_OTHER;
  *ip = data;
  *ip_len = len;
  return SC_CAPTURE_LINK_IP;
}

/* Ethernet II with up to two VLAN tags (802.1Q, or 802.1ad outside 802.1Q). */
static ScCaptureLinkResult
ethernet (const guint8 *data, gsize len, const guint8 **ip, gsize *ip_len)
{
  gsize offset = 12;
  guint16 ethertype;

  if (len < 14)
    return SC_CAPTURE_LINK_BROKEN;
  ethertype = get16 (data + offset);
  for (int tags = 0; tags < 2 && (ethertype == ETHERTYPE_VLAN || ethertype == ETHERTYPE_QINQ ||
                                  ethertype == ETHERTYPE_QINQ_OLD); tags++)
    {
      offset += 4;
      if (len < offset + 2)
        return SC_CAPTURE_LINK_BROKEN;
      ethertype = get16 (data + offset);
    }
  return by_ethertype (ethertype, data + offset + 2, len - offset - 2, ip, ip_len);
}

/* The version nibble says which: raw IP has no link header at all. */
static ScCaptureLinkResult
raw_ip (const guint8 *data, gsize len, const guint8 **ip, gsize *ip_len)
{
  if (len < 1)
    return SC_CAPTURE_LINK_BROKEN;
  if (data[0] >> 4 != 4 && data[0] >> 4 != 6)
    return SC_CAPTURE_LINK_OTHER;
  *ip = data;
  *ip_len = len;
  return SC_CAPTURE_LINK_IP;
}

/* BSD loopback: a 4-byte address family, in the capturing host's byte order for DLT_NULL and
 * in network order for DLT_LOOP. AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (NetBSD,
 * OpenBSD), 28 (FreeBSD) or 30 (macOS). Either order is tried: the file does not say whose. */
static ScCaptureLinkResult
loopback (const guint8 *data, gsize len, const guint8 **ip, gsize *ip_len)
{
  guint32 family;

  if (len < 4)
    return SC_CAPTURE_LINK_BROKEN;
  family = get32 (data);
  if (family > 0xffff)
    family = GUINT32_SWAP_LE_BE (family);
  if (family != 2 && family != 10 && family != 24 && family != 28 && family != 30)
    return SC_CAPTURE_LINK_OTHER;
  return raw_ip (data + 4, len - 4, ip, ip_len);
}

ScCaptureLinkResult
sc_capture_link_decode (int            link_type,
                        const guint8  *data,
                        gsize          len,
                        const guint8 **ip,
                        gsize         *ip_len)
{
  switch (link_type)
    {
    case DLT_EN10MB:
      return ethernet (data, len, ip, ip_len);
    case DLT_LINUX_SLL:   /* 16 bytes; the protocol last */
      return len < 16 ? SC_CAPTURE_LINK_BROKEN : by_ethertype (get16 (data + 14), data + 16, len - 16, ip, ip_len);
    case DLT_LINUX_SLL2:  /* 20 bytes; the protocol first */
      return len < 20 ? SC_CAPTURE_LINK_BROKEN : by_ethertype (get16 (data), data + 20, len - 20, ip, ip_len);
    case DLT_NULL:
    case DLT_LOOP:
      return loopback (data, len, ip, ip_len);
    default:  /* DLT_RAW, DLT_IPV4, DLT_IPV6 */
      return raw_ip (data, len, ip, ip_len);
    }
}

static gboolean
ipv4_decode (const guint8 *data, gsize len, ScCaptureIp *ip)
{
  gsize header_len, total_len;
  guint16 fragment;

  if (len < 20 || (header_len = (data[0] & 0x0f) * 4u) < 20 || header_len > len)
    return FALSE;
  total_len = get16 (data + 2);
  if (total_len < header_len)
    return FALSE;
  /* Shorter than the header says: the snapshot length cut it. Longer: Ethernet padding. */
  ip->truncated = total_len > len;
  total_len = MIN (total_len, len);
  ip->endpoints.family = G_SOCKET_FAMILY_IPV4;
  memcpy (ip->endpoints.source, data + 12, 4);
  memcpy (ip->endpoints.destination, data + 16, 4);
  ip->protocol = data[9];
  ip->payload = data + header_len;
  ip->payload_len = total_len - header_len;
  fragment = get16 (data + 6);
  ip->more_fragments = (fragment & 0x2000) != 0;
  ip->fragment_offset = (fragment & 0x1fffu) * 8;
  ip->is_fragment = ip->more_fragments || ip->fragment_offset > 0;
  ip->fragment_id = get16 (data + 4);
  return TRUE;
}

/* Walks IPv6 extension headers up to the transport (RFC 8200 §4). */
static gboolean
ipv6_extensions (guint8 next, const guint8 *p, const guint8 *end, ScCaptureIp *ip)
{
  for (int hops = 0; hops < 16; hops++)
    {
      gsize ext_len;

      if (next != 0 && next != 43 && next != 44 && next != 51 && next != 60)
        break;
      if (end - p < 8)
        return FALSE;
      if (next == 44)  /* fragment header: fixed 8 bytes */
        {
          ip->fragment_offset = get16 (p + 2) & 0xfff8u;
          ip->more_fragments = (p[3] & 1) != 0;
          ip->fragment_id = get32 (p + 4);
          ip->is_fragment = ip->more_fragments || ip->fragment_offset > 0;
          ext_len = 8;
        }
      else
        ext_len = next == 51 ? (p[1] + 2u) * 4 : (p[1] + 1u) * 8;  /* AH counts in 4-byte units */
      if ((gsize) (end - p) < ext_len)
        return FALSE;
      next = p[0];
      p += ext_len;
    }
  ip->protocol = next;
  ip->payload = p;
  ip->payload_len = end - p;
  return TRUE;
}

static gboolean
ipv6_decode (const guint8 *data, gsize len, ScCaptureIp *ip)
{
  gsize payload_len;

  if (len < 40)
    return FALSE;
  payload_len = get16 (data + 4);
  if (payload_len == 0)  /* a jumbogram (RFC 2675): the frame's length is all there is */
    payload_len = len - 40;
  ip->truncated = payload_len > len - 40;
  payload_len = MIN (payload_len, len - 40);
  ip->endpoints.family = G_SOCKET_FAMILY_IPV6;
  memcpy (ip->endpoints.source, data + 8, 16);
  memcpy (ip->endpoints.destination, data + 24, 16);
  return ipv6_extensions (data[6], data + 40, data + 40 + payload_len, ip);
}

gboolean
sc_capture_ip_decode (const guint8 *data,
                      gsize         len,
                      ScCaptureIp  *ip)
{
  memset (ip, 0, sizeof *ip);
  if (len < 1)
    return FALSE;
  switch (data[0] >> 4)
    {
    case 4:
      return ipv4_decode (data, len, ip);
    case 6:
      return ipv6_decode (data, len, ip);
    default:
      return FALSE;
    }
}

gboolean
sc_capture_udp_decode (const guint8        *data,
                       gsize                len,
                       ScCaptureEndpoints  *endpoints,
                       const guint8       **payload,
                       gsize               *payload_len)
{
  gsize udp_len;

  if (len < 8)
    return FALSE;
  endpoints->source_port = get16 (data);
  endpoints->destination_port = get16 (data + 2);
  udp_len = get16 (data + 4);
  /* 0 is legal for an IPv6 jumbogram; a length beyond the frame means a cut frame. */
  if (udp_len == 0 || udp_len > len)
    udp_len = len;
  if (udp_len < 8)
    return FALSE;
  *payload = data + 8;
  *payload_len = udp_len - 8;
  return TRUE;
}

gboolean
sc_capture_tcp_decode (const guint8        *data,
                       gsize                len,
                       ScCaptureEndpoints  *endpoints,
                       ScCaptureTcp        *tcp,
                       const guint8       **payload,
                       gsize               *payload_len)
{
  gsize header_len;

  if (len < 20 || (header_len = (data[12] >> 4) * 4u) < 20 || header_len > len)
    return FALSE;
  endpoints->source_port = get16 (data);
  endpoints->destination_port = get16 (data + 2);
  tcp->seq = get32 (data + 4);
  tcp->flags = data[13] & (SC_CAPTURE_TCP_FIN | SC_CAPTURE_TCP_SYN | SC_CAPTURE_TCP_RST);
  *payload = data + header_len;
  *payload_len = len - header_len;
  return TRUE;
}

/* For hash tables keyed by addresses and ports (TCP streams, IP fragments). */
guint
sc_capture_endpoints_hash (gconstpointer p)
{
  const ScCaptureEndpoints *e = p;
  guint hash = (guint) e->source_port << 16 ^ e->destination_port ^ (guint) e->family;

  for (guint i = 0; i < 16; i++)
    hash = hash * 31 + e->source[i] + e->destination[i] * 7u;
  return hash;
}

gboolean
sc_capture_endpoints_equal (gconstpointer a,
                            gconstpointer b)
{
  const ScCaptureEndpoints *x = a, *y = b;

  return x->family == y->family && x->source_port == y->source_port && x->destination_port == y->destination_port &&
         memcmp (x->source, y->source, 16) == 0 && memcmp (x->destination, y->destination, 16) == 0;
}

void
sc_capture_endpoints_print (const ScCaptureEndpoints *endpoints,
                            ScCaptureMessage         *message)
{
  message->family = endpoints->family;
  sc_capture_address_format (endpoints->family, endpoints->source, message->source);
  sc_capture_address_format (endpoints->family, endpoints->destination, message->destination);
  message->source_port = endpoints->source_port;
  message->destination_port = endpoints->destination_port;
}
