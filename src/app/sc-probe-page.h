#pragma once

#include <adwaita.h>

#include "sc-kb-database.h"
#include "sc-probe-form.h"
#include "sc-user-store.h"

G_BEGIN_DECLS

/* The live probe: the form, Send and Cancel, the exchange as it happens with every response
 * explained, the outcome, the history of probes and the certificates trusted by choice. */

#define SC_TYPE_PROBE_PAGE (sc_probe_page_get_type ())
G_DECLARE_FINAL_TYPE (ScProbePage, sc_probe_page, SC, PROBE_PAGE, GtkWidget)

GtkWidget   *sc_probe_page_new          (void);
void         sc_probe_page_setup        (ScProbePage  *self,
                                         ScKbDatabase *db,
                                         ScUserStore  *store);
void         sc_probe_page_set_language (ScProbePage  *self,
                                         ScKbLang      lang);
void         sc_probe_page_set_narrow   (ScProbePage  *self,
                                         gboolean      narrow);
void         sc_probe_page_send         (ScProbePage  *self);
void         sc_probe_page_cancel       (ScProbePage  *self);
gboolean     sc_probe_page_is_busy      (ScProbePage  *self);
ScProbeForm *sc_probe_page_get_form     (ScProbePage  *self);
void         sc_probe_page_focus        (ScProbePage  *self);

/* For tests: what a person reads on the page. */
GPtrArray   *sc_probe_page_get_timeline (ScProbePage  *self);
guint        sc_probe_page_get_final_status (ScProbePage *self);
char        *sc_probe_page_get_outcome_text (ScProbePage *self);
GtkListBox  *sc_probe_page_get_history_list (ScProbePage *self);
GtkListBox  *sc_probe_page_get_trusted_list (ScProbePage *self);
gboolean     sc_probe_page_can_trust    (ScProbePage  *self);
void         sc_probe_page_trust_rejected_certificate (ScProbePage *self);
gboolean     sc_probe_page_keyring_checked (ScProbePage *self);

G_END_DECLS
