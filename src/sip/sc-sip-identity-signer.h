#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where the probe gets the value of an Identity header (RFC 8224) for each request it sends.
 * A STIR/SHAKEN signer that makes a fresh PASSporT per send implements this interface; the
 * probe passes it what the token must match (the Date header it sends, From, To and P-Asserted-Identity). */

typedef struct {
  const char *method;
  const char *from_uri;      /* the addr-spec of From, e.g. "sip:+81312345678@example.jp" */
  const char *to_uri;        /* the addr-spec of To */
  const char *asserted_uri;  /* the addr-spec of P-Asserted-Identity, or NULL */
  gint64      date_unix;     /* the request's Date header, which the PASSporT's "iat" must match */
} ScSipIdentityRequest;

#define SC_SIP_TYPE_IDENTITY_SIGNER (sc_sip_identity_signer_get_type ())
G_DECLARE_INTERFACE (ScSipIdentitySigner, sc_sip_identity_signer, SC_SIP, IDENTITY_SIGNER, GObject)

struct _ScSipIdentitySignerInterface
{
  GTypeInterface parent_iface;

  char *(*sign) (ScSipIdentitySigner        *self,
                 const ScSipIdentityRequest *request,
                 GError                    **error);
};

char *sc_sip_identity_signer_sign (ScSipIdentitySigner        *self,
                                   const ScSipIdentityRequest *request,
                                   GError                    **error);

/* The simplest signer: the header value the user pasted, the same for every request. */
#define SC_SIP_TYPE_FIXED_IDENTITY (sc_sip_fixed_identity_get_type ())
G_DECLARE_FINAL_TYPE (ScSipFixedIdentity, sc_sip_fixed_identity, SC_SIP, FIXED_IDENTITY, GObject)

ScSipIdentitySigner *sc_sip_fixed_identity_new (const char *value);

G_END_DECLS
