#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SC_TYPE_PANE (sc_pane_get_type ())
G_DECLARE_FINAL_TYPE (ScPane, sc_pane, SC, PANE, GtkWidget)

G_END_DECLS
