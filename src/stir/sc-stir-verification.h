#pragma once

#include "sc-sip-message.h"
#include "sc-stir-identity.h"
#include "sc-stir-passport.h"

G_BEGIN_DECLS

/* Each check of an Identity header, reported on its own: a valid signature on stale claims,
 * or on an orig sent as a string, says exactly that. A failed check names the response a
 * verification service sends for it (RFC 8224 §6.2.2): 438 for a signature or claims that do
 * not hold, 437 for a credential it cannot use, 436 for an x5u it cannot use, 403 for a stale
 * iat (§6.2.1). A "div" PASSporT (RFC 8946) is checked as §4.2 there says: its dest against the
 * Request-URI, its div against History-Info or Diversion and against the PASSporT it diverts. */
typedef enum {
  SC_STIR_CHECK_PASSED,
  SC_STIR_CHECK_FAILED,
  SC_STIR_CHECK_SKIPPED,   /* what it needs was not given (a certificate, the request) */
} ScStirCheckResult;

typedef struct {
  const char        *id;       /* "form", "alg", "typ", "ppt", "x5u", "signature", "iat", "orig", "dest",
                                * then "attest", "origid" (ppt shaken) or "div" (ppt div), "request",
                                * and for div "chain" */
  ScStirCheckResult  result;
  char              *message;  /* what was found, printable */
  guint              code;     /* the response for a failure; 0 otherwise */
} ScStirCheck;

typedef struct {
  ScStirIdentity *identity;    /* NULL when the header does not parse */
  ScStirPassport *passport;    /* NULL when the PASSporT does not decode */
  GArray         *checks;      /* of ScStirCheck, in the order above */
  guint           code;        /* the first failure's response; 0 when nothing failed */
  gboolean        verified;    /* every check passed, the signature's included */
} ScStirVerification;

#define SC_STIR_DEFAULT_MAX_AGE 60

/* @cert_pem: (nullable): the signer's certificate; without it the signature is not checked
 * @request: (nullable): the request that carried the header, for orig and dest (and div)
 * @now: seconds since the epoch (the request's Date, or the clock); 0 leaves freshness unchecked */
ScStirVerification *sc_stir_verify             (const char         *identity_value,
                                                GBytes             *cert_pem,
                                                const ScSipMessage *request,
                                                gint64              now,
                                                gint64              max_age);
void                sc_stir_verification_free (ScStirVerification *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScStirVerification, sc_stir_verification_free)

G_END_DECLS
