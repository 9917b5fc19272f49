#pragma once

#include <adwaita.h>

#include "sc-kb-database.h"

G_BEGIN_DECLS

#define SC_TYPE_CODE_PAGE (sc_code_page_get_type ())
G_DECLARE_FINAL_TYPE (ScCodePage, sc_code_page, SC, CODE_PAGE, GtkWidget)

GtkWidget *sc_code_page_new           (void);
void       sc_code_page_show          (ScCodePage      *self,
                                       ScKbDatabase    *db,
                                       ScKbEntry       *entry,
                                       const ScKbLang  *langs,
                                       guint            n_langs);
void       sc_code_page_set_narrow    (ScCodePage      *self,
                                       gboolean         narrow);
ScKbEntry *sc_code_page_get_entry     (ScCodePage      *self);
char      *sc_code_page_get_text      (ScCodePage      *self);

G_END_DECLS
