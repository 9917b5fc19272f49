/* The main window under Xvfb: search in both languages, row activation, comparison, language
 * switch, favourites across a restart, a Japanese window. Real widgets, real SQLite. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "sc-code-list-row.h"
#include "sc-explain-page.h"
#include "sc-finding-row.h"
#include "sc-kb-database.h"
#include "sc-probe-history.h"
#include "sc-probe-page.h"
#include "sc-rfc-page.h"
#include "sc-test-capture.h"
#include "sc-sip-date.h"
#include "sc-stir-signer.h"
#include "sc-test-app.h"
#include "sc-tooltip.h"
#include "sc-user-store.h"
#include "sc-window.h"

typedef struct {
  ScKbDatabase *db;
  ScUserStore  *store;
  GSettings    *settings;
  ScWindow     *window;
  char         *user_db;
} Fixture;

static void
close_window (Fixture *f)
{
  sc_test_app_close_window (&f->window);
}

static ScWindow *
open_window (Fixture *f)
{
  ScWindow *window = sc_window_new (NULL, f->db, f->store, f->settings);

  gtk_window_present (GTK_WINDOW (window));
  sc_test_app_drain ();
  return window;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sc-app-XXXXXX", &error);

  g_assert_no_error (error);
  f->user_db = g_build_filename (dir, "user.db", NULL);
  f->db = sc_kb_database_open_default (&error);
  g_assert_no_error (error);
  f->store = sc_user_store_open (f->user_db, &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "content-language");
  f->window = open_window (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->user_db);
  const char *suffixes[] = { "", "-wal", "-shm" };

  close_window (f);
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  g_clear_object (&f->settings);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->user_db, suffixes[i], NULL);
      g_remove (path);
    }
  g_rmdir (dir);
  g_free (f->user_db);
}

static GArray *
search (Fixture    *f,
        const char *query)
{
  ScCodeList *list = sc_window_get_code_list (f->window);

  sc_code_list_set_query (list, query);
  sc_test_app_drain ();
  return sc_code_list_get_visible_codes (list);
}

static gboolean
contains (GArray *codes,
          guint   code,
          guint   within)
{
  for (guint i = 0; i < codes->len && i < within; i++)
    if (g_array_index (codes, guint, i) == code)
      return TRUE;
  return FALSE;
}

/* Activates the first row below the heading, through the list view's own action, as a click
 * or Enter on it does. */
static void
activate_first_row (Fixture *f)
{
  GtkWidget *list_view = sc_test_app_find_widget (GTK_WIDGET (sc_window_get_code_list (f->window)), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list_view);
  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 1));
  sc_test_app_drain ();
}

static void
test_search_english (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GArray) busy = search (f, "busy");
  g_autoptr(GArray) range = search (f, "48");

  g_assert_true (contains (busy, 486, 2));
  g_assert_true (contains (busy, 600, 2));
  g_assert_cmpuint (g_array_index (range, guint, 0), ==, 480);
  g_assert_true (contains (range, 489, range->len));
  g_assert_false (contains (range, 500, range->len));
}

static void
test_search_japanese (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GArray) auth = search (f, "認証");
  g_autoptr(GArray) busy = search (f, "話中");

  g_assert_true (contains (auth, 401, 5));
  g_assert_true (contains (auth, 407, 5));
  g_assert_cmpuint (g_array_index (busy, guint, 0), ==, 486);
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GArray) none = search (f, "zzqqxx");
  g_autoptr(GArray) all = NULL;

  g_assert_true (sc_code_list_is_empty_state (sc_window_get_code_list (f->window)));
  all = search (f, "");
  g_assert_cmpuint (all->len, ==, 80);
  g_assert_false (sc_code_list_is_empty_state (sc_window_get_code_list (f->window)));
}

static void
test_row_shows_page (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GArray) hits = search (f, "Use Identity Header");
  g_autofree char *text = NULL;

  activate_first_row (f);
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "code");
  g_assert_cmpuint (sc_kb_entry_get_code (sc_code_page_get_entry (sc_window_get_code_page (f->window))), ==, 428);
  text = sc_code_page_get_text (sc_window_get_code_page (f->window));
  g_assert_nonnull (strstr (text, "RFC 8224"));
  g_assert_nonnull (strstr (text, "Identityヘッダーが必要"));
}

static void
test_compare_typed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) rows = search (f, "200 vs 428");
  ScKbComparison *comparison;
  g_autofree char *text = NULL;

  g_assert_cmpuint (rows->len, ==, 1);
  activate_first_row (f);
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "compare");
  comparison = sc_compare_page_get_comparison (sc_window_get_compare_page (f->window));
  g_assert_cmpuint (sc_kb_entry_get_code (sc_kb_comparison_get_a (comparison)), ==, 200);
  g_assert_cmpuint (sc_kb_entry_get_code (sc_kb_comparison_get_b (comparison)), ==, 428);
  text = sc_compare_page_get_text (sc_window_get_compare_page (f->window));
  g_assert_nonnull (strstr (text, "200 OK"));
  g_assert_nonnull (strstr (text, "428 Use Identity Header"));
}

/* The first label below @root whose markup links to an RFC section, and the link. */
static gboolean
has_rfc_link (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), "href=\"rfc:") != NULL;
}

static GtkLabel *
find_rfc_link (GtkWidget  *root,
               char      **uri)
{
  GtkWidget *label = sc_test_app_find (root, has_rfc_link, NULL);
  const char *href;

  if (label == NULL)
    return NULL;
  href = strstr (gtk_label_get_label (GTK_LABEL (label)), "href=\"rfc:") + strlen ("href=\"");
  *uri = g_strndup (href, strchr (href, '"') - href);
  return GTK_LABEL (label);
}

