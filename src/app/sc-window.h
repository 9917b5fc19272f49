#pragma once

#include <adwaita.h>

#include "sc-storage-banner.h"

#include "sc-capture-page.h"
#include "sc-code-list.h"
#include "sc-code-page.h"
#include "sc-compare-page.h"
#include "sc-probe-page.h"

G_BEGIN_DECLS

#define SC_TYPE_WINDOW (sc_window_get_type ())
G_DECLARE_FINAL_TYPE (ScWindow, sc_window, SC, WINDOW, AdwApplicationWindow)

ScWindow      *sc_window_new              (GtkApplication *application,
                                           ScKbDatabase   *db,
                                           ScUserStore    *store,
                                           GSettings      *settings);
void           sc_window_show_code        (ScWindow       *self,
                                           guint           code);
void           sc_window_show_compare     (ScWindow       *self,
                                           guint           a,
                                           guint           b);
void           sc_window_show_rfc         (ScWindow       *self,
                                           guint           number,
                                           const char     *section);
void           sc_window_show_probe       (ScWindow       *self);
void           sc_window_show_explain     (ScWindow       *self);
void           sc_window_open_capture     (ScWindow       *self,
                                           GFile          *file);
void           sc_window_explain_file     (ScWindow       *self,
                                           GFile          *file);
void           sc_window_show_error       (ScWindow       *self,
                                           const char     *message);
const char    *sc_window_get_view_name    (ScWindow       *self);
ScCodeList    *sc_window_get_code_list    (ScWindow       *self);
ScCodePage    *sc_window_get_code_page    (ScWindow       *self);
ScComparePage *sc_window_get_compare_page (ScWindow       *self);
ScProbePage   *sc_window_get_probe_page   (ScWindow       *self);
ScCapturePage *sc_window_get_capture_page (ScWindow       *self);

void          sc_window_show_storage_problem (ScWindow     *self,
                                              const char   *path,
                                              const GError *error);
ScStorageBanner *sc_window_get_storage_banner (ScWindow    *self);

G_END_DECLS
