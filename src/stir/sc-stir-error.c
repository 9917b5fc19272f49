#include "sc-stir-error.h"

G_DEFINE_QUARK (sc-stir-error-quark, sc_stir_error)
