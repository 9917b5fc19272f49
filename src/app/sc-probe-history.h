#pragma once

#include <adwaita.h>

#include "sc-user-store.h"

G_BEGIN_DECLS

/* Past probes from the user database (select one to fill the form again, delete one, clear
 * all) and the certificates trusted by choice (each can be forgotten). */

#define SC_TYPE_PROBE_HISTORY (sc_probe_history_get_type ())
G_DECLARE_FINAL_TYPE (ScProbeHistory, sc_probe_history, SC, PROBE_HISTORY, GtkWidget)

void        sc_probe_history_set_store   (ScProbeHistory *self,
                                          ScUserStore    *store);
void        sc_probe_history_reload      (ScProbeHistory *self);
GtkListBox *sc_probe_history_get_list    (ScProbeHistory *self);
GtkListBox *sc_probe_history_get_trusted (ScProbeHistory *self);

G_END_DECLS
