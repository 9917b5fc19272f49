/* One row of the code list (a code, a comparison, an RFC section or a class header): its
 * widgets, made once per row on screen and bound again as the list view recycles them. */
#include "sc-code-list-row.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-code-list-item.h"
#include "sc-tooltip.h"

#define ROW_KEY "sc-code-list-row"

struct _ScCodeListRow
{
  GtkListItem  *list_item;   /* unowned: it owns the row */
  ScKbDatabase *db;
  ScKbLang      lang;
  GtkWidget    *row;
  GtkWidget *number;
  GtkWidget *icon;
  GtkWidget *reason;
  GtkWidget *name;
  GtkWidget *star;
  /* Tooltips are made when asked for (on_row_query_tooltip; sc-tooltip.c says why). */
  guint      tooltip_code; /* a code's row shows its summary */
  char      *tooltip;      /* an RFC section's row, its whole title */
};

static GtkWidget *
wrapping_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  /* Wrapped, never cut: "Call/Transaction Does Not Exist" and the longer Japanese names take
   * two lines of a 300 px sidebar. No line limit: with one, GTK 4.8 searches for the label's
   * width by laying it out a dozen times, in every row, at every measure. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
  return label;
}

static void
row_free (gpointer data)
{
  ScCodeListRow *w = data;

  g_clear_object (&w->db);
  g_free (w->tooltip);
  g_free (w);
}

/* A code's summary, fetched when the pointer rests on its row, not for every row bound. */
static gboolean
on_row_query_tooltip (GtkWidget  *row,
                      int         x,
                      int         y,
                      gboolean    keyboard_mode,
                      GtkTooltip *tooltip,
                      gpointer    user_data)
{
  ScCodeListRow *w = sc_code_list_row_from_widget (row);
  g_autofree char *summary = NULL;

  if (w->tooltip != NULL)
    return sc_tooltip_fill (tooltip, w->tooltip);
  if (w->tooltip_code == 0 || w->db == NULL
      || !sc_kb_database_get_brief (w->db, w->tooltip_code, w->lang, NULL, NULL, &summary))
    return FALSE;
  return sc_tooltip_fill (tooltip, summary);
}

/**
 * sc_code_list_row_setup:
 * Makes @list_item's row, for the factory's "setup".
 */
void
sc_code_list_row_setup (GtkListItem *list_item)
{
  ScCodeListRow *w = g_new0 (ScCodeListRow, 1);
  GtkGrid *grid;

  /* One grid for every kind of row, a class header too (its title in the reason's place): as
   * few widgets as a row can have, built for each row on screen before the first frame. A grid,
   * not boxes: a horizontal box asks a box of wrapping labels how narrow it can be at the
   * row's height, and GTK 4.8 answers by laying each label out a dozen times. */
  w->row = gtk_grid_new ();
  grid = GTK_GRID (w->row);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 2);
  w->number = gtk_label_new (NULL);
  gtk_widget_add_css_class (w->number, "code-number");
  gtk_widget_add_css_class (w->number, "numeric");
  gtk_widget_set_valign (w->number, GTK_ALIGN_START);
  w->icon = gtk_image_new_from_icon_name ("sc-compare-symbolic");
  w->reason = wrapping_label ();
  w->name = wrapping_label ();
  gtk_widget_add_css_class (w->name, "dim-label");
  gtk_widget_add_css_class (w->name, "caption");
  w->star = gtk_image_new_from_icon_name ("sc-starred-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->star), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Favourite"), -1);

  gtk_widget_set_valign (w->star, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (w->reason, TRUE);
  gtk_grid_attach (grid, w->number, 0, 0, 1, 2);
  gtk_grid_attach (grid, w->icon, 1, 0, 1, 2);
  gtk_grid_attach (grid, w->reason, 2, 0, 1, 1);
  gtk_grid_attach (grid, w->name, 2, 1, 1, 1);
  gtk_grid_attach (grid, w->star, 3, 0, 1, 2);
  gtk_widget_set_has_tooltip (w->row, TRUE);
  g_signal_connect (w->row, "query-tooltip", G_CALLBACK (on_row_query_tooltip), NULL);
  w->list_item = list_item;
  g_object_set_data_full (G_OBJECT (w->row), ROW_KEY, w, row_free);
  gtk_list_item_set_child (list_item, w->row);
}

