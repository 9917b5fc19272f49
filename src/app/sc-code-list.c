#define G_LOG_DOMAIN "sc-code-list"

#include "sc-code-list.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-section.h"
#include "sc-tooltip.h"

#include "sc-code-list-item.h"
#include "sc-code-list-row.h"
#include "sc-kb-normalize.h"
#include "sc-kb-search.h"
#include "sc-rfc-page.h"

#define MAX_RESULTS 80
#define MAX_RFC_SECTIONS 8
#define MAX_RECENTS 5
/* GTK 4.8's list view makes a widget for every row up to 200, seen or not: before the first
 * frame it is given only the rows the window can show, the rest on the frame after. The
 * shortest row (a code whose name is its reason phrase) is 36 px high; the header bar and the
 * search entry take 90 px. */
#define MIN_ROW_HEIGHT 36
#define ABOVE_LIST_HEIGHT 90

struct _ScCodeList
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;   /* and its suggestions: made when first needed */
  GtkBox             *suggestions;

  GListStore         *items;       /* of ScCodeListItem */
  GtkSingleSelection *selection;
  ScKbDatabase       *db;
  ScUserStore        *store;
  ScKbLang            lang;
  GHashTable         *favourites;  /* codes, as of the last refresh: one query, not one a row */
  GPtrArray          *rest;        /* rows held back until the first frame is shown */
  guint               rest_tick;
  gboolean            filled;
};

G_DEFINE_FINAL_TYPE (ScCodeList, sc_code_list, GTK_TYPE_WIDGET)

enum { SIGNAL_CODE_ACTIVATED, SIGNAL_COMPARE_ACTIVATED, SIGNAL_SEARCH_STARTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ScCodeList               *self)
{
  sc_code_list_row_setup (list_item);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          ScCodeList               *self)
{
  ScCodeListItem *item = gtk_list_item_get_item (list_item);
  guint code = sc_code_list_item_get_code (item);

  sc_code_list_row_bind (list_item, self->db, self->lang,
                         code != 0 && g_hash_table_contains (self->favourites, GUINT_TO_POINTER (code)));
}

/* Rows are collected, then swapped in at once: one items-changed per refresh. */
static void
add_group (GPtrArray  *rows,
           GArray     *codes,
           const char *title)
{
  if (codes->len > 0)
    g_ptr_array_add (rows, sc_code_list_item_new_header (title));
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (rows, sc_code_list_item_new_code (g_array_index (codes, guint, i)));
}

/* No query: favourites, recently viewed, then every code by class. */
static void
fill_browse (ScCodeList *self,
             GPtrArray  *rows)
{
  GArray *codes = sc_kb_database_get_codes (self->db);
  guint klass = 0;

  if (self->store != NULL)
    {
      g_autoptr(GArray) favourites = sc_user_store_favourites (self->store);
      g_autoptr(GArray) recents = sc_user_store_recents (self->store, MAX_RECENTS);

      add_group (rows, favourites, _("Favourites"));
      add_group (rows, recents, _("Recent"));
    }
  for (guint i = 0; i < codes->len; i++)
    {
      guint code = g_array_index (codes, guint, i);
      if (code / 100 != klass)
        {
          g_autofree char *key = g_strdup_printf ("%u", code / 100);
          klass = code / 100;
          g_ptr_array_add (rows, sc_code_list_item_new_header (sc_kb_database_term (self->db, "Class", key, self->lang)));
        }
      g_ptr_array_add (rows, sc_code_list_item_new_code (code));
    }
}

/* "200 vs 428", "200 と 428", "200/428": two different codes we know. */
static gboolean
parse_comparison (ScKbDatabase *db,
                  const char   *query,
                  guint        *a,
                  guint        *b)
{
  static GRegex *pattern;
  g_autofree char *normalized = sc_kb_normalize (query);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (g_once_init_enter (&pattern))
    g_once_init_leave (&pattern, g_regex_new ("^([1-6][0-9]{2}) ?(?:vs\\.?|v|と|対|,|/|x|×)? ?([1-6][0-9]{2})$",
                                              G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (pattern, normalized, 0, &match))
    return FALSE;
  first = g_match_info_fetch (match, 1);
  second = g_match_info_fetch (match, 2);
  *a = (guint) g_ascii_strtoull (first, NULL, 10);
  *b = (guint) g_ascii_strtoull (second, NULL, 10);
  return *a != *b && sc_kb_database_has_code (db, *a) && sc_kb_database_has_code (db, *b);
}

static void
on_suggestion_clicked (GtkButton  *button,
                       ScCodeList *self)
{
  g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0,
                 GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "code")));
}

