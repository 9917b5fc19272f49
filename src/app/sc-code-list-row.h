#pragma once

#include <gtk/gtk.h>

#include "sc-kb-database.h"

G_BEGIN_DECLS

typedef struct _ScCodeListRow ScCodeListRow;

void           sc_code_list_row_setup           (GtkListItem   *list_item);
void           sc_code_list_row_bind            (GtkListItem   *list_item,
                                                 ScKbDatabase  *db,
                                                 ScKbLang       lang,
                                                 gboolean       starred);
ScCodeListRow *sc_code_list_row_from_widget     (GtkWidget     *widget);
guint          sc_code_list_row_get_position    (ScCodeListRow *self);
gboolean       sc_code_list_row_is_activatable  (ScCodeListRow *self);

G_END_DECLS
