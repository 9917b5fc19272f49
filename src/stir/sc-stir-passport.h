#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A PASSporT (RFC 8225) in its full form (RFC 8224 §4.1): base64url(header) "." base64url(claims)
 * "." base64url(signature), the signature over the first two parts as sent. Not PASSporT's
 * compact form, ".." then the signature alone (RFC 8225 §7), which SHAKEN does not use. */
typedef struct {
  JsonObject *header;         /* alg, typ, ppt, x5u */
  JsonObject *claims;         /* iat, orig, dest, attest, origid… */
  char       *signing_input;  /* "header.claims" as it came or as made */
  GBytes     *signature;      /* ES256: r ‖ s, 64 bytes */
} ScStirPassport;

/* The form RFC 8225 §9 signs: keys in lexicographic order at every level, no whitespace. */
char           *sc_stir_canonical_json        (JsonNode       *node);

ScStirPassport *sc_stir_passport_decode       (const char     *text,
                                               GError        **error);
/* Makes the signing input from @header and @claims in canonical form (the signature to come). */
ScStirPassport *sc_stir_passport_new          (JsonObject     *header,
                                               JsonObject     *claims);
char           *sc_stir_passport_encode       (ScStirPassport *self);
void            sc_stir_passport_free         (ScStirPassport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScStirPassport, sc_stir_passport_free)

/* The longest PASSporT taken in: a signed SHAKEN one is a few hundred bytes. */
#define SC_STIR_MAX_PASSPORT 8192

G_END_DECLS
