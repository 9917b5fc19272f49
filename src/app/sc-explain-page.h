#pragma once

#include <adwaita.h>

#include "sc-diagnosis.h"
#include "sc-kb-database.h"

G_BEGIN_DECLS

/* Explain a message: paste, drop or open text, see each message with what its status, Reason
 * causes, Warning codes and headers mean, messages of one call together. */

#define SC_TYPE_EXPLAIN_PAGE (sc_explain_page_get_type ())
G_DECLARE_FINAL_TYPE (ScExplainPage, sc_explain_page, SC, EXPLAIN_PAGE, GtkWidget)

GtkWidget   *sc_explain_page_new          (void);
void         sc_explain_page_setup        (ScExplainPage *self,
                                           ScKbDatabase  *db);
void         sc_explain_page_set_language (ScExplainPage *self,
                                           ScKbLang       lang);
void         sc_explain_page_set_text     (ScExplainPage *self,
                                           const char    *text);
void         sc_explain_page_focus        (ScExplainPage *self);
void         sc_explain_page_load_file    (ScExplainPage *self,
                                           GFile         *file);

void         sc_explain_page_load_certificate (ScExplainPage *self,
                                               GFile         *file);
void         sc_explain_page_set_certificate  (ScExplainPage *self,
                                               GBytes        *certificate,
                                               const char    *name);
/* For tests: the explanation on show (NULL when there is none), and the status line. */
ScDiagnosis *sc_explain_page_get_diagnosis (ScExplainPage *self);
const char  *sc_explain_page_get_status    (ScExplainPage *self);
GtkWidget   *sc_explain_page_get_results   (ScExplainPage *self);

G_END_DECLS
