#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Addresses and endpoints as text, written into the caller's buffer: once for every message of
 * a capture, so without printf or the heap. The text is inet_ntop()'s, byte for byte. */

/* Long enough for any IPv6 address in text ("ffff:...:255.255.255.255" and the NUL). */
#define SC_CAPTURE_ADDRESS_LEN 48
/* "[" address "]:" port and the NUL. */
#define SC_CAPTURE_ENDPOINT_LEN (SC_CAPTURE_ADDRESS_LEN + 8)

gsize sc_capture_address_format  (GSocketFamily  family,
                                  const guint8  *address,
                                  char          *out);
gsize sc_capture_endpoint_format (GSocketFamily  family,
                                  const char    *address,
                                  guint16        port,
                                  char          *out);

G_END_DECLS
