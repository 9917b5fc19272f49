#pragma once

#include <gtk/gtk.h>

#include "sc-capture-call-message.h"

G_BEGIN_DECLS

/* The ladder diagram of one call: a column per host, an arrow per message with its time and
 * code chip, drawn rather than built of widgets so that a few hundred messages stay cheap. */

#define SC_TYPE_LADDER_VIEW (sc_ladder_view_get_type ())
G_DECLARE_FINAL_TYPE (ScLadderView, sc_ladder_view, SC, LADDER_VIEW, GtkWidget)

GtkWidget *sc_ladder_view_new             (void);
void       sc_ladder_view_set_messages    (ScLadderView    *self,
                                           GPtrArray       *messages);
guint      sc_ladder_view_get_n_messages  (ScLadderView    *self);
guint      sc_ladder_view_get_selected    (ScLadderView    *self);
void       sc_ladder_view_select          (ScLadderView    *self,
                                           guint            index);
guint      sc_ladder_view_get_n_hosts     (ScLadderView    *self);
gboolean   sc_ladder_view_get_row_bounds  (ScLadderView    *self,
                                           guint            index,
                                           graphene_rect_t *bounds);
const char *sc_ladder_view_get_summary    (ScLadderView    *self,
                                           guint            index);

G_END_DECLS
