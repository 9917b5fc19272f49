#pragma once

#include <adwaita.h>

#include "sc-kb-database.h"
#include "sc-user-store.h"

G_BEGIN_DECLS

#define SC_TYPE_CODE_LIST (sc_code_list_get_type ())
G_DECLARE_FINAL_TYPE (ScCodeList, sc_code_list, SC, CODE_LIST, GtkWidget)

GtkWidget *sc_code_list_new               (void);
void       sc_code_list_setup             (ScCodeList   *self,
                                           ScKbDatabase *db,
                                           ScUserStore  *store);
void       sc_code_list_set_language      (ScCodeList   *self,
                                           ScKbLang      lang);
void       sc_code_list_refresh           (ScCodeList   *self);
gboolean   sc_code_list_is_filled         (ScCodeList   *self);
void       sc_code_list_focus_search      (ScCodeList   *self);
void       sc_code_list_set_query         (ScCodeList   *self,
                                           const char   *query);
void       sc_code_list_select_code       (ScCodeList   *self,
                                           guint         code);
GArray    *sc_code_list_get_visible_codes (ScCodeList   *self);
gboolean   sc_code_list_is_empty_state    (ScCodeList   *self);
void       sc_code_list_capture_typing    (ScCodeList   *self,
                                           GtkWidget    *widget);
GtkWidget *sc_code_list_get_typing_capture (ScCodeList  *self);

G_END_DECLS
