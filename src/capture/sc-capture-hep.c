#define G_LOG_DOMAIN "sc-capture-hep"

#include <string.h>

#include "sc-capture-hep.h"

/* Chunk types of the generic vendor (0), from the HEP v3 specification. */
enum {
  CHUNK_FAMILY = 1,        /* u8: 2 IPv4, 10 IPv6 */
  CHUNK_PROTOCOL = 2,      /* u8: IP protocol */
  CHUNK_IPV4_SOURCE = 3,
  CHUNK_IPV4_DESTINATION = 4,
  CHUNK_IPV6_SOURCE = 5,
  CHUNK_IPV6_DESTINATION = 6,
  CHUNK_SOURCE_PORT = 7,   /* u16 */
  CHUNK_DESTINATION_PORT = 8,
  CHUNK_SECONDS = 9,       /* u32 */
  CHUNK_MICROSECONDS = 10, /* u32 */
  CHUNK_PAYLOAD_TYPE = 11, /* u8: 1 SIP */
  CHUNK_PAYLOAD = 15,
};

typedef struct {
  guint         family;
  gboolean      have_source, have_destination;
  gboolean      have_seconds;
  guint32       seconds, microseconds;
} Seen;

static guint
get16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint32
get32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

gboolean
sc_capture_hep_is (const guint8 *data,
                   gsize         len)
{
  return len >= 6 && memcmp (data, "HEP3", 4) == 0;
}

/* An address chunk of the right size, kept only when it agrees with the family chunk. */
static void
address (guint8 *to, gboolean *have, const guint8 *value, gsize len, gsize want)
{
  if (len != want)
    return;
  memcpy (to, value, want);
  *have = TRUE;
}

static void
chunk (ScCaptureHep *hep, Seen *seen, guint type, const guint8 *value, gsize len)
{
  ScCaptureEndpoints *ends = &hep->endpoints;

  switch (type)
    {
    case CHUNK_FAMILY: if (len == 1) seen->family = value[0]; break;
    case CHUNK_PROTOCOL: if (len == 1) hep->protocol = value[0]; break;
    case CHUNK_IPV4_SOURCE: if (seen->family != 10) address (ends->source, &seen->have_source, value, len, 4); break;
    case CHUNK_IPV4_DESTINATION: if (seen->family != 10) address (ends->destination, &seen->have_destination, value, len, 4); break;
    case CHUNK_IPV6_SOURCE: if (seen->family != 2) address (ends->source, &seen->have_source, value, len, 16); break;
    case CHUNK_IPV6_DESTINATION: if (seen->family != 2) address (ends->destination, &seen->have_destination, value, len, 16); break;
    case CHUNK_SOURCE_PORT: if (len == 2) ends->source_port = get16 (value); break;
    case CHUNK_DESTINATION_PORT: if (len == 2) ends->destination_port = get16 (value); break;
    case CHUNK_SECONDS: if (len == 4) seen->seconds = get32 (value), seen->have_seconds = TRUE; break;
    case CHUNK_MICROSECONDS: if (len == 4) seen->microseconds = get32 (value); break;
    case CHUNK_PAYLOAD_TYPE: if (len == 1) hep->payload_type = value[0]; break;
    case CHUNK_PAYLOAD: hep->payload = value, hep->payload_len = len; break;
    default: break;  /* agent id, keep-alive, auth key, compressed payload, vendor chunks */
    }
}

/* FALSE for a packet without the family, both addresses or a payload; what the chunks lack
 * otherwise is left empty. */
gboolean
sc_capture_hep_decode (const guint8 *data,
                       gsize         len,
                       ScCaptureHep *hep)
{
  Seen seen = { 0 };
  gsize total, at = 6;

  memset (hep, 0, sizeof *hep);
  if (!sc_capture_hep_is (data, len) || (total = get16 (data + 4)) < 6 || total > len)
    return FALSE;
  while (at + 6 <= total)
    {
      guint vendor = get16 (data + at), type = get16 (data + at + 2), chunk_len = get16 (data + at + 4);

      if (chunk_len < 6 || at + chunk_len > total)
        return FALSE;
      if (vendor == 0)
        chunk (hep, &seen, type, data + at + 6, chunk_len - 6);
      at += chunk_len;
    }
  if ((seen.family != 2 && seen.family != 10) || !seen.have_source || !seen.have_destination || hep->payload == NULL)
    return FALSE;
  hep->endpoints.family = seen.family == 2 ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6;
  hep->time_us = seen.have_seconds ? (gint64) seen.seconds * G_USEC_PER_SEC + MIN (seen.microseconds, 999999u) : -1;
  return TRUE;
}
