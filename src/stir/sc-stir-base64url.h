#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* base64url without padding, as JWS and PASSporT use it (RFC 7515 §2, RFC 4648 §5). Decoding
 * is strict: any character outside the alphabet, padding, or a length that cannot be base64url
 * is refused (GLib's decoder would skip them). */
char   *sc_stir_base64url_encode (const guint8 *data,
                                  gsize         len);
GBytes *sc_stir_base64url_decode (const char   *text,
                                  gsize         len,
                                  GError      **error);

G_END_DECLS
