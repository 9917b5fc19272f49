#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Decoding of one frame, layer by layer, as views into libpcap's buffer: nothing is copied
 * until a message is cut out. Each decoder returns FALSE for what it cannot read. */

typedef struct _ScCaptureMessage ScCaptureMessage;

typedef struct {
  GSocketFamily family;          /* IPV4 or IPV6 */
  guint8        source[16];      /* IPv4 in the first 4 bytes */
  guint8        destination[16];
  guint16       source_port;
  guint16       destination_port;
} ScCaptureEndpoints;

typedef struct {
  ScCaptureEndpoints endpoints;  /* addresses only: the ports come with the transport */
  guint8        protocol;        /* IPPROTO_UDP, IPPROTO_TCP, ... */
  const guint8 *payload;         /* what follows the IP header(s) */
  gsize         payload_len;
  gboolean      truncated;       /* the header claims more than the frame holds */
  /* Fragments (IPv4, or IPv6's fragment header): */
  gboolean      is_fragment;
  guint32       fragment_id;
  guint         fragment_offset; /* in bytes */
  gboolean      more_fragments;
} ScCaptureIp;

typedef struct {
  guint32 seq;
  guint8  flags;                 /* SC_CAPTURE_TCP_* */
} ScCaptureTcp;

#define SC_CAPTURE_TCP_FIN 0x01
#define SC_CAPTURE_TCP_SYN 0x02
#define SC_CAPTURE_TCP_RST 0x04

typedef enum {
  SC_CAPTURE_LINK_IP,            /* @ip points at an IPv4 or IPv6 header */
  SC_CAPTURE_LINK_OTHER,         /* a well-formed frame of another protocol (ARP, LLDP...) */
  SC_CAPTURE_LINK_BROKEN,        /* shorter than its own link header */
} ScCaptureLinkResult;

gboolean            sc_capture_link_type_supported (int            link_type);
ScCaptureLinkResult sc_capture_link_decode         (int            link_type,
                                                    const guint8  *data,
                                                    gsize          len,
                                                    const guint8 **ip,
                                                    gsize         *ip_len);
gboolean            sc_capture_ip_decode           (const guint8  *data,
                                                    gsize          len,
                                                    ScCaptureIp   *ip);
gboolean            sc_capture_udp_decode          (const guint8  *data,
                                                    gsize          len,
                                                    ScCaptureEndpoints *endpoints,
                                                    const guint8 **payload,
                                                    gsize         *payload_len);
gboolean            sc_capture_tcp_decode          (const guint8  *data,
                                                    gsize          len,
                                                    ScCaptureEndpoints *endpoints,
                                                    ScCaptureTcp  *tcp,
                                                    const guint8 **payload,
                                                    gsize         *payload_len);
guint               sc_capture_endpoints_hash      (gconstpointer  endpoints);
gboolean            sc_capture_endpoints_equal     (gconstpointer  a,
                                                    gconstpointer  b);
void                sc_capture_endpoints_print     (const ScCaptureEndpoints *endpoints,
                                                    ScCaptureMessage         *message);

G_END_DECLS
