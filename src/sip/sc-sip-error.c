#include "sc-sip-error.h"

G_DEFINE_QUARK (sc-sip-error-quark, sc_sip_error)