/* Made when a search first finds nothing: no window's first frame shows it. */
static void
ensure_empty_page (ScCodeList *self)
{
  if (self->empty_page != NULL)
    return;
  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Matching Codes"));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_page), "compact");
  self->suggestions = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_halign (GTK_WIDGET (self->suggestions), GTK_ALIGN_CENTER);
  adw_status_page_set_child (self->empty_page, GTK_WIDGET (self->suggestions));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");
}

/* Nothing matched: say so and offer the nearest codes. */
static void
show_empty_state (ScCodeList *self,
                  const char *query)
{
  g_autoptr(GArray) nearest = sc_kb_search_suggest (self->db, query, 3);
  g_autofree char *description = NULL;

  ensure_empty_page (self);
  sc_section_clear_box (self->suggestions);
  description = nearest->len > 0 ? g_strdup_printf (_("Nothing matches “%s”. Did you mean:"), query)
                                 : g_strdup_printf (_("Nothing matches “%s”. Try a code such as 486, a range such as 4xx, or a word such as “busy”."), query);
  adw_status_page_set_description (self->empty_page, description);
  for (guint i = 0; i < nearest->len; i++)
    {
      guint code = g_array_index (nearest, guint, i);
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (self->db, code, NULL);
      g_autofree char *label = g_strdup_printf ("%u %s", code, entry ? sc_kb_entry_get_text (entry, self->lang)->name : "");
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_add_css_class (button, "pill");
      g_object_set_data (G_OBJECT (button), "code", GUINT_TO_POINTER (code));
      g_signal_connect (button, "clicked", G_CALLBACK (on_suggestion_clicked), self);
      gtk_box_append (self->suggestions, button);
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
fill_results (ScCodeList *self,
              const char *query,
              GPtrArray  *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  guint a, b;

  if (parse_comparison (self->db, query, &a, &b))
    {
      g_ptr_array_add (rows, sc_code_list_item_new_header (_("Comparison")));
      g_ptr_array_add (rows, sc_code_list_item_new_comparison (a, b));
      return;
    }
  hits = sc_kb_search (self->db, query, MAX_RESULTS, &error);
  if (hits == NULL)
    /* A query the search refuses finds nothing, and says so as any other. */
    g_debug ("search refused: %s", error->message);
  sections = sc_kb_database_find_rfc_sections (self->db, query, MAX_RFC_SECTIONS, NULL);
  if ((hits == NULL || hits->len == 0) && (sections == NULL || sections->len == 0))
    {
      show_empty_state (self, query);
      return;
    }
  if (hits != NULL && hits->len > 0)
    g_ptr_array_add (rows, sc_code_list_item_new_header (_("Results")));
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    g_ptr_array_add (rows, sc_code_list_item_new_code (g_array_index (hits, ScKbHit, i).code));
  if (sections != NULL && sections->len > 0)
    g_ptr_array_add (rows, sc_code_list_item_new_header (_("RFC Sections")));
  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      const ScKbRfcHit *hit = g_ptr_array_index (sections, i);
      g_ptr_array_add (rows, sc_code_list_item_new_rfc_section (hit->number, hit->id, hit->title));
    }
}

static gboolean
add_rest (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  ScCodeList *self = user_data;
  g_autoptr(GPtrArray) rest = NULL;

  /* Ticks come before the layout: the first frame's, then the one after it has been shown. */
  if (gtk_widget_get_height (widget) == 0)
    return G_SOURCE_CONTINUE;
  rest = g_steal_pointer (&self->rest);
  self->rest_tick = 0;
  if (rest != NULL)
    g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                         rest->pdata, rest->len);
  return G_SOURCE_REMOVE;
}

/* How many rows a window of its default height shows, before it has a height. */
static guint
rows_on_first_frame (ScCodeList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = 0, height = 0;

  if (GTK_IS_WINDOW (root))
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (height <= 0)
    height = 1080;
  return MAX (height - ABOVE_LIST_HEIGHT, 0) / MIN_ROW_HEIGHT + 1;
}

static void
add_rows (ScCodeList *self,
          GPtrArray  *rows)
{
  guint first = rows->len;

  g_clear_pointer (&self->rest, g_ptr_array_unref);
  if (gtk_widget_get_height (GTK_WIDGET (self->list_view)) == 0)
    first = MIN (rows->len, rows_on_first_frame (self));
  if (first < rows->len)
    {
      self->rest = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = first; i < rows->len; i++)
        g_ptr_array_add (self->rest, g_object_ref (g_ptr_array_index (rows, i)));
      if (self->rest_tick == 0)
        self->rest_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), add_rest, self, NULL);
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       rows->pdata, first);
}