static char *
rfc_page_text (Fixture *f)
{
  GtkWidget *page = sc_test_app_find_widget (GTK_WIDGET (f->window), SC_TYPE_RFC_PAGE);

  g_assert_nonnull (page);
  return sc_rfc_page_get_text (SC_RFC_PAGE (page));
}

/* Whether some label below @root links to @uri. */
static gboolean
has_href (GtkWidget     *widget,
          gconstpointer  href)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), href) != NULL;
}

static gboolean
links_to (GtkWidget  *root,
          const char *uri)
{
  g_autofree char *href = g_strdup_printf ("href=\"%s\"", uri);

  return sc_test_app_find (root, has_href, href) != NULL;
}

/* A citation opens its RFC section offline; links in it open the sections it names; Back
 * returns to the code. */
static void
test_rfc_offline (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *uri = NULL;
  g_autofree char *next_uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *followed = NULL;
  GtkLabel *link;
  gboolean handled = FALSE;

  sc_window_show_code (f->window, 408);
  sc_test_app_drain ();
  link = find_rfc_link (GTK_WIDGET (sc_window_get_code_page (f->window)), &uri);
  g_assert_nonnull (link);
  g_assert_cmpstr (uri, ==, "rfc:3261/21.4.9");   /* the first fact: "Defined in" */
  /* The text's own mentions link too ("RFC 3261 §16.8"), and RFCs we do not ship do not. */
  g_assert_true (links_to (GTK_WIDGET (sc_window_get_code_page (f->window)), "rfc:3261/16.8"));
  g_assert_false (links_to (GTK_WIDGET (sc_window_get_code_page (f->window)), "rfc:2914/"));
  g_signal_emit_by_name (link, "activate-link", uri, &handled);
  g_assert_true (handled);
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "rfc");
  text = rfc_page_text (f);
  g_assert_true (g_str_has_prefix (text, "RFC 3261 §21.4.9  408 Request Timeout\n"));
  g_assert_nonnull (strstr (text, "could not produce a response within a suitable amount of"));

  /* 6.2.2 refers to RFC 4474 and to sections of its own: follow a link. */
  sc_window_show_rfc (f->window, 8224, "6.2.2");
  sc_test_app_drain ();
  link = find_rfc_link (sc_test_app_find_widget (GTK_WIDGET (f->window), SC_TYPE_RFC_PAGE), &next_uri);
  g_assert_nonnull (link);
  g_signal_emit_by_name (link, "activate-link", next_uri, &handled);
  sc_test_app_drain ();
  followed = rfc_page_text (f);
  g_assert_false (g_str_equal (followed, text));
  g_assert_true (g_str_has_prefix (followed, "RFC "));

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "back", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "back", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "back", NULL);
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "code");

  /* An RFC we do not ship, or a section it lacks: a message, the page stays. */
  sc_window_show_rfc (f->window, 3261, "99.9");
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "code");
}

/* Search also finds RFC titles and section titles, after the codes; a row opens the RFC. */
static void
test_search_rfc_titles (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) codes = search (f, "Multiple Dialog Usages");
  g_autofree char *text = NULL;

  g_assert_cmpuint (codes->len, ==, 0);
  g_assert_false (sc_code_list_is_empty_state (sc_window_get_code_list (f->window)));
  activate_first_row (f);
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "rfc");
  text = rfc_page_text (f);
  g_assert_true (g_str_has_prefix (text, "RFC 5057"));   /* "RFC 5057 Contents", translated */
  g_assert_nonnull (strstr (text, "\nMultiple Dialog Usages in the Session Initiation Protocol\n"));
  g_assert_nonnull (strstr (text, "5.1  A Survey of the Effect of Failure Responses on Usages and Dialogs"));
}

/* Whether some label below @root is a Tab stop. */
static gboolean
is_focusable_label (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_focusable (widget);
}

static GtkWidget *
focusable_label (GtkWidget *root)
{
  return sc_test_app_find (root, is_focusable_label, NULL);
}

/* "Just type": text typed anywhere in the window goes to the search; Enter opens the best
 * match and the page takes the focus (not ★, which a second Enter would toggle); no paragraph
 * is a Tab stop, and nothing opens selected. */
static void
test_typing_and_focus (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *entry = sc_test_app_find_widget (GTK_WIDGET (sc_window_get_code_list (f->window)), GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *page, *focus;

  g_assert_true (sc_code_list_get_typing_capture (sc_window_get_code_list (f->window)) == GTK_WIDGET (f->window));
  g_array_unref (search (f, "busy here"));
  g_signal_emit_by_name (entry, "activate");
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "code");
  page = GTK_WIDGET (sc_window_get_code_page (f->window));
  g_assert_cmpuint (sc_kb_entry_get_code (sc_code_page_get_entry (SC_CODE_PAGE (page))), ==, 486);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, page));
  g_assert_false (GTK_IS_BUTTON (focus) || GTK_IS_TOGGLE_BUTTON (focus));
  g_assert_null (focusable_label (page));

  sc_window_show_rfc (f->window, 3261, "16.8");
  sc_test_app_drain ();
  g_assert_null (focusable_label (sc_test_app_find_widget (GTK_WIDGET (f->window), SC_TYPE_RFC_PAGE)));
}

/* Presses @keyval on @widget as its own key controller (the capture-phase one) sees it. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
      if (handled)
        break;
    }
  return handled;
}

/* Down (or Tab) in the search takes the focus to the first result's row, where the focus ring
 * shows, not to the list's scrolled window; Up from that row goes back to the search. */
