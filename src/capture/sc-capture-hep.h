#pragma once

#include "sc-capture-packet.h"

G_BEGIN_DECLS

/* HEP v3 (Homer Encapsulation Protocol): a capture agent's copy of a packet, sent over UDP
 * (commonly to port 9060) as "HEP3", a total length, then vendor/type/length/value chunks. */

#define SC_CAPTURE_HEP_PAYLOAD_SIP 1

typedef struct {
  ScCaptureEndpoints endpoints;  /* the inner addresses and ports */
  guint8        protocol;        /* the inner IP protocol (17 UDP, 6 TCP) */
  gint64        time_us;         /* when the agent saw it; -1 when the packet does not say */
  guint8        payload_type;    /* SC_CAPTURE_HEP_PAYLOAD_SIP, ... */
  const guint8 *payload;
  gsize         payload_len;
} ScCaptureHep;

gboolean sc_capture_hep_is     (const guint8 *data,
                                gsize         len);
gboolean sc_capture_hep_decode (const guint8 *data,
                                gsize         len,
                                ScCaptureHep *hep);

G_END_DECLS
