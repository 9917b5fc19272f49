#define G_LOG_DOMAIN "sc-code-list"

#include "sc-code-list.h"

#include <glib/gi18n.h>

#include "sc-section.h"

#include "sc-kb-normalize.h"
#include "sc-kb-search.h"

#define MAX_RESULTS 80
#define MAX_RECENTS 5

struct _ScCodeList
{
  GtkWidget       parent_instance;

  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *list_box;
  AdwStatusPage  *empty_page;
  GtkBox         *suggestions;

  ScKbDatabase   *db;
  ScUserStore    *store;
  ScKbLang        lang;
};

G_DEFINE_FINAL_TYPE (ScCodeList, sc_code_list, GTK_TYPE_WIDGET)

enum { SIGNAL_CODE_ACTIVATED, SIGNAL_COMPARE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What a row stands for: one code, or the comparison typed as "200 vs 428". */
typedef struct {
  guint code;
  guint compare_with;   /* 0 unless this is the comparison row */
  char *group;
} RowData;

static void
row_data_free (gpointer data)
{
  RowData *row = data;

  g_free (row->group);
  g_free (row);
}

static RowData *
row_data (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "sc-row");
}

static GtkWidget *
code_row (ScCodeList *self,
          ScKbEntry  *entry,
          const char *group)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *code = g_strdup_printf ("%u", sc_kb_entry_get_code (entry));
  const char *name = sc_kb_entry_get_text (entry, self->lang)->name;
  const char *reason = sc_kb_entry_get_reason (entry);
  GtkWidget *label;
  RowData *data = g_new0 (RowData, 1);

  label = gtk_label_new (code);
  gtk_widget_add_css_class (label, "code-number");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (reason);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), label);
  if (!g_str_equal (name, reason))
    {
      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (texts), label);
    }
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  if (self->store != NULL && sc_user_store_is_favourite (self->store, sc_kb_entry_get_code (entry)))
    {
      GtkWidget *star = gtk_image_new_from_icon_name ("sc-starred-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Favourite"), -1);
      gtk_box_append (GTK_BOX (box), star);
    }
  gtk_widget_set_tooltip_text (row, sc_kb_entry_get_text (entry, self->lang)->summary);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  data->code = sc_kb_entry_get_code (entry);
  data->group = g_strdup (group);
  g_object_set_data_full (G_OBJECT (row), "sc-row", data, row_data_free);
  return row;
}

static void
append_code (ScCodeList *self,
             guint       code,
             const char *group)
{
  g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (self->db, code, NULL);

  if (entry != NULL)
    gtk_list_box_append (self->list_box, code_row (self, entry, group));
}

static void
append_codes (ScCodeList *self,
              GArray     *codes,
              const char *group)
{
  for (guint i = 0; i < codes->len; i++)
    append_code (self, g_array_index (codes, guint, i), group);
}

static void
clear_list (ScCodeList *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

/* No query: favourites, recently viewed, then every code by class. */
static void
fill_browse (ScCodeList *self)
{
  GArray *codes = sc_kb_database_get_codes (self->db);

  if (self->store != NULL)
    {
      g_autoptr(GArray) favourites = sc_user_store_favourites (self->store);
      g_autoptr(GArray) recents = sc_user_store_recents (self->store, MAX_RECENTS);

      append_codes (self, favourites, _("Favourites"));
      append_codes (self, recents, _("Recent"));
    }
  for (guint i = 0; i < codes->len; i++)
    {
      guint code = g_array_index (codes, guint, i);
      g_autofree char *klass = g_strdup_printf ("%u", code / 100);
      append_code (self, code, sc_kb_database_term (self->db, "Class", klass, self->lang));
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
append_comparison_row (ScCodeList *self,
                       guint       a,
                       guint       b)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *text = g_strdup_printf (_("Compare %u and %u"), a, b);
  GtkWidget *label = gtk_label_new (text);
  RowData *data = g_new0 (RowData, 1);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("sc-compare-symbolic"));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  data->code = a;
  data->compare_with = b;
  data->group = g_strdup (_("Comparison"));
  g_object_set_data_full (G_OBJECT (row), "sc-row", data, row_data_free);
  gtk_list_box_append (self->list_box, row);
}

static void
on_suggestion_clicked (GtkButton  *button,
                       ScCodeList *self)
{
  g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0,
                 GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "code")));
}