static void
test_list_keyboard (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *list = GTK_WIDGET (sc_window_get_code_list (f->window));
  GtkWidget *entry = sc_test_app_find_widget (list, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *list_view = sc_test_app_find_widget (list, GTK_TYPE_LIST_VIEW);
  GtkWidget *focus;

  g_array_unref (search (f, "48"));
  gtk_widget_grab_focus (entry);
  g_assert_true (press_key (entry, GDK_KEY_Down));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_parent (focus) == list_view);
  g_assert_true (gtk_widget_is_focus (focus));
  /* The first row is the heading: the focus is on the one below it, 480. */
  g_assert_nonnull (sc_code_list_row_from_widget (gtk_widget_get_first_child (focus)));
  g_assert_cmpuint (sc_code_list_row_get_position (sc_code_list_row_from_widget (gtk_widget_get_first_child (focus))), ==, 1);
  g_assert_true (press_key (list_view, GDK_KEY_Up));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), entry));

  g_assert_true (press_key (entry, GDK_KEY_Tab));
  g_assert_true (gtk_widget_get_parent (gtk_root_get_focus (GTK_ROOT (f->window))) == list_view);
  /* Nothing matches: Down stays in the search. */
  g_array_unref (search (f, "zzzz"));
  gtk_widget_grab_focus (entry);
  g_assert_false (press_key (entry, GDK_KEY_Down));
}

/* The first button below @root that carries a code (a related code). */
static gboolean
carries_code (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "code") != NULL;
}

static GtkWidget *
related_button (GtkWidget *root)
{
  return sc_test_app_find (root, carries_code, NULL);
}

static GtkAdjustment *
page_adjustment (GtkWidget *page)
{
  GtkWidget *scroller = sc_test_app_find_widget (page, GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* A related code opens at the top of its page, not at the old page's scroll position. */
static void
test_related_opens_at_top (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (sc_window_get_code_page (f->window));
  GtkAdjustment *adjustment;
  GtkWidget *button;

  sc_window_show_code (f->window, 428);
  sc_test_app_drain ();
  page = GTK_WIDGET (sc_window_get_code_page (f->window));
  adjustment = page_adjustment (page);
  /* Scrolled down once the page is laid out: a slow renderer takes some frames (up to 10 s). */
  for (guint i = 0; i < 200 && gtk_adjustment_get_value (adjustment) <= 100.0; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (50 * 1000);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100.0);
  button = related_button (page);
  g_assert_nonnull (button);
  {
    /* Named in the content language (the interface's here): 「408 リクエストタイムアウト」. */
    guint code = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "code"));
    g_autoptr(ScKbEntry) related = sc_kb_database_lookup (f->db, code, NULL);
    g_autofree char *expected = g_strdup_printf ("%u %s", code, sc_kb_entry_get_text (related, sc_kb_lang_from_locale ())->name);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, expected);
  }
  gtk_widget_grab_focus (button);
  g_signal_emit_by_name (button, "clicked");
  sc_test_app_drain ();
  g_assert_cmpuint (sc_kb_entry_get_code (sc_code_page_get_entry (SC_CODE_PAGE (page))), !=, 428);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0.0);
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  action)
{
  return GTK_IS_ACTIONABLE (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static GtkWidget *
action_button (GtkWidget  *root,
               const char *action)
{
  return sc_test_app_find (root, has_action, action);
}

/* ★ says what it will do and looks different in its two states; it is shown only on a code. */
static void
test_favourite_button (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *star = action_button (GTK_WIDGET (f->window), "win.favourite");

  g_assert_nonnull (star);
  sc_window_show_code (f->window, 487);
  sc_test_app_drain ();
  g_assert_true (gtk_widget_get_visible (star));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (star)), ==, "sc-non-starred-symbolic");
  g_assert_cmpstr (sc_tooltip_get (star), ==, _("Add to Favourites"));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "favourite", NULL);
  sc_test_app_drain ();
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (star)), ==, "sc-starred-symbolic");
  g_assert_cmpstr (sc_tooltip_get (star), ==, _("Remove from Favourites"));
  sc_window_show_rfc (f->window, 3261, "");
  sc_test_app_drain ();
  g_assert_false (gtk_widget_get_visible (star));
  sc_window_show_probe (f->window);
  sc_test_app_drain ();
  g_assert_false (gtk_widget_get_visible (star));
  /* An empty history says what it will hold (the list's placeholder was removed with its rows). */
  {
    GtkWidget *history = sc_test_app_find_widget (GTK_WIDGET (sc_window_get_probe_page (f->window)), SC_TYPE_PROBE_HISTORY);
    GtkWidget *placeholder = sc_test_app_find_widget (GTK_WIDGET (sc_probe_history_get_list (SC_PROBE_HISTORY (history))),
                                                      GTK_TYPE_LABEL);
    g_assert_nonnull (placeholder);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (placeholder)), ==, _("Probes you send are listed here."));
    g_assert_true (gtk_widget_get_mapped (placeholder));
  }
  /* Enter in the probe's target sends it: the Send button is the window's default there. */
  g_assert_nonnull (gtk_window_get_default_widget (GTK_WINDOW (f->window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_default_widget (GTK_WINDOW (f->window)),
                                         GTK_WIDGET (sc_window_get_probe_page (f->window))));
  sc_window_show_code (f->window, 486);
  sc_test_app_drain ();
  g_assert_null (gtk_window_get_default_widget (GTK_WINDOW (f->window)));
}

/* Runs the main loop until @leaflet is folded or not (a new size takes some frames). */
static void
wait_folded (AdwLeaflet *leaflet,
             gboolean    folded)
{
  for (guint i = 0; i < 200 && adw_leaflet_get_folded (leaflet) != folded; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (50 * 1000);
    }
  g_assert_true (adw_leaflet_get_folded (leaflet) == folded);
}

/* At 360 px Back returns to the list from a page opened there, after stepping back through
 * the pages opened from it. */
