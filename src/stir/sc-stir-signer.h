#pragma once

#include "sc-sip-identity-signer.h"

G_BEGIN_DECLS

/* A STIR/SHAKEN authentication service for tests: for every request a fresh PASSporT (iat from
 * the request's Date, a new origid), orig and dest from From and To unless given, signed ES256
 * with the user's P-256 key, in an Identity header of RFC 8224 form. Given a diverting number,
 * it signs as a retargeting entity instead: ppt=div PASSporTs (RFC 8946). */

#define SC_STIR_TYPE_SIGNER (sc_stir_signer_get_type ())
G_DECLARE_FINAL_TYPE (ScStirSigner, sc_stir_signer, SC_STIR, SIGNER, GObject)

/* @key_pem: the private key, read from the user's file (never copied elsewhere)
 * @attest: "A", "B" or "C" (a div PASSporT carries none) */
ScStirSigner *sc_stir_signer_new           (GBytes       *key_pem,
                                            const char   *x5u,
                                            const char   *attest,
                                            GError      **error);
/* Numbers to sign instead of those of From and To; NULL for From's or To's. */
gboolean      sc_stir_signer_set_tns       (ScStirSigner *self,
                                            const char   *orig,
                                            const char   *dest,
                                            GError      **error);

/* From now on sign "div" PASSporTs (RFC 8946 §3): orig, dest (the new target), iat and div
 * {"tn": @div_tn}, without attest or origid, in an Identity header with ppt=div (§4.1). The key
 * must be one with authority over @div_tn, not over orig (§3). A real retargeting entity adds
 * this header beside the original one, never alone (§4.1); that is the caller's part.
 * @div_tn: (nullable): the number the call was diverted from; NULL signs SHAKEN again */
gboolean      sc_stir_signer_set_diversion (ScStirSigner *self,
                                            const char   *div_tn,
                                            GError      **error);

G_END_DECLS
