#define G_LOG_DOMAIN "sc-window"

#include "config.h"

#include "sc-window.h"
#include "sc-window-private.h"

#include "sc-storage-banner.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-content-language.h"
#include "sc-explain-page.h"
#include "sc-pane.h"
#include "sc-rfc-page.h"
#include "sc-tooltip.h"

/* Content narrower than this stacks side-by-side columns. */
#define NARROW_CONTENT_WIDTH 640
#define SIDEBAR_WIDTH 300
/* Below this, the header shows a code's number, not "481 Call/Transaction Does Not Exist". */
#define SHORT_TITLE_CONTENT_WIDTH 480

G_DEFINE_FINAL_TYPE (ScWindow, sc_window, ADW_TYPE_APPLICATION_WINDOW)

guint
sc_window_content_languages (ScWindow *self,
                   ScKbLang  langs[SC_KB_N_LANGS])
{
  return sc_content_language_resolve (g_settings_get_enum (self->settings, "content-language"), langs);
}

void
sc_window_toast (ScWindow   *self,
                 const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

View *
sc_window_current_view (ScWindow *self)
{
  return self->history->len ? &g_array_index (self->history, View, self->history->len - 1) : NULL;
}

void
sc_window_update_actions (ScWindow *self)
{
  View *view = sc_window_current_view (self);
  gboolean on_code = view != NULL && view->kind == VIEW_CODE;
  GAction *favourite = g_action_map_lookup_action (G_ACTION_MAP (self), "favourite");
  gboolean starred = on_code && self->store != NULL && sc_user_store_is_favourite (self->store, view->a);
  const char *tip = starred ? _("Remove from Favourites") : _("Add to Favourites");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (favourite), on_code && self->store != NULL);
  g_simple_action_set_state (G_SIMPLE_ACTION (favourite), g_variant_new_boolean (starred));
  /* The two states look different, and the star is there only where it means something. */
  gtk_widget_set_visible (self->favourite_button, on_code);
  gtk_button_set_icon_name (GTK_BUTTON (self->favourite_button), starred ? "sc-starred-symbolic" : "sc-non-starred-symbolic");
  sc_tooltip_set (self->favourite_button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->favourite_button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "compare-with")), on_code);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "copy-markdown")),
                               view != NULL && (view->kind == VIEW_CODE || view->kind == VIEW_COMPARE));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "back")),
                               self->history->len > 1 || adw_leaflet_get_folded (self->leaflet));
}

/* The first focusable scrolled window of @widget: a page's content. */
static GtkWidget *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_focusable (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_scroller (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A page opened from the list, a link or a button takes the focus: the arrow keys scroll it,
 * and a second Enter does not land on whatever the header bar offers first (★). */
static void
focus_content (ScWindow *self)
{
  View *view = sc_window_current_view (self);
  GtkWidget *scroller;

  if (view == NULL || view->kind == VIEW_PROBE || view->kind == VIEW_EMPTY)
    return;
  scroller = find_scroller (gtk_stack_get_visible_child (self->stack));
  if (scroller != NULL)
    gtk_widget_grab_focus (scroller);
}

static void
push_view (ScWindow *self,
           View      view)
{
  View *current = sc_window_current_view (self);

  view.from_list = self->opening_from_list;
  self->opening_from_list = FALSE;
  if (current == NULL || current->kind != view.kind || current->a != view.a || current->b != view.b ||
      strcmp (current->section, view.section) != 0)
    g_array_append_val (self->history, view);
  sc_window_render (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
  focus_content (self);
}

void
sc_window_show_code (ScWindow *self,
                     guint     code)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  if (self->db == NULL || !sc_kb_database_has_code (self->db, code))
    return;
  push_view (self, (View) { VIEW_CODE, code, 0, { 0 } });
  if (self->store != NULL && !sc_user_store_add_recent (self->store, code, NULL))
    g_debug ("could not record %u as recently viewed", code);
}

void
sc_window_show_compare (ScWindow *self,
                        guint     a,
                        guint     b)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  if (self->db == NULL)
    return;
  push_view (self, (View) { VIEW_COMPARE, a, b, { 0 } });
}

/**
 * sc_window_show_rfc:
 * Opens RFC @number at @section ("" or %NULL for its contents), offline.
 */
void
sc_window_show_rfc (ScWindow   *self,
                    guint       number,
                    const char *section)
{
  View view = { VIEW_RFC, number, 0, { 0 } };

  g_return_if_fail (SC_IS_WINDOW (self));
  if (self->db == NULL || (section != NULL && strlen (section) > MAX_SECTION_ID))
    return;
  g_strlcpy (view.section, section ? section : "", sizeof view.section);
  push_view (self, view);
}

void
sc_window_show_probe (ScWindow *self)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  push_view (self, (View) { VIEW_PROBE, 0, 0, { 0 } });
  sc_probe_page_focus (self->probe_page);
}

