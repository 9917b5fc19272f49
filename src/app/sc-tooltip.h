#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        sc_tooltip_set (GtkWidget  *widget,
                            const char *text);
const char *sc_tooltip_get (GtkWidget  *widget);
gboolean    sc_tooltip_fill (GtkTooltip *tooltip,
                             const char *text);

G_END_DECLS