/* Nothing matched: say so and offer the nearest codes. */
static void
show_empty_state (ScCodeList *self,
                  const char *query)
{
  g_autoptr(GArray) nearest = sc_kb_search_suggest (self->db, query, 3);
  g_autofree char *description = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions))) != NULL)
    gtk_box_remove (self->suggestions, child);
  description = nearest->len > 0 ? g_strdup_printf (_("Nothing matches “%s”. Did you mean:"), query)
                                 : g_strdup_printf (_("Nothing matches “%s”. Try a code such as 486, a range such as 4xx, or a word such as “busy”."), query);
  adw_status_page_set_description (self->empty_page, description);
  for (guint i = 0; i < nearest->len; i++)
    {
      guint code = g_array_index (nearest, guint, i);
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (self->db, code, NULL);
      g_autofree char *label = g_strdup_printf ("%u %s", code, entry ? sc_kb_entry_get_reason (entry) : "");
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
              const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = sc_kb_search (self->db, query, MAX_RESULTS, &error);
  guint a, b;

  if (parse_comparison (self->db, query, &a, &b))
    {
      append_comparison_row (self, a, b);
      return;
    }
  if (hits == NULL)
    {
      g_warning ("search failed: %s", error->message);
      return;
    }
  if (hits->len == 0)
    {
      show_empty_state (self, query);
      return;
    }
  for (guint i = 0; i < hits->len; i++)
    append_code (self, g_array_index (hits, ScKbHit, i).code, _("Results"));
}

void
sc_code_list_refresh (ScCodeList *self)
{
  g_autofree char *query = NULL;

  g_return_if_fail (SC_IS_CODE_LIST (self));
  if (self->db == NULL)
    return;
  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  clear_list (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  if (*query == '\0')
    fill_browse (self);
  else
    fill_results (self, query);
}

static void
on_search_changed (ScCodeList *self)
{
  sc_code_list_refresh (self);
}

static void
activate_row (ScCodeList    *self,
              GtkListBoxRow *row)
{
  RowData *data = row_data (row);

  if (data->compare_with != 0)
    g_signal_emit (self, signals[SIGNAL_COMPARE_ACTIVATED], 0, data->code, data->compare_with);
  else
    g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0, data->code);
}

gboolean
sc_code_list_is_empty_state (ScCodeList *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST (self), FALSE);
  return g_str_equal (gtk_stack_get_visible_child_name (self->stack), "empty");
}

/* Enter in the search entry opens the best match. */
static void
on_search_activate (ScCodeList *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list_box, 0);

  if (first != NULL && !sc_code_list_is_empty_state (self))
    {
      gtk_list_box_select_row (self->list_box, first);
      activate_row (self, first);
    }
}

static void
on_stop_search (ScCodeList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_row_activated (ScCodeList    *self,
                  GtkListBoxRow *row)
{
  activate_row (self, row);
}

/* A header above the first row of each group. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const char *group = row_data (row)->group;
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (row_data (before)->group, group) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (group);
  gtk_label_set_xalign (GTK_LABEL (header), 0.0);
  gtk_widget_add_css_class (header, "list-group-header");
  gtk_widget_add_css_class (header, "heading");
  gtk_list_box_row_set_header (row, header);
}

static void
sc_code_list_dispose (GObject *object)
{
  ScCodeList *self = SC_CODE_LIST (object);

  sc_section_dispose_children (GTK_WIDGET (self), SC_TYPE_CODE_LIST);
  g_clear_object (&self->db);
  g_clear_object (&self->store);
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
  gtk_widget_class_bind_template_child (widget_class, ScCodeList, list_box);
  gtk_widget_class_bind_template_child (widget_class, ScCodeList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ScCodeList, suggestions);

  signals[SIGNAL_CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_COMPARE_ACTIVATED] =
    g_signal_new ("compare-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
sc_code_list_init (ScCodeList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->lang = sc_kb_lang_from_locale ();
  gtk_list_box_set_header_func (self->list_box, update_header, NULL, NULL);
  /* Typing anywhere in the list starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  g_signal_connect_swapped (self->list_box, "row-activated", G_CALLBACK (on_row_activated), self);
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
  sc_code_list_refresh (self);
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

/* Highlights the first row of @code without activating it. */
void
sc_code_list_select_code (ScCodeList *self,
                          guint       code)
{
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);
      if (row == NULL)
        break;
      if (row_data (row)->code == code && row_data (row)->compare_with == 0)
        {
          gtk_list_box_select_row (self->list_box, row);
          return;
        }
    }
  gtk_list_box_unselect_all (self->list_box);
}

/**
 * sc_code_list_get_visible_codes:
 * Returns: (transfer full) (element-type guint): the codes of the rows, in order.
 */
GArray *
sc_code_list_get_visible_codes (ScCodeList *self)
{
  GArray *codes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);
      if (row == NULL)
        break;
      g_array_append_val (codes, row_data (row)->code);
    }
  return codes;
}