void
sc_code_list_refresh (ScCodeList *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *query = NULL;

  g_return_if_fail (SC_IS_CODE_LIST (self));
  if (self->db == NULL)
    return;
  g_hash_table_remove_all (self->favourites);
  if (self->store != NULL)
    {
      g_autoptr(GArray) favourites = sc_user_store_favourites (self->store);
      for (guint i = 0; i < favourites->len; i++)
        g_hash_table_add (self->favourites, GUINT_TO_POINTER (g_array_index (favourites, guint, i)));
    }
  self->filled = TRUE;
  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  gtk_stack_set_visible_child_name (self->stack, "list");
  if (*query == '\0')
    fill_browse (self, rows);
  else
    fill_results (self, query, rows);
  add_rows (self, rows);
}

/* Typed text went to the entry, but GTK 4.8 leaves the focus where it was: Enter would then
 * press whatever had it (the probe button at start). The entry takes it, caret at the end. */
static void
on_search_started (ScCodeList *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self->search_entry)) &&
      !gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self))) ?: GTK_WIDGET (self),
                               GTK_WIDGET (self->search_entry)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
    }
  g_signal_emit (self, signals[SIGNAL_SEARCH_STARTED], 0);
}

/**
 * sc_code_list_capture_typing:
 * Text typed anywhere in @widget (the window) while no text field has the focus goes to the
 * search: the README's "just type".
 */
void
sc_code_list_capture_typing (ScCodeList *self,
                             GtkWidget  *widget)
{
  g_return_if_fail (SC_IS_CODE_LIST (self));
  gtk_search_entry_set_key_capture_widget (self->search_entry, widget);
}

GtkWidget *
sc_code_list_get_typing_capture (ScCodeList *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST (self), NULL);
  return gtk_search_entry_get_key_capture_widget (self->search_entry);
}

static void
on_search_changed (ScCodeList *self)
{
  sc_code_list_refresh (self);
}

static void
activate_item (ScCodeList     *self,
               ScCodeListItem *item)
{
  if (sc_code_list_item_is_header (item))
    return;
  if (sc_code_list_item_get_rfc (item) != 0)
    {
      g_autofree char *uri = sc_rfc_link_uri (sc_code_list_item_get_rfc (item), sc_code_list_item_get_section (item));
      gtk_widget_activate_action (GTK_WIDGET (self), "win.rfc-from-list", "s", uri);
    }
  else if (sc_code_list_item_get_compare_with (item) != 0)
    g_signal_emit (self, signals[SIGNAL_COMPARE_ACTIVATED], 0, sc_code_list_item_get_code (item),
                   sc_code_list_item_get_compare_with (item));
  else
    g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0, sc_code_list_item_get_code (item));
}

static void
on_activate (ScCodeList *self,
             guint       position)
{
  g_autoptr(ScCodeListItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (item != NULL)
    activate_item (self, item);
}

gboolean
sc_code_list_is_empty_state (ScCodeList *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST (self), FALSE);
  return g_str_equal (gtk_stack_get_visible_child_name (self->stack), "empty");
}

/* Enter in the search entry opens the best match: the first row that is not a heading. */
static void
on_search_activate (ScCodeList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (sc_code_list_is_empty_state (self))
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScCodeListItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      if (!sc_code_list_item_is_header (item))
        {
          gtk_single_selection_set_selected (self->selection, i);
          activate_item (self, item);
          return;
        }
    }
}

/* The row on screen that shows the first item that opens something (not a class header). */
static GtkWidget *
first_result_row (ScCodeList *self)
{
  GtkWidget *best = NULL;
  guint best_position = G_MAXUINT;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ScCodeListRow *row = sc_code_list_row_from_widget (gtk_widget_get_first_child (child));

      if (row != NULL && sc_code_list_row_is_activatable (row) && sc_code_list_row_get_position (row) < best_position)
        {
          best = child;
          best_position = sc_code_list_row_get_position (row);
        }
    }
  return best;
}

/* Down or Tab in the search takes the focus to the first result (GTK 4.8's list view would
 * leave it on its scrolled window, where nothing shows it); Up from there comes back. */
