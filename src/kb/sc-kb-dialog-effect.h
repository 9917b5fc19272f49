#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a response does to the transaction, the usage and the dialog it answers, as RFC 5057
 * §5.1 (Table 2) sets out: one of sc_kb_dialog_effects. */
const char *sc_kb_dialog_effect (guint code);

G_END_DECLS