/**
 * sc_window_show_explain:
 * Shows the explain view, the focus in its text.
 */
void
sc_window_show_explain (ScWindow *self)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  push_view (self, (View) { VIEW_EXPLAIN, 0, 0, { 0 } });
  sc_explain_page_focus (self->explain_page);
}

/**
 * sc_window_open_capture:
 * Reads @file (pcap or pcapng) in the capture view; the list fills as it is read.
 */
void
sc_window_open_capture (ScWindow *self,
                        GFile    *file)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  sc_capture_page_open (sc_window_ensure_capture_page (self), file);
  push_view (self, (View) { VIEW_CAPTURE, 0, 0, { 0 } });
}

ScCapturePage *
sc_window_get_capture_page (ScWindow *self)
{
  return self->capture_page;
}

void
sc_window_explain_file (ScWindow *self,
                        GFile    *file)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  sc_explain_page_load_file (sc_window_ensure_explain_page (self), file);
}

/* The knowledge base could not be opened: say why, in the content pane, and keep running. */
void
sc_window_show_error (ScWindow   *self,
                      const char *message)
{
  gtk_image_set_from_icon_name (self->empty_icon, "dialog-error-symbolic");
  gtk_label_set_text (self->empty_title, _("The Knowledge Base Cannot Be Opened"));
  gtk_label_set_text (self->empty_description, message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void on_store_opened (ScWindow *self, ScUserStore *store);

static ScStorageBanner *
ensure_storage_banner (ScWindow *self)
{
  if (self->storage_banner == NULL)
    {
      self->storage_banner = SC_STORAGE_BANNER (g_object_new (SC_TYPE_STORAGE_BANNER, NULL));
      g_signal_connect_swapped (self->storage_banner, "store-opened", G_CALLBACK (on_store_opened), self);
      gtk_box_prepend (self->banner_box, GTK_WIDGET (self->storage_banner));
    }
  return self->storage_banner;
}

/* The user database cannot be used: say so, and what it means, at the top of the window. */
void
sc_window_show_storage_problem (ScWindow     *self,
                                const char   *path,
                                const GError *error)
{
  g_return_if_fail (SC_IS_WINDOW (self));
  sc_storage_banner_show (ensure_storage_banner (self), path, error);
}

/* A new user database (the damaged one moved aside): favourites, recents and history resume. */
static void
on_store_opened (ScWindow    *self,
                 ScUserStore *store)
{
  g_set_object (&self->store, store);
  if (self->db != NULL)
    sc_code_list_setup (self->code_list, self->db, store);
  if (self->probe_page != NULL)   /* made when first shown, with the store of then */
    sc_probe_page_setup (self->probe_page, self->db, store);
  sc_window_render (self);
}

static void
on_list_code_activated (ScWindow *self,
                        guint     code)
{
  self->opening_from_list = TRUE;
  sc_window_show_code (self, code);
  self->opening_from_list = FALSE;
}

static void
on_list_compare_activated (ScWindow *self,
                           guint     a,
                           guint     b)
{
  self->opening_from_list = TRUE;
  sc_window_show_compare (self, a, b);
  self->opening_from_list = FALSE;
}

/* Typing on a page of a folded window: the list it searches comes into view. */
static void
on_search_started (ScWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
on_language_changed (ScWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "content-language");
  ScKbLang langs[SC_KB_N_LANGS];

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_settings_get_value (self->settings, "content-language"));
  sc_window_content_languages (self, langs);
  sc_code_list_set_language (self->code_list, langs[0]);
  if (self->probe_page != NULL)
    sc_probe_page_set_language (self->probe_page, langs[0]);
  if (self->explain_page != NULL)
    sc_explain_page_set_language (self->explain_page, langs[0]);
  if (self->capture_page != NULL)
    sc_capture_page_set_language (self->capture_page, langs[0]);
  sc_window_render (self);
}

static void
update_narrow (ScWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int content = adw_leaflet_get_folded (self->leaflet) ? width : width - SIDEBAR_WIDTH;
  gboolean narrow = width > 0 && content < NARROW_CONTENT_WIDTH;

  self->narrow = narrow;
  self->short_title = width > 0 && content < SHORT_TITLE_CONTENT_WIDTH;
  sc_window_apply_title (self);
  if (self->code_page != NULL)
    sc_code_page_set_narrow (self->code_page, narrow);
  if (self->compare_page != NULL)
    sc_compare_page_set_narrow (self->compare_page, narrow);
  if (self->probe_page != NULL)
    sc_probe_page_set_narrow (self->probe_page, narrow);
  if (self->rfc_page != NULL)
    sc_rfc_page_set_narrow (self->rfc_page, narrow);
  sc_window_update_actions (self);
}

static void
narrow_idle_cb (gpointer data)
{
  ScWindow *self = data;

  self->narrow_idle = 0;
  update_narrow (self);
}

static void
sc_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  ScWindow *self = SC_WINDOW (widget);

  GTK_WIDGET_CLASS (sc_window_parent_class)->size_allocate (widget, width, height, baseline);
  /* Orientation changes need a new layout pass: not from inside this one. */
  if (self->narrow_idle == 0)
    self->narrow_idle = g_idle_add_once (narrow_idle_cb, self);
}

