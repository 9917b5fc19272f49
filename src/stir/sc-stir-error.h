#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_STIR_ERROR (sc_stir_error_quark ())

/* Why an Identity header or a PASSporT is refused, each tied to what a verifier answers. */
typedef enum {
  SC_STIR_ERROR_MALFORMED,      /* not a PASSporT: base64url, JSON or form (438) */
  SC_STIR_ERROR_UNSUPPORTED,    /* alg, ppt or typ we do not verify (437) */
  SC_STIR_ERROR_BAD_SIGNATURE,  /* the signature does not verify with the certificate (438) */
  SC_STIR_ERROR_CREDENTIAL,     /* the key or certificate cannot be used (436/437) */
} ScStirError;

GQuark sc_stir_error_quark (void);

G_END_DECLS
