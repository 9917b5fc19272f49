#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Identity header's value (RFC 8224 §4.1): a PASSporT, then its parameters
 * "info=<URL>", "alg=ES256", "ppt=shaken". */
typedef struct {
  char *passport;   /* as sent: the full form, header.claims.signature (RFC 8224 §4.1) */
  char *info;       /* the URL inside <>, or NULL */
  char *alg;        /* or NULL */
  char *ppt;        /* or NULL */
} ScStirIdentity;

/* @value: with or without a leading "Identity:" (or "y:"), as a person pastes it */
ScStirIdentity *sc_stir_identity_parse  (const char      *value,
                                         GError         **error);
char           *sc_stir_identity_format (const char      *passport,
                                         const char      *info,
                                         const char      *ppt);
void            sc_stir_identity_free   (ScStirIdentity  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScStirIdentity, sc_stir_identity_free)

/* A telephone number as PASSporT carries it (RFC 8224 §8.3): digits only, no "+", no visual
 * separators; from "+81-3-1234-5678", "tel:+81312345678" or "sip:+81312345678@example.jp".
 * NULL with @error when there is no telephone number in it. */
char           *sc_stir_tn_normalize    (const char      *text,
                                         GError         **error);

G_END_DECLS