static gboolean
is_window_title_with (GtkWidget     *widget,
                      gconstpointer  data)
{
  return ADW_IS_WINDOW_TITLE (widget) && g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), data) == 0
         && g_strcmp0 (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)), "") == 0;
}

static void
test_back_when_narrow (Fixture       *f,
                       gconstpointer  data)
{
  AdwLeaflet *leaflet;
  GtkWidget *page, *button;
  guint opened;

  close_window (f);
  g_settings_set_int (f->settings, "window-width", 360);
  g_settings_set_int (f->settings, "window-height", 640);
  f->window = open_window (f);
  leaflet = ADW_LEAFLET (sc_test_app_find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  wait_folded (leaflet, TRUE);

  g_array_unref (search (f, "busy"));
  activate_first_row (f);
  page = GTK_WIDGET (sc_window_get_code_page (f->window));
  opened = sc_kb_entry_get_code (sc_code_page_get_entry (SC_CODE_PAGE (page)));
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == sc_test_app_find_widget (GTK_WIDGET (f->window), SC_TYPE_CODE_LIST) ||
                  gtk_widget_is_ancestor (sc_test_app_find_widget (GTK_WIDGET (f->window), SC_TYPE_CODE_LIST),
                                          adw_leaflet_get_visible_child (leaflet)));
  {
    /* The header says only the code: "486 Busy Here" would be cut short at this width. */
    g_autofree char *number = g_strdup_printf ("%u", opened);

    g_assert_nonnull (sc_test_app_find (GTK_WIDGET (f->window), is_window_title_with, number));
  }
  button = related_button (page);
  g_signal_emit_by_name (button, "clicked");
  sc_test_app_drain ();
  g_assert_cmpuint (sc_kb_entry_get_code (sc_code_page_get_entry (SC_CODE_PAGE (page))), !=, opened);

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "back", NULL);
  sc_test_app_drain ();
  g_assert_cmpuint (sc_kb_entry_get_code (sc_code_page_get_entry (SC_CODE_PAGE (page))), ==, opened);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "back", NULL);
  sc_test_app_drain ();
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (sc_window_get_code_list (f->window)),
                                         adw_leaflet_get_visible_child (leaflet)));

  /* Another code from the list: Back returns to the list, not to the code seen before. */
  g_array_unref (search (f, "decline"));
  activate_first_row (f);
  g_assert_cmpuint (sc_kb_entry_get_code (sc_code_page_get_entry (SC_CODE_PAGE (page))), !=, opened);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "back", NULL);
  sc_test_app_drain ();
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (sc_window_get_code_list (f->window)),
                                         adw_leaflet_get_visible_child (leaflet)));
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
}

static gboolean
capture_loaded (gpointer data)
{
  return !sc_capture_page_is_loading (data);
}

static void
wait_loaded (ScCapturePage *page)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!capture_loaded (page))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the capture never finished loading");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  sc_test_app_drain ();
}

static gboolean
is_finding_row_to (GtkWidget     *widget,
                   gconstpointer  data)
{
  return SC_IS_FINDING_ROW (widget) && g_strcmp0 (sc_finding_row_get_link (SC_FINDING_ROW (widget)), data) == 0;
}

#define PHONE_WIDTH 360

/* The first widget, in @root, whose right edge lies past @right (drawn beyond the window), or
 * a scrolled window whose content is wider than it (to be scrolled sideways). */
static GtkWidget *
overflowing (GtkWidget *root,
             GtkWidget *widget,
             double     right)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      GtkWidget *found;

      /* Gizmos are GTK's own internals (scrollbar sliders, handles), placed as GTK means them. */
      if (!gtk_widget_get_mapped (child) || g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkGizmo") ||
          !gtk_widget_compute_bounds (child, root, &bounds))
        continue;
      /* A pixel of slack: libadwaita 1.2's folded leaflet sets its pages' header bar one pixel
       * over the edge, which nobody sees; a squeezed layout is tens of pixels over. */
      if (bounds.origin.x + bounds.size.width > right + 1.5)
        return child;
      /* A table or a diagram wider than a phone is read by scrolling it, as such views are. */
      if (GTK_IS_SCROLLED_WINDOW (child) && gtk_widget_has_css_class (child, "scrolls-sideways"))
        continue;
      if (GTK_IS_SCROLLED_WINDOW (child))
        {
          /* Scrolling sideways to read a page is an overflow too. */
          GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (child));

          if (gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h) > 1.5)
            return child;
        }
      if ((found = overflowing (root, child, right)) != NULL)
        return found;
    }
  return NULL;
}

static void
assert_fits (Fixture    *f,
             const char *view)
{
  GtkWidget *root = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window)), *bad;

  for (int i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  sc_test_app_drain ();
  /* Without a window manager a window grows to what its content needs: that is the overflow. */
  if (gtk_widget_get_width (root) > PHONE_WIDTH + 1)
    g_error ("%s needs %d px: wider than a %d px phone", view, gtk_widget_get_width (root), PHONE_WIDTH);
  bad = overflowing (root, root, PHONE_WIDTH);
  if (bad != NULL)
    {
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);

      if (!gtk_widget_compute_bounds (bad, root, &bounds))
        g_error ("%s: a %s overflows", view, G_OBJECT_TYPE_NAME (bad));
      if (GTK_IS_SCROLLED_WINDOW (bad))
        g_error ("%s at %d px: a scrolled window's content is wider than it: it scrolls sideways", view,
                 gtk_widget_get_width (root));
      g_error ("%s at %d px: a %s (%s) reaches x = %.0f", view, gtk_widget_get_width (root), G_OBJECT_TYPE_NAME (bad),
               GTK_IS_LABEL (bad) ? gtk_label_get_text (GTK_LABEL (bad)) : "", bounds.origin.x + bounds.size.width);
    }
}

