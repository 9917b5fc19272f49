#pragma once

#include <adwaita.h>

#include "sc-kb-comparison.h"

G_BEGIN_DECLS

#define SC_TYPE_COMPARE_PAGE (sc_compare_page_get_type ())
G_DECLARE_FINAL_TYPE (ScComparePage, sc_compare_page, SC, COMPARE_PAGE, GtkWidget)

GtkWidget      *sc_compare_page_new            (void);
void            sc_compare_page_setup          (ScComparePage  *self,
                                                ScKbDatabase   *db);
gboolean        sc_compare_page_show           (ScComparePage  *self,
                                                guint           a,
                                                guint           b,
                                                const ScKbLang *langs,
                                                guint           n_langs,
                                                GError        **error);
void            sc_compare_page_set_narrow     (ScComparePage  *self,
                                                gboolean        narrow);
ScKbComparison *sc_compare_page_get_comparison (ScComparePage  *self);
char           *sc_compare_page_get_text       (ScComparePage  *self);

G_END_DECLS