static void
bind_header (GtkListItem    *list_item,
             ScCodeListRow     *w,
             ScCodeListItem *item)
{
  gtk_label_set_label (GTK_LABEL (w->reason), sc_code_list_item_get_title (item));
  gtk_widget_add_css_class (w->row, "list-group-header");
  gtk_widget_add_css_class (w->reason, "heading");
  gtk_widget_set_visible (w->number, FALSE);
  gtk_widget_set_visible (w->icon, FALSE);
  gtk_widget_set_visible (w->name, FALSE);
  gtk_widget_set_visible (w->star, FALSE);
  w->tooltip_code = 0;
  g_clear_pointer (&w->tooltip, g_free);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_comparison (ScCodeListRow     *w,
                 ScCodeListItem *item)
{
  g_autofree char *text = g_strdup_printf (_("Compare %u and %u"), sc_code_list_item_get_code (item),
                                           sc_code_list_item_get_compare_with (item));

  gtk_widget_set_visible (w->number, FALSE);
  gtk_widget_set_visible (w->icon, TRUE);
  gtk_widget_set_visible (w->name, FALSE);
  gtk_widget_set_visible (w->star, FALSE);
  gtk_label_set_label (GTK_LABEL (w->reason), text);
  w->tooltip_code = 0;
  g_clear_pointer (&w->tooltip, g_free);
}

static void
bind_rfc_section (ScCodeListRow     *w,
                  ScCodeListItem *item)
{
  g_autofree char *number = g_strdup_printf ("RFC %u", sc_code_list_item_get_rfc (item));
  const char *section = sc_code_list_item_get_section (item);
  g_autofree char *title = *section ? g_strdup_printf ("§%s %s", section, sc_code_list_item_get_section_title (item))
                                    : g_strdup (sc_code_list_item_get_section_title (item));

  gtk_label_set_label (GTK_LABEL (w->number), number);
  gtk_label_set_label (GTK_LABEL (w->reason), title);
  gtk_widget_set_visible (w->number, TRUE);
  gtk_widget_set_visible (w->icon, FALSE);
  gtk_widget_set_visible (w->name, FALSE);
  gtk_widget_set_visible (w->star, FALSE);
  w->tooltip_code = 0;
  g_free (w->tooltip);
  w->tooltip = g_steal_pointer (&title);
}

static void
bind_code (ScCodeListRow  *w,
           ScCodeListItem *item,
           gboolean        starred)
{
  guint code = sc_code_list_item_get_code (item);
  g_autofree char *number = g_strdup_printf ("%u", code);
  g_autofree char *reason = NULL, *name = NULL;

  /* Only what the row shows: the whole entry (texts, sources) would cost a row ten times more,
   * and the rows on screen are bound before the first frame. */
  if (w->db == NULL || !sc_kb_database_get_brief (w->db, code, w->lang, &reason, &name, NULL))
    {
      reason = g_strdup ("");
      name = g_strdup ("");
    }

  gtk_label_set_label (GTK_LABEL (w->number), number);
  gtk_label_set_label (GTK_LABEL (w->reason), reason);
  gtk_label_set_label (GTK_LABEL (w->name), name);
  gtk_widget_set_visible (w->number, TRUE);
  gtk_widget_set_visible (w->icon, FALSE);
  /* A name the reason phrase already says is not said twice ("Accepted (Deprecated)"). */
  gtk_widget_set_visible (w->name, *name != '\0' && strstr (reason, name) == NULL);
  gtk_widget_set_visible (w->star, starred);
  w->tooltip_code = code;
  g_clear_pointer (&w->tooltip, g_free);
}

/**
 * sc_code_list_row_bind:
 * @db: (nullable): where a code's texts come from
 * @starred: whether a code is a favourite
 *
 * Shows @list_item's item in its row, for the factory's "bind".
 */
void
sc_code_list_row_bind (GtkListItem  *list_item,
                       ScKbDatabase *db,
                       ScKbLang      lang,
                       gboolean      starred)
{
  ScCodeListItem *item = gtk_list_item_get_item (list_item);
  ScCodeListRow *w = sc_code_list_row_from_widget (gtk_list_item_get_child (list_item));

  g_set_object (&w->db, db);
  w->lang = lang;

  if (sc_code_list_item_is_header (item))
    {
      bind_header (list_item, w, item);
      return;
    }
  gtk_widget_remove_css_class (w->row, "list-group-header");
  gtk_widget_remove_css_class (w->reason, "heading");
  gtk_list_item_set_selectable (list_item, TRUE);
  gtk_list_item_set_activatable (list_item, TRUE);
  if (sc_code_list_item_get_compare_with (item) != 0)
    bind_comparison (w, item);
  else if (sc_code_list_item_get_rfc (item) != 0)
    bind_rfc_section (w, item);
  else
    bind_code (w, item, starred);
}

/* Returns: (nullable): the row @widget is (a list item's child), or NULL for any other widget. */
ScCodeListRow *
sc_code_list_row_from_widget (GtkWidget *widget)
{
  return widget != NULL ? g_object_get_data (G_OBJECT (widget), ROW_KEY) : NULL;
}

/* Where the row's item is in the list. */
guint
sc_code_list_row_get_position (ScCodeListRow *self)
{
  return gtk_list_item_get_position (self->list_item);
}

/* Whether the row opens something (a class header does not). */
gboolean
sc_code_list_row_is_activatable (ScCodeListRow *self)
{
  return gtk_list_item_get_activatable (self->list_item);
}
