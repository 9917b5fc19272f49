#pragma once

#include <adwaita.h>

#include "sc-capture-call.h"
#include "sc-kb-database.h"

G_BEGIN_DECLS

/* A capture opened in the app: every call, registration and ping with its outcome, filtered by
 * kind, outcome, final code and number; the selected one's ladder, each message explained. */
#define SC_TYPE_CAPTURE_PAGE (sc_capture_page_get_type ())
G_DECLARE_FINAL_TYPE (ScCapturePage, sc_capture_page, SC, CAPTURE_PAGE, AdwBin)

void        sc_capture_page_setup        (ScCapturePage *self,
                                          ScKbDatabase  *db);
void        sc_capture_page_set_language (ScCapturePage *self,
                                          ScKbLang       lang);
void        sc_capture_page_open         (ScCapturePage *self,
                                          GFile         *file);
void        sc_capture_page_cancel       (ScCapturePage *self);
/* "capture.pcap": the window's title. */
char       *sc_capture_page_dup_title    (ScCapturePage *self);

/* For tests: */
gboolean    sc_capture_page_is_loading   (ScCapturePage *self);
guint       sc_capture_page_get_n_calls  (ScCapturePage *self);
guint       sc_capture_page_get_n_shown  (ScCapturePage *self);
void        sc_capture_page_set_filters  (ScCapturePage *self,
                                          guint          kind,
                                          guint          outcome,
                                          const char    *code,
                                          const char    *number);
void        sc_capture_page_select       (ScCapturePage *self,
                                          guint          position);
gboolean    sc_capture_page_is_showing_call (ScCapturePage *self);
const char *sc_capture_page_get_summary  (ScCapturePage *self);
const char *sc_capture_page_get_details  (ScCapturePage *self);
GtkWidget  *sc_capture_page_get_findings (ScCapturePage *self);
guint       sc_capture_page_get_n_ladder_messages (ScCapturePage *self);
GtkWidget  *sc_capture_page_get_ladder   (ScCapturePage *self);

G_END_DECLS