/* At phone width nothing is drawn past the window's edge nor scrolls sideways: the flagship
 * page, a curated comparison, the explain view with a failure, the probe with signing on. */
static void
test_fits_phone_width (Fixture       *f,
                       gconstpointer  data)
{
  AdwLeaflet *leaflet;
  GtkWidget *page;

  close_window (f);
  g_settings_set_int (f->settings, "window-width", PHONE_WIDTH);
  g_settings_set_int (f->settings, "window-height", 720);
  f->window = open_window (f);
  leaflet = ADW_LEAFLET (sc_test_app_find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  wait_folded (leaflet, TRUE);

  sc_window_show_code (f->window, 428);
  assert_fits (f, "the page of 428");
  sc_window_show_compare (f->window, 437, 438);
  assert_fits (f, "the comparison of 437 and 438");
  sc_window_show_explain (f->window);
  page = sc_test_app_find_widget (GTK_WIDGET (f->window), SC_TYPE_EXPLAIN_PAGE);
  sc_explain_page_set_text (SC_EXPLAIN_PAGE (page),
                            "SIP/2.0 503 Service Unavailable\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1\r\n"
                            "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.net>;tag=9\r\n"
                            "Call-ID: c1@192.0.2.10\r\nCSeq: 1 INVITE\r\nRetry-After: 120\r\n"
                            "Reason: Q.850;cause=34;text=\"No circuit/channel available\"\r\n\r\n");
  assert_fits (f, "the explain view");
  sc_window_show_probe (f->window);
  sc_probe_signing_set (sc_probe_form_get_signing (sc_probe_page_get_form (sc_window_get_probe_page (f->window))),
                        "https://cert.example.org/c.pem", "B", NULL, NULL);
  assert_fits (f, "the probe with signing on");
  {
    g_autofree char *path = sc_test_capture_write_calls ();
    g_autoptr(GFile) file = g_file_new_for_path (path);

    sc_window_open_capture (f->window, file);
    wait_loaded (sc_window_get_capture_page (f->window));
    sc_capture_page_select (sc_window_get_capture_page (f->window), 1);
    assert_fits (f, "the capture view");
    sc_test_capture_cleanup ();
  }
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
}

static guint
shown_code (GListModel *rows,
            guint       position)
{
  g_autoptr(ScCaptureCall) call = g_list_model_get_item (rows, position);

  return sc_capture_call_get_final_code (call);
}

/* A click on a column's header sorts the calls by it (the Outcome column by final code), back
 * and forth; the Time column puts them back in the order they began. */
static void
assert_capture_sorting (ScCapturePage *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (sc_test_app_find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(GtkColumnViewColumn) time = g_list_model_get_item (columns, 0);
  g_autoptr(GtkColumnViewColumn) outcome = g_list_model_get_item (columns, 4);
  guint n = g_list_model_get_n_items (rows);

  g_assert_cmpstr (gtk_column_view_column_get_title (outcome), ==, _("Outcome"));
  gtk_column_view_sort_by_column (view, outcome, GTK_SORT_DESCENDING);
  sc_test_app_drain ();
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (shown_code (rows, i - 1), >=, shown_code (rows, i));
  g_assert_cmpuint (shown_code (rows, 0), >, shown_code (rows, n - 1));
  gtk_column_view_sort_by_column (view, outcome, GTK_SORT_ASCENDING);
  sc_test_app_drain ();
  g_assert_cmpuint (shown_code (rows, 0), <, shown_code (rows, n - 1));
  gtk_column_view_sort_by_column (view, time, GTK_SORT_ASCENDING);
  sc_test_app_drain ();
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(ScCaptureCall) before = g_list_model_get_item (rows, i - 1);
      g_autoptr(ScCaptureCall) after = g_list_model_get_item (rows, i);

      g_assert_cmpint (sc_capture_call_get_start_time (before), <=, sc_capture_call_get_start_time (after));
    }
}

/* Ctrl+O's capture view on a capture the test writes: every call listed with its outcome, the
 * counts on top, filters by failures, code and number, the selected failure explained, and a
 * finding about its code opening that code's page. */
static void
test_capture_view (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = sc_test_capture_write_calls ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ScCapturePage *page;
  GtkWidget *row;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "open-capture"));
  sc_window_open_capture (f->window, file);
  page = sc_window_get_capture_page (f->window);
  g_assert_nonnull (page);
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "capture");
  wait_loaded (page);
  g_assert_cmpuint (sc_capture_page_get_n_calls (page), ==, 5);
  g_assert_cmpuint (sc_capture_page_get_n_shown (page), ==, 5);
  g_assert_nonnull (strstr (sc_capture_page_get_summary (page), "3"));
  assert_capture_sorting (page);

  sc_capture_page_set_filters (page, 0, 1, NULL, NULL);    /* failures */
  g_assert_cmpuint (sc_capture_page_get_n_shown (page), ==, 3);
  sc_capture_page_set_filters (page, 1, 0, "486", NULL);   /* calls whose final code is 486 */
  g_assert_cmpuint (sc_capture_page_get_n_shown (page), ==, 1);
  sc_capture_page_set_filters (page, 0, 0, NULL, "+81 3 9999 9999");
  g_assert_cmpuint (sc_capture_page_get_n_shown (page), ==, 1);
  sc_capture_page_set_filters (page, 0, 0, "486", NULL);
  sc_capture_page_select (page, 0);
  sc_test_app_drain ();
  g_assert_true (sc_capture_page_is_showing_call (page));
  g_assert_nonnull (strstr (sc_capture_page_get_details (page), "486"));
  row = sc_test_app_find (sc_capture_page_get_findings (page), is_finding_row_to, "code:486");
  g_assert_nonnull (row);
  g_assert_nonnull (sc_test_app_find (sc_capture_page_get_findings (page), is_finding_row_to, "q850:17"));
  /* The ladder: the call's three messages read again from the file; the INVITE shown on demand. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (sc_capture_page_get_n_ladder_messages (page) == 0)
      {
        if (g_get_monotonic_time () > deadline)
          g_error ("the ladder never got the call's messages");
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    sc_test_app_drain ();
    g_assert_cmpuint (sc_capture_page_get_n_ladder_messages (page), ==, 3);
    g_assert_true (gtk_widget_get_mapped (sc_capture_page_get_ladder (page)));
    g_signal_emit_by_name (sc_capture_page_get_ladder (page), "message-activated", 0);
    sc_test_app_drain ();
    g_assert_null (sc_test_app_find (sc_capture_page_get_findings (page), is_finding_row_to, "q850:17"));
    g_signal_emit_by_name (sc_capture_page_get_ladder (page), "message-activated", 1);
    sc_test_app_drain ();
    row = sc_test_app_find (sc_capture_page_get_findings (page), is_finding_row_to, "code:486");
  }
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "code");
  g_assert_cmpuint (sc_kb_entry_get_code (sc_code_page_get_entry (sc_window_get_code_page (f->window))), ==, 486);

  /* Not a capture: said on the page, the window keeps working. */
  {
    g_autofree char *text = g_build_filename (sc_test_capture_dir (), "notes.pcap", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (text);

    g_assert_true (g_file_set_contents (text, "hello\n", -1, NULL));
    sc_window_open_capture (f->window, bad);
    wait_loaded (page);
    g_assert_cmpuint (sc_capture_page_get_n_calls (page), ==, 0);
  }
  sc_test_capture_cleanup ();
}

