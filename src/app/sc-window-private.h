#pragma once

/* What the window's files share: the view history and the window's parts. sc-window.c keeps
 * the history and the layout; sc-window-views.c makes the pages and fills the current one;
 * sc-window-actions.c holds the window's actions. */

#include "sc-window.h"

#include "sc-capture-page.h"
#include "sc-explain-page.h"
#include "sc-rfc-page.h"
#include "sc-storage-banner.h"

G_BEGIN_DECLS

typedef enum { VIEW_EMPTY, VIEW_CODE, VIEW_COMPARE, VIEW_PROBE, VIEW_RFC, VIEW_EXPLAIN, VIEW_CAPTURE } ViewKind;

/* An RFC section id is at most a few levels deep ("9.1.3.3"); longer ones are refused. */
#define MAX_SECTION_ID 15

typedef struct {
  ViewKind kind;
  guint    a;                          /* the code, or the RFC number */
  guint    b;
  char     section[MAX_SECTION_ID + 1];
  gboolean from_list;                  /* opened from the list: on a folded window, Back returns there */
} View;

struct _ScWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkBox          *banner_box;
  ScStorageBanner *storage_banner;  /* made when the user database first needs it */
  AdwLeaflet      *leaflet;
  GtkWidget       *sidebar;
  GtkWidget       *content_pane;
  ScCodeList      *code_list;
  AdwWindowTitle  *content_title;
  GtkStack        *stack;
  GtkWidget       *empty_page;
  GtkImage        *empty_icon;
  GtkLabel        *empty_title;
  GtkLabel        *empty_description;
  ScCodePage      *code_page;
  ScComparePage   *compare_page;
  ScRfcPage       *rfc_page;
  GtkWidget       *favourite_button;
  ScProbePage     *probe_page;
  ScExplainPage   *explain_page;
  ScCapturePage   *capture_page;

  ScKbDatabase    *db;
  ScUserStore     *store;
  GSettings       *settings;
  GArray          *history;   /* of View; the last one is on screen */
  gboolean         opening_from_list;
  guint            narrow_idle;
  gboolean         narrow;
  gboolean         short_title;
  /* The header's title as it reads wide, and in a phone-sized window (where "481 Call/Transaction
   * Does Not Exist" would be cut to "481 Call/T…": the page says it in full anyway). */
  char            *title;
  char            *subtitle;
  char            *narrow_title;
};

View  *sc_window_current_view      (ScWindow   *self);
guint  sc_window_content_languages (ScWindow   *self,
                                    ScKbLang    langs[SC_KB_N_LANGS]);
void   sc_window_toast             (ScWindow   *self,
                                    const char *message);
void   sc_window_update_actions    (ScWindow   *self);
void   sc_window_render            (ScWindow   *self);
void   sc_window_apply_title       (ScWindow   *self);
ScCodePage    *sc_window_ensure_code_page    (ScWindow *self);
ScComparePage *sc_window_ensure_compare_page (ScWindow *self);
ScExplainPage *sc_window_ensure_explain_page (ScWindow *self);
ScCapturePage *sc_window_ensure_capture_page (ScWindow *self);
ScProbePage   *sc_window_ensure_probe_page   (ScWindow *self);
void   sc_window_add_actions       (ScWindow   *self);

G_END_DECLS
