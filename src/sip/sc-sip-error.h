#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_SIP_ERROR (sc_sip_error_quark ())

typedef enum {
  SC_SIP_ERROR_INCOMPLETE,   /* a stream has not delivered the whole message yet */
  SC_SIP_ERROR_MALFORMED,    /* the bytes break the grammar; the message says what and where */
  SC_SIP_ERROR_TOO_LARGE,    /* over a hard limit (message size, header count) */
  SC_SIP_ERROR_VERSION,      /* not SIP/2.0 */
} ScSipError;

GQuark sc_sip_error_quark (void);

G_END_DECLS