/* At start the list holds back the rows below the screen until it has a size: they all come. */
static void
test_list_fills (Fixture       *f,
                 gconstpointer  data)
{
  GArray *all = sc_kb_database_get_codes (f->db);
  g_autoptr(GArray) listed = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_clear_pointer (&listed, g_array_unref);
      listed = sc_code_list_get_visible_codes (sc_window_get_code_list (f->window));
      if (listed->len >= all->len)
        break;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (50 * 1000);
    }
  g_assert_cmpuint (listed->len, ==, all->len);   /* no favourites or recents in a new store */
  g_assert_cmpuint (g_array_index (listed, guint, listed->len - 1), ==, g_array_index (all, guint, all->len - 1));
}

/* Ctrl+K on a code with curated partners compares it with one of them. */
static void
test_compare_with_partner (Fixture       *f,
                           gconstpointer  data)
{
  ScKbComparison *comparison;

  sc_window_show_code (f->window, 428);
  sc_test_app_drain ();
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "compare-with", NULL);
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "compare");
  comparison = sc_compare_page_get_comparison (sc_window_get_compare_page (f->window));
  g_assert_true (sc_kb_comparison_is_curated (comparison));
}

/* A code picker opens scrolled to the code it shows, with the focus in its search. */
static void
test_compare_picker (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page, *picker, *popover, *list, *focus;
  GtkAdjustment *adjustment;

  sc_window_show_compare (f->window, 486, 600);
  sc_test_app_drain ();
  page = GTK_WIDGET (sc_window_get_compare_page (f->window));
  picker = sc_test_app_find_widget (page, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (picker);
  /* Its button, as a click on it (GTK 4.8's drop-down has no "activate" yet). */
  g_signal_emit_by_name (sc_test_app_find_widget (picker, GTK_TYPE_BUTTON), "clicked");
  sc_test_app_drain ();
  popover = sc_test_app_find_widget (picker, GTK_TYPE_POPOVER);
  g_assert_true (gtk_widget_get_mapped (popover));
  focus = gtk_root_get_focus (gtk_widget_get_root (popover));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, sc_test_app_find_widget (popover, GTK_TYPE_SEARCH_ENTRY)));
  list = sc_test_app_find_widget (popover, GTK_TYPE_LIST_VIEW);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  /* It scrolls on the first frame that gives the list a size: frames come at the display's pace. */
  for (int i = 0; i < 100 && gtk_adjustment_get_value (adjustment) == 0; i++)
    {
      g_usleep (10000);
      sc_test_app_drain ();
    }
  /* 486 is far down the list of every code: the list has scrolled to it. */
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  gtk_popover_popdown (GTK_POPOVER (popover));
  sc_test_app_drain ();
}