static gboolean
on_search_key (ScCodeList      *self,
               guint            keyval,
               guint            keycode,
               GdkModifierType  state)
{
  GtkWidget *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down && keyval != GDK_KEY_Tab)
      || (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") != 0
      || (row = first_result_row (self)) == NULL)
    return FALSE;
  return gtk_widget_grab_focus (row);
}

static gboolean
on_list_key (ScCodeList      *self,
             guint            keyval,
             guint            keycode,
             GdkModifierType  state)
{
  GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self->list_view));

  if ((keyval != GDK_KEY_Up && keyval != GDK_KEY_KP_Up) || (state & GDK_SHIFT_MASK) != 0
      || focus == NULL || focus != first_result_row (self))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_stop_search (ScCodeList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
sc_code_list_dispose (GObject *object)
{
  ScCodeList *self = SC_CODE_LIST (object);

  if (self->rest_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->rest_tick);
  self->rest_tick = 0;
  g_clear_pointer (&self->rest, g_ptr_array_unref);
  sc_section_dispose_children (GTK_WIDGET (self), SC_TYPE_CODE_LIST);
  g_clear_object (&self->db);
  g_clear_object (&self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_pointer (&self->favourites, g_hash_table_unref);
  G_OBJECT_CLASS (sc_code_list_parent_class)->dispose (object);
}

static void
sc_code_list_class_init (ScCodeListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_code_list_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-code-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ScCodeList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ScCodeList, stack);
  gtk_widget_class_bind_template_child (widget_class, ScCodeList, list_view);

  signals[SIGNAL_CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* Typing started a search from outside the list (see sc_code_list_capture_typing). */
  signals[SIGNAL_SEARCH_STARTED] =
    g_signal_new ("search-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_COMPARE_ACTIVATED] =
    g_signal_new ("compare-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
sc_code_list_init (ScCodeList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->lang = sc_kb_lang_from_locale ();
  self->items = g_list_store_new (SC_TYPE_CODE_LIST_ITEM);
  self->favourites = g_hash_table_new (NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Typing anywhere in the list starts a search; the window widens that to itself. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_entry, "search-started", G_CALLBACK (on_search_started), self);
  /* A pasted file would be searched for seconds: the entry holds what a search can use. */
  gtk_text_set_max_length (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry))),
                           SC_KB_MAX_QUERY_CHARS);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_activate), self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_list_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
}

GtkWidget *
sc_code_list_new (void)
{
  return g_object_new (SC_TYPE_CODE_LIST, NULL);
}


void
sc_code_list_setup (ScCodeList   *self,
                    ScKbDatabase *db,
                    ScUserStore  *store)
{
  g_return_if_fail (SC_IS_CODE_LIST (self));
  g_set_object (&self->db, db);
  g_set_object (&self->store, store);
  /* Filled now, before the first frame: the list view makes widgets only for the rows on
   * screen, so the first frame shows the list instead of an empty one and a second frame. */
  sc_code_list_refresh (self);
}

gboolean
sc_code_list_is_filled (ScCodeList *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST (self), FALSE);
  return self->filled;
}

void
sc_code_list_set_language (ScCodeList *self,
                           ScKbLang    lang)
{
  g_return_if_fail (SC_IS_CODE_LIST (self));
  if (self->lang == lang)
    return;
  self->lang = lang;
  sc_code_list_refresh (self);
}

void
sc_code_list_focus_search (ScCodeList *self)
{
  g_return_if_fail (SC_IS_CODE_LIST (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Sets the query at once, without the entry's typing delay. */
void
sc_code_list_set_query (ScCodeList *self,
                        const char *query)
{
  g_return_if_fail (SC_IS_CODE_LIST (self));
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed, self);
  sc_code_list_refresh (self);
}

/* Highlights the row of @code, if it is listed, without activating it. */
void
sc_code_list_select_code (ScCodeList *self,
                          guint       code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  g_return_if_fail (SC_IS_CODE_LIST (self));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScCodeListItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      if (!sc_code_list_item_is_header (item) && sc_code_list_item_get_compare_with (item) == 0 &&
          sc_code_list_item_get_code (item) == code)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/**
 * sc_code_list_get_visible_codes:
 * Returns: (transfer full) (element-type guint): the codes listed, in order, headings left out.
 */
GArray *
sc_code_list_get_visible_codes (ScCodeList *self)
{
  GArray *codes = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ScCodeListItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      guint code = sc_code_list_item_get_code (item);
      if (!sc_code_list_item_is_header (item) && sc_code_list_item_get_rfc (item) == 0)
        g_array_append_val (codes, code);
    }
  return codes;
}
