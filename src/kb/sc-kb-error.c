#include "sc-kb-error.h"

G_DEFINE_QUARK (sc-kb-error-quark, sc_kb_error)