/* Ctrl+E: a pasted failure explained line by line; a finding about a code opens its page. */
static void
test_explain_view (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *page, *row;
  ScDiagnosis *diagnosis;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "explain", NULL);
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "explain");
  page = sc_test_app_find_widget (GTK_WIDGET (f->window), SC_TYPE_EXPLAIN_PAGE);
  g_assert_nonnull (page);
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (f->window))));

  sc_explain_page_set_text (SC_EXPLAIN_PAGE (page),
                            "SIP/2.0 480 Temporarily Unavailable\r\n"
                            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1\r\n"
                            "From: <sip:alice@example.com>;tag=1\r\n"
                            "To: <sip:bob@example.net>;tag=9\r\n"
                            "Call-ID: c1@192.0.2.10\r\n"
                            "CSeq: 1 INVITE\r\n"
                            "Reason: Q.850;cause=18\r\n\r\n");
  sc_test_app_drain ();
  diagnosis = sc_explain_page_get_diagnosis (SC_EXPLAIN_PAGE (page));
  g_assert_nonnull (diagnosis);
  g_assert_cmpuint (sc_diagnosis_get_n_messages (diagnosis), ==, 1);
  g_assert_nonnull (sc_test_app_find (sc_explain_page_get_results (SC_EXPLAIN_PAGE (page)), is_finding_row_to, "q850:18"));
  row = sc_test_app_find (sc_explain_page_get_results (SC_EXPLAIN_PAGE (page)), is_finding_row_to, "code:480");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "code");
  g_assert_cmpuint (sc_kb_entry_get_code (sc_code_page_get_entry (sc_window_get_code_page (f->window))), ==, 480);

  /* Text with no SIP in it says so, and shows nothing. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "explain", NULL);
  sc_test_app_drain ();
  sc_explain_page_set_text (SC_EXPLAIN_PAGE (page), "hello\nworld\n");
  g_assert_null (sc_explain_page_get_diagnosis (SC_EXPLAIN_PAGE (page)));
  g_assert_nonnull (strstr (sc_explain_page_get_status (SC_EXPLAIN_PAGE (page)), "SIP"));
  g_assert_null (gtk_widget_get_first_child (sc_explain_page_get_results (SC_EXPLAIN_PAGE (page))));
}

static void
run_openssl (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);

  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
}

static const ScDiagnosisFinding *
identity_finding (ScExplainPage *page)
{
  ScDiagnosis *diagnosis = sc_explain_page_get_diagnosis (page);
  const ScDiagnosisMessage *m = diagnosis ? sc_diagnosis_get_message (diagnosis, 0) : NULL;

  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    if (g_strcmp0 (((ScDiagnosisFinding *) m->findings->pdata[i])->link, "header:identity") == 0)
      return m->findings->pdata[i];
  return NULL;
}

/* Waits, the main loop running, until the Identity finding's detail ends with @suffix. */
static void
wait_identity_detail (ScExplainPage *page,
                      const char    *suffix)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  const ScDiagnosisFinding *f;

  while ((f = identity_finding (page)) == NULL || f->detail == NULL || !g_str_has_suffix (f->detail, suffix))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the Identity finding never ended with “%s” (it says “%s”)", suffix, f && f->detail ? f->detail : "nothing");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  sc_test_app_drain ();
}

/* A signed INVITE pasted: decoded; with the signer's certificate chosen its signature is
 * checked (another certificate: a 438 finding); a key chosen as certificate changes nothing. */
static void
test_explain_identity (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("sc-app-identity-XXXXXX", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL), *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *other_key = g_build_filename (dir, "other-key.pem", NULL), *other_cert = g_build_filename (dir, "other.pem", NULL);
  g_autofree char *contents = NULL, *identity = NULL, *invite = NULL, *date = NULL;
  g_autoptr(GFile) cert_file = g_file_new_for_path (cert_path);
  g_autoptr(GFile) other_file = g_file_new_for_path (other_cert);
  g_autoptr(GFile) key_file = g_file_new_for_path (key_path);
  g_autoptr(GBytes) key = NULL;
  g_autoptr(ScStirSigner) signer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  ScSipIdentityRequest request = { .method = "INVITE", .from_uri = "sip:+81312345678@example.com",
                                   .to_uri = "sip:+81501234567@example.net", .date_unix = now };
  ScExplainPage *page;
  gsize len;

  run_openssl ((const char *[]) { "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key_path, NULL });
  run_openssl ((const char *[]) { "openssl", "req", "-new", "-x509", "-key", key_path, "-out", cert_path, "-days", "2",
                                  "-subj", "/CN=app", NULL });
  run_openssl ((const char *[]) { "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", other_key, NULL });
  run_openssl ((const char *[]) { "openssl", "req", "-new", "-x509", "-key", other_key, "-out", other_cert, "-days", "2",
                                  "-subj", "/CN=other", NULL });
  g_assert_true (g_file_get_contents (key_path, &contents, &len, NULL));
  key = g_bytes_new_take (g_steal_pointer (&contents), len);
  signer = sc_stir_signer_new (key, "https://cert.example.org/c.pem", "A", &error);
  g_assert_no_error (error);
  identity = sc_sip_identity_signer_sign (SC_SIP_IDENTITY_SIGNER (signer), &request, &error);
  g_assert_no_error (error);
  date = sc_sip_date_format (now);
  invite = g_strdup_printf ("INVITE sip:+81501234567@example.net SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.10;branch=z9hG4bK1\r\n"
                            "From: <sip:+81312345678@example.com>;tag=1\r\nTo: <sip:+81501234567@example.net>\r\n"
                            "Call-ID: c1@192.0.2.10\r\nCSeq: 1 INVITE\r\nDate: %s\r\nIdentity: %s\r\n\r\n", date, identity);

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "explain", NULL);
  sc_test_app_drain ();
  page = SC_EXPLAIN_PAGE (sc_test_app_find_widget (GTK_WIDGET (f->window), SC_TYPE_EXPLAIN_PAGE));
  sc_explain_page_set_text (page, invite);
  sc_test_app_drain ();
  g_assert_nonnull (identity_finding (page));
  g_assert_nonnull (strstr (identity_finding (page)->detail, "attest=A"));
  g_assert_null (sc_test_app_find (sc_explain_page_get_results (page), is_finding_row_to, "code:438"));

  sc_explain_page_load_certificate (page, other_file);
  wait_identity_detail (page, sc_kb_database_term (f->db, "Label", "identity-not-signed", sc_kb_lang_from_locale ()));
  g_assert_nonnull (sc_test_app_find (sc_explain_page_get_results (page), is_finding_row_to, "code:438"));

  sc_explain_page_load_certificate (page, cert_file);
  wait_identity_detail (page, sc_kb_database_term (f->db, "Label", "identity-signed", sc_kb_lang_from_locale ()));
  g_assert_null (sc_test_app_find (sc_explain_page_get_results (page), is_finding_row_to, "code:438"));

  /* A key is not a certificate: refused, the one chosen before stays. */
  sc_explain_page_load_certificate (page, key_file);
  for (int i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  sc_test_app_drain ();
  g_assert_true (g_str_has_suffix (identity_finding (page)->detail,
                                   sc_kb_database_term (f->db, "Label", "identity-signed", sc_kb_lang_from_locale ())));
  g_remove (key_path);
  g_remove (cert_path);
  g_remove (other_key);
  g_remove (other_cert);
  g_rmdir (dir);
}

static void
test_language_switch (Fixture       *f,
                      gconstpointer  data)
{
  ScCodePage *page = sc_window_get_code_page (f->window);
  g_autofree char *en = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *both = NULL;

  sc_window_show_code (f->window, 486);
  g_settings_set_enum (f->settings, "content-language", 1);
  sc_test_app_drain ();
  en = sc_code_page_get_text (page);
  g_settings_set_enum (f->settings, "content-language", 2);
  sc_test_app_drain ();
  ja = sc_code_page_get_text (page);
  g_settings_set_enum (f->settings, "content-language", 3);
  sc_test_app_drain ();
  both = sc_code_page_get_text (page);

  g_assert_nonnull (strstr (en, "How to fix it"));
  g_assert_null (strstr (en, "解決方法"));
  g_assert_nonnull (strstr (ja, "解決方法"));
  g_assert_null (strstr (ja, "How to fix it"));
  g_assert_nonnull (strstr (both, "解決方法"));
  g_assert_nonnull (strstr (both, "How to fix it"));
}

static void
test_favourite_survives_restart (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) listed = NULL;

  sc_window_show_code (f->window, 486);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "favourite", NULL);
  sc_test_app_drain ();

  /* A restart: the window, the user database connection and all, then again from the file. */
  close_window (f);
  g_clear_object (&f->store);
  f->store = sc_user_store_open (f->user_db, &error);
  g_assert_no_error (error);
  f->window = open_window (f);

  listed = sc_code_list_get_visible_codes (sc_window_get_code_list (f->window));
  g_assert_true (sc_user_store_is_favourite (f->store, 486));
  g_assert_cmpuint (g_array_index (listed, guint, 0), ==, 486);
}

