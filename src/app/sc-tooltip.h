#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        sc_tooltip_set (GtkWidget  *widget,
                            const char *text);
void        sc_tooltip_set_problem (GtkWidget  *widget,
                                    const char *problem);
const char *sc_tooltip_get (GtkWidget  *widget);
gboolean    sc_tooltip_fill (GtkTooltip *tooltip,
                             const char *text);

G_END_DECLS