static gboolean
sc_window_close_request (GtkWindow *window)
{
  ScWindow *self = SC_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (sc_window_parent_class)->close_request (window);
}

static void
sc_window_dispose (GObject *object)
{
  ScWindow *self = SC_WINDOW (object);

  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SC_TYPE_WINDOW);
  g_clear_object (&self->db);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->narrow_title, g_free);
  G_OBJECT_CLASS (sc_window_parent_class)->dispose (object);
}

/* Menus are built when first opened: a popover menu is many widgets no first frame shows. */
static void
attach_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  const char *menu_id = user_data;
  ScWindow *self = SC_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (button), SC_TYPE_WINDOW));

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), SC_TYPE_WINDOW, menu_id)));
}

static const struct { const char *button, *menu; } menus[] = {
  { "main_menu_button", "primary_menu" },
  { "page_menu_button", "page_menu" },
};

/* Set by sc_tooltip_set(), as sc-tooltip.c says why. */
static const struct { const char *id, *text; } header_tooltips[] = {
  { "probe_button", N_("Probe a Server") },
  { "main_menu_button", N_("Main Menu") },
  { "page_menu_button", N_("Page Menu") },
  { "back_button", N_("Back") },
};

static void
sc_window_class_init (ScWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_window_dispose;
  widget_class->size_allocate = sc_window_size_allocate;
  GTK_WINDOW_CLASS (klass)->close_request = sc_window_close_request;

  g_type_ensure (SC_TYPE_CODE_LIST);
  g_type_ensure (SC_TYPE_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ScWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, code_list);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, favourite_button);
  for (guint i = 0; i < G_N_ELEMENTS (header_tooltips); i++)
    gtk_widget_class_bind_template_child_full (widget_class, header_tooltips[i].id, FALSE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (menus); i++)
    gtk_widget_class_bind_template_child_full (widget_class, menus[i].menu, FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, empty_icon);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, empty_title);
  gtk_widget_class_bind_template_child (widget_class, ScWindow, empty_description);
}