/* A damaged user database: the window says so and what it means, the file is left as it was
 * until the user asks to move it aside; then it is kept under a name of its own and a new one
 * takes favourites again. Before, only stderr knew. */
static void
test_damaged_user_database (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->user_db);
  g_autofree char *before = NULL, *kept = NULL, *backup = NULL;
  gsize kept_len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  ScStorageBanner *banner;
  const char *name;

  close_window (f);
  g_clear_object (&f->store);
  before = g_strnfill (16384, 'x');   /* not an SQLite file at all */
  g_assert_true (g_file_set_contents (f->user_db, before, 16384, NULL));
  f->store = sc_user_store_open (f->user_db, &error);
  g_assert_null (f->store);
  f->window = open_window (f);
  sc_window_show_storage_problem (f->window, f->user_db, error);
  sc_test_app_drain ();
  banner = sc_window_get_storage_banner (f->window);
  g_assert_true (sc_storage_banner_is_shown (banner));
  g_assert_cmpstr (sc_storage_banner_get_message (banner), ==, error->message);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "favourite"));

  sc_storage_banner_start_afresh (banner);
  sc_test_app_drain ();
  g_assert_false (sc_storage_banner_is_shown (banner));
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "user.db.damaged-"))
      backup = g_build_filename (dir, name, NULL);
  g_assert_nonnull (backup);
  g_assert_true (g_file_get_contents (backup, &kept, &kept_len, NULL));
  g_assert_cmpuint (kept_len, ==, 16384);
  g_assert_true (memcmp (kept, before, kept_len) == 0);
  sc_window_show_code (f->window, 486);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "favourite"));
  g_remove (backup);
}

/* Run with LANGUAGE=ja by the second meson test: the window itself speaks Japanese. */
static void
test_interface_language (Fixture       *f,
                         gconstpointer  data)
{
  gboolean japanese = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "ja");
  g_autofree char *text = NULL;

  sc_window_show_code (f->window, 428);
  sc_test_app_drain ();
  text = sc_code_page_get_text (sc_window_get_code_page (f->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, japanese ? "SIPコード" : "SIP Codes");
  g_assert_nonnull (strstr (text, japanese ? "このコードが表示される場合" : "When you see this code"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SIP_CODES_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add ("/sc/app/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("search-english", test_search_english);
  ADD ("search-japanese", test_search_japanese);
  ADD ("empty-state", test_empty_state);
  ADD ("row-shows-page", test_row_shows_page);
  ADD ("compare-typed", test_compare_typed);
  ADD ("rfc-offline", test_rfc_offline);
  ADD ("compare-with-partner", test_compare_with_partner);
  ADD ("compare-picker", test_compare_picker);
  ADD ("explain-view", test_explain_view);
  ADD ("explain-identity", test_explain_identity);
  ADD ("fits-phone-width", test_fits_phone_width);
  ADD ("capture-view", test_capture_view);
  ADD ("search-rfc-titles", test_search_rfc_titles);
  ADD ("typing-and-focus", test_typing_and_focus);
  ADD ("list-keyboard", test_list_keyboard);
  ADD ("related-opens-at-top", test_related_opens_at_top);
  ADD ("favourite-button", test_favourite_button);
  ADD ("back-when-narrow", test_back_when_narrow);
  ADD ("list-fills", test_list_fills);
  ADD ("language-switch", test_language_switch);
  ADD ("favourite-survives-restart", test_favourite_survives_restart);
  ADD ("interface-language", test_interface_language);
  ADD ("damaged-user-database", test_damaged_user_database);
#undef ADD
  return g_test_run ();
}
