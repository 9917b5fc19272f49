#include "sc-capture-error.h"

G_DEFINE_QUARK (sc-capture-error-quark, sc_capture_error)