/* A file dropped anywhere on the window: a capture opens in the capture view, anything else is
 * explained as text (the explain view takes drops over itself first). */
static gboolean
on_file_dropped (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 ScWindow      *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autofree char *name = NULL;

  if (files == NULL || self->db == NULL)
    return FALSE;
  name = g_file_get_basename (files->data);
  if (name != NULL && (g_str_has_suffix (name, ".pcap") || g_str_has_suffix (name, ".pcapng") || g_str_has_suffix (name, ".cap")))
    sc_window_open_capture (self, files->data);
  else
    {
      sc_window_show_explain (self);
      sc_window_explain_file (self, files->data);
    }
  return TRUE;
}

static void
sc_window_init (ScWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (header_tooltips); i++)
    sc_tooltip_set (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), SC_TYPE_WINDOW, header_tooltips[i].id)),
                    _(header_tooltips[i].text));
  for (guint i = 0; i < G_N_ELEMENTS (menus); i++)
    gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), SC_TYPE_WINDOW, menus[i].button)),
                                           attach_menu, (gpointer) menus[i].menu, NULL);
  self->history = g_array_new (FALSE, FALSE, sizeof (View));
  sc_window_add_actions (self);

  /* Escape goes back, but only when nothing focused (a search entry, a popover) used it. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_BUBBLE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("win.back")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_swapped (self->code_list, "code-activated", G_CALLBACK (on_list_code_activated), self);
  g_signal_connect_swapped (self->code_list, "compare-activated", G_CALLBACK (on_list_compare_activated), self);
  g_signal_connect_swapped (self->code_list, "search-started", G_CALLBACK (on_search_started), self);
  sc_code_list_capture_typing (self->code_list, GTK_WIDGET (self));
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (update_narrow), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_file_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/**
 * sc_window_new:
 * @db: (nullable): the knowledge base, or %NULL when it could not be opened
 * @store: (nullable): the user database, or %NULL when favourites cannot be kept
 */
ScWindow *
sc_window_new (GtkApplication *application,
               ScKbDatabase   *db,
               ScUserStore    *store,
               GSettings      *settings)
{
  ScWindow *self = g_object_new (SC_TYPE_WINDOW, "application", application, NULL);
  ScKbLang langs[SC_KB_N_LANGS];

  self->db = db ? g_object_ref (db) : NULL;
  self->store = store ? g_object_ref (store) : NULL;
  self->settings = g_object_ref (settings);
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "content-language")),
                             g_settings_get_value (settings, "content-language"));
  g_signal_connect_object (settings, "changed::content-language", G_CALLBACK (on_language_changed), self, G_CONNECT_SWAPPED);

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  sc_window_content_languages (self, langs);
  sc_code_list_set_language (self->code_list, langs[0]);
  if (db != NULL)
    {
      sc_code_list_setup (self->code_list, db, store);
    }
  sc_window_render (self);
  return self;
}

const char *
sc_window_get_view_name (ScWindow *self)
{
  g_return_val_if_fail (SC_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

ScCodeList *
sc_window_get_code_list (ScWindow *self)
{
  return self->code_list;
}

ScCodePage *
sc_window_get_code_page (ScWindow *self)
{
  g_return_val_if_fail (SC_IS_WINDOW (self), NULL);
  return sc_window_ensure_code_page (self);
}

ScProbePage *
sc_window_get_probe_page (ScWindow *self)
{
  g_return_val_if_fail (SC_IS_WINDOW (self), NULL);
  return sc_window_ensure_probe_page (self);
}

ScComparePage *
sc_window_get_compare_page (ScWindow *self)
{
  g_return_val_if_fail (SC_IS_WINDOW (self), NULL);
  return sc_window_ensure_compare_page (self);
}

ScStorageBanner *
sc_window_get_storage_banner (ScWindow *self)
{
  g_return_val_if_fail (SC_IS_WINDOW (self), NULL);
  return ensure_storage_banner (self);
}
