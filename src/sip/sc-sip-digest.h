#pragma once

#include "sc-sip-message.h"

G_BEGIN_DECLS

/* Digest authentication for SIP (RFC 3261 §22.4, RFC 8760 for SHA-256). */

typedef enum {
  SC_SIP_DIGEST_MD5,
  SC_SIP_DIGEST_MD5_SESS,
  SC_SIP_DIGEST_SHA256,
  SC_SIP_DIGEST_SHA256_SESS,
} ScSipDigestAlgorithm;

typedef struct {
  gboolean             proxy;      /* from Proxy-Authenticate (407), not WWW-Authenticate (401) */
  char                *realm;
  char                *nonce;
  char                *opaque;     /* nullable */
  ScSipDigestAlgorithm algorithm;
  gboolean             qop_auth;   /* the server offers qop=auth */
  gboolean             stale;      /* the nonce expired; the credentials were fine */
} ScSipDigestChallenge;

ScSipDigestChallenge *sc_sip_digest_challenge_parse (ScSipSlice                  value,
                                                     gboolean                    proxy,
                                                     GError                    **error);
ScSipDigestChallenge *sc_sip_digest_challenge_pick  (const ScSipMessage         *response,
                                                     GError                    **error);
void                  sc_sip_digest_challenge_free  (ScSipDigestChallenge       *challenge);
const char           *sc_sip_digest_algorithm_name  (ScSipDigestAlgorithm        algorithm);
char                 *sc_sip_digest_authorization   (const ScSipDigestChallenge *challenge,
                                                     const char                 *username,
                                                     const char                 *password,
                                                     const char                 *method,
                                                     const char                 *uri,
                                                     guint32                     nonce_count,
                                                     const char                 *cnonce);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSipDigestChallenge, sc_sip_digest_challenge_free)

G_END_DECLS
