#define G_LOG_DOMAIN "sc-compare-page"

#include "sc-compare-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-rfc-page.h"
#include "sc-section.h"
#include "sc-tooltip.h"

struct _ScComparePage
{
  GtkWidget       parent_instance;

  GtkWidget      *pickers;
  GtkDropDown    *picker_a;
  GtkDropDown    *picker_b;
  GtkWidget      *swap_button;
  GtkWidget      *scroller;
  AdwClamp       *clamp;
  GtkBox         *content;

  ScKbDatabase   *db;
  ScKbComparison *comparison;
  ScKbLang        langs[SC_KB_N_LANGS];
  guint           n_langs;
  GPtrArray      *column_boxes;   /* boxes whose orientation follows the width */
  gboolean        narrow;
};

G_DEFINE_FINAL_TYPE (ScComparePage, sc_compare_page, GTK_TYPE_WIDGET)

enum { SIGNAL_CODES_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static guint
picked_code (ScComparePage *self,
             GtkDropDown   *picker)
{
  guint position = gtk_drop_down_get_selected (picker);
  GArray *codes = sc_kb_database_get_codes (self->db);

  return position < codes->len ? g_array_index (codes, guint, position) : 0;
}

static void
select_code (ScComparePage *self,
             GtkDropDown   *picker,
             guint          code)
{
  GArray *codes = sc_kb_database_get_codes (self->db);

  for (guint i = 0; i < codes->len; i++)
    if (g_array_index (codes, guint, i) == code)
      gtk_drop_down_set_selected (picker, i);
}

static void on_picked (ScComparePage *self);

static void
set_pickers (ScComparePage *self,
             guint          a,
             guint          b)
{
  g_signal_handlers_block_by_func (self->picker_a, on_picked, self);
  g_signal_handlers_block_by_func (self->picker_b, on_picked, self);
  select_code (self, self->picker_a, a);
  select_code (self, self->picker_b, b);
  g_signal_handlers_unblock_by_func (self->picker_a, on_picked, self);
  g_signal_handlers_unblock_by_func (self->picker_b, on_picked, self);
}

static GtkWidget *
columns_box (ScComparePage *self)
{
  GtkWidget *box = gtk_box_new (self->narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL, 24);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  g_ptr_array_add (self->column_boxes, box);
  return box;
}

/* Summary, key differences and which to expect when: one column per content language. */
static GtkWidget *
notes_column (ScComparePage *self,
              ScKbLang       lang)
{
  ScKbComparison *c = self->comparison;
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *section;

  section = sc_section_new (sc_kb_database_term (self->db, "Label", "summary", lang));
  sc_section_add_paragraphs (SC_SECTION (section), sc_kb_comparison_get_summary (c, lang));
  gtk_box_append (GTK_BOX (column), section);
  /* The facts grid shows the structural differences; curated notes add what it cannot say. */
  section = sc_section_new (sc_kb_database_term (self->db, "Label", "differences", lang));
  sc_section_add_bullets (SC_SECTION (section), sc_kb_comparison_is_curated (c)
                                                ? sc_kb_comparison_get_noted_differences (c, lang)
                                                : sc_kb_comparison_get_differences (c, lang));
  gtk_box_append (GTK_BOX (column), section);
  section = sc_section_new (sc_kb_database_term (self->db, "Label", "when", lang));
  sc_section_add_bullets (SC_SECTION (section), sc_kb_comparison_get_whens (c, lang));
  gtk_box_append (GTK_BOX (column), section);
  gtk_widget_set_valign (column, GTK_ALIGN_START);
  return column;
}

static GtkWidget *
grid_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = sc_section_text_label (text);

  /* Three columns must fit a 360 px window. */
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
facts_grid (ScComparePage *self,
            ScKbLang       lang)
{
  GPtrArray *rows = sc_kb_comparison_get_facts (self->comparison, lang);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *caption;
  g_autofree char *a = g_strdup_printf ("%u", sc_kb_entry_get_code (sc_kb_comparison_get_a (self->comparison)));
  g_autofree char *b = g_strdup_printf ("%u", sc_kb_entry_get_code (sc_kb_comparison_get_b (self->comparison)));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), FALSE);
  gtk_widget_add_css_class (grid, "card");
  gtk_widget_add_css_class (grid, "facts");
  gtk_grid_attach (GTK_GRID (grid), grid_label (a, "heading"), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), grid_label (b, "heading"), 2, 0, 1, 1);
  /* Only the class and the facts that differ are rows (sc-kb-comparison.c): no bold-or-grey
   * code to learn, the caption says what is there. */
  for (guint i = 0; i < rows->len; i++)
    {
      ScKbFactRow *row = g_ptr_array_index (rows, i);

      gtk_grid_attach (GTK_GRID (grid), grid_label (row->label, "dim-label"), 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), grid_label (row->value_a, NULL), 1, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), grid_label (row->value_b, NULL), 2, i + 1, 1, 1);
    }
  caption = gtk_label_new (rows->len > 1 ? _("The class of each, and every fact in which they differ")
                                         : _("The class of each: all their other facts are the same"));
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), caption, 0, rows->len + 1, 3, 1);
  return grid;
}

/* Each code's own description, causes and fixes, side by side. */
static GtkWidget *
code_column (ScComparePage *self,
             ScKbEntry     *entry,
             ScKbLang       lang)
{
  const ScKbText *text = sc_kb_entry_get_text (entry, lang);
  g_autofree char *title = g_strdup_printf ("%u %s", sc_kb_entry_get_code (entry), sc_kb_entry_get_reason (entry));
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *section = sc_section_new (title);

  sc_section_add_paragraphs (SC_SECTION (section), text->description);
  gtk_box_append (GTK_BOX (column), section);
  section = sc_section_new (sc_kb_database_term (self->db, "Label", "causes", lang));
  sc_section_add_bullets (SC_SECTION (section), (const char * const *) text->causes);
  gtk_box_append (GTK_BOX (column), section);
  section = sc_section_new (sc_kb_database_term (self->db, "Label", "fixes", lang));
  sc_section_add_bullets (SC_SECTION (section), (const char * const *) text->fixes);
  gtk_box_append (GTK_BOX (column), section);
  gtk_widget_set_valign (column, GTK_ALIGN_START);
  return column;
}

static void show_picked (ScComparePage *self, guint a, guint b);

static void
on_partner_clicked (GtkButton     *button,
                    ScComparePage *self)
{
  guint a = sc_kb_entry_get_code (sc_kb_comparison_get_a (self->comparison));

  show_picked (self, a, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "code")));
}

/* The pairs of the first code that have curated notes, offered first: the confusions that
 * engineers actually meet. Nothing when there are none besides the one shown. */
static GtkWidget *
partners_row (ScComparePage *self,
              ScKbLang       lang)
{
  guint a = sc_kb_entry_get_code (sc_kb_comparison_get_a (self->comparison));
  guint b = sc_kb_entry_get_code (sc_kb_comparison_get_b (self->comparison));
  g_autoptr(GArray) partners = sc_kb_database_get_partners (self->db, a);
  g_autofree char *title = g_strdup_printf (_("Compared in depth with %u:"), a);
  GtkWidget *row, *buttons, *label;
  guint shown = 0;

  for (guint i = 0; i < partners->len; i++)
    shown += g_array_index (partners, guint, i) != b;
  if (shown == 0)
    return NULL;
  row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (row), label);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (row), buttons);
  for (guint i = 0; i < partners->len; i++)
    {
      guint code = g_array_index (partners, guint, i);
      g_autofree char *text = g_strdup_printf ("%u", code);
      g_autoptr(ScKbEntry) entry = NULL;
      GtkWidget *button;

      if (code == b || !(entry = sc_kb_database_lookup (self->db, code, NULL)))
        continue;
      button = gtk_button_new_with_label (text);
      sc_tooltip_set (button, sc_kb_entry_get_text (entry, lang)->name);
      g_object_set_data (G_OBJECT (button), "code", GUINT_TO_POINTER (code));
      g_signal_connect (button, "clicked", G_CALLBACK (on_partner_clicked), self);
      gtk_box_append (GTK_BOX (buttons), button);
    }
  return row;
}

static void
rebuild (ScComparePage *self)
{
  ScKbLang primary = self->langs[0];
  GtkWidget *box;

  sc_section_clear_box (self->content);
  g_ptr_array_set_size (self->column_boxes, 0);
  /* Lines of readable length: one language's notes span the page, two share it. */
  adw_clamp_set_maximum_size (self->clamp, self->n_langs > 1 ? 1100 : 900);

  box = partners_row (self, primary);
  if (box != NULL)
    gtk_box_append (self->content, box);

  /* The table first: what differs at a glance, before the notes that explain it. */
  gtk_box_append (self->content, facts_grid (self, primary));
  box = columns_box (self);
  for (guint i = 0; i < self->n_langs; i++)
    {
      GtkWidget *column = notes_column (self, self->langs[i]);
      GtkWidget *sources = i == 0 ? sc_rfc_sources_section (self->db, sc_kb_comparison_get_citations (self->comparison),
                                                             self->langs[i])
                                  : NULL;
      if (sources != NULL)
        gtk_box_append (GTK_BOX (column), sources);
      gtk_box_append (GTK_BOX (box), column);
    }
  gtk_box_append (self->content, box);
  box = columns_box (self);
  gtk_box_append (GTK_BOX (box), code_column (self, sc_kb_comparison_get_a (self->comparison), primary));
  gtk_box_append (GTK_BOX (box), code_column (self, sc_kb_comparison_get_b (self->comparison), primary));
  gtk_box_append (self->content, box);
  sc_rfc_link_mentions (GTK_WIDGET (self->content), self->db);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0.0);
}

/**
 * sc_compare_page_show:
 * Shows @a beside @b. Fails (and keeps what it showed) for the same code twice or a code the
 * knowledge base lacks.
 */
gboolean
sc_compare_page_show (ScComparePage  *self,
                      guint           a,
                      guint           b,
                      const ScKbLang *langs,
                      guint           n_langs,
                      GError        **error)
{
  g_autoptr(ScKbComparison) comparison = NULL;

  g_return_val_if_fail (SC_IS_COMPARE_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  comparison = sc_kb_comparison_new (self->db, a, b, error);
  if (comparison == NULL)
    return FALSE;
  g_set_object (&self->comparison, comparison);
  memcpy (self->langs, langs, n_langs * sizeof (ScKbLang));
  self->n_langs = n_langs;
  set_pickers (self, a, b);
  rebuild (self);
  return TRUE;
}

static void
show_picked (ScComparePage *self,
             guint          a,
             guint          b)
{
  if (a == 0 || b == 0 || a == b)
    return;   /* the pickers show the same code for a moment while the user changes one */
  if (sc_compare_page_show (self, a, b, self->langs, self->n_langs, NULL))
    g_signal_emit (self, signals[SIGNAL_CODES_CHANGED], 0, a, b);
}

static void
on_picked (ScComparePage *self)
{
  show_picked (self, picked_code (self, self->picker_a), picked_code (self, self->picker_b));
}

static void
on_swap (ScComparePage *self)
{
  show_picked (self, picked_code (self, self->picker_b), picked_code (self, self->picker_a));
}

static void
sc_compare_page_dispose (GObject *object)
{
  ScComparePage *self = SC_COMPARE_PAGE (object);

  sc_section_dispose_children (GTK_WIDGET (self), SC_TYPE_COMPARE_PAGE);
  g_clear_object (&self->db);
  g_clear_object (&self->comparison);
  g_clear_pointer (&self->column_boxes, g_ptr_array_unref);
  G_OBJECT_CLASS (sc_compare_page_parent_class)->dispose (object);
}

static void
sc_compare_page_class_init (ScComparePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_compare_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-compare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScComparePage, pickers);
  gtk_widget_class_bind_template_child (widget_class, ScComparePage, picker_a);
  gtk_widget_class_bind_template_child (widget_class, ScComparePage, picker_b);
  gtk_widget_class_bind_template_child (widget_class, ScComparePage, swap_button);
  gtk_widget_class_bind_template_child (widget_class, ScComparePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ScComparePage, clamp);
  gtk_widget_class_bind_template_child (widget_class, ScComparePage, content);

  /**
   * ScComparePage::codes-changed:
   * The user picked other codes or swapped them.
   */
  signals[SIGNAL_CODES_CHANGED] =
    g_signal_new ("codes-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list can scroll once it has a size: on the first frame that gives it one. */
static gboolean
scroll_to_selected (GtkWidget     *list,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  GtkDropDown *picker = user_data;
  guint selected = gtk_drop_down_get_selected (picker);

  if (gtk_widget_get_height (list) == 0)
    return G_SOURCE_CONTINUE;
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", selected);
  return G_SOURCE_REMOVE;
}

/* A picker opens on the code it shows, ready for typing: GTK 4.8's drop-down opens at the top
 * of its list with the focus on the list. */
static void
on_picker_mapped (GtkWidget   *popover,
                  GtkDropDown *picker)
{
  GtkWidget *entry = find_descendant (popover, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *list = find_descendant (popover, GTK_TYPE_LIST_VIEW);

  if (list != NULL)
    gtk_widget_add_tick_callback (list, scroll_to_selected, picker, NULL);
  if (entry != NULL)
    gtk_widget_grab_focus (entry);
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* A picker's button shortens a long name ("437 Unsupported Credential · 未対応の…") so that the
 * page fits a phone; its list shows every name in full. */
static GtkListItemFactory *
label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);
  return factory;
}

static void
watch_picker (GtkDropDown *picker)
{
  GtkWidget *popover = find_descendant (GTK_WIDGET (picker), GTK_TYPE_POPOVER);

  if (popover != NULL)
    g_signal_connect_after (popover, "map", G_CALLBACK (on_picker_mapped), picker);
}

static void
sc_compare_page_init (ScComparePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sc_tooltip_set (self->swap_button, _("Swap"));
  self->column_boxes = g_ptr_array_new ();
  self->langs[0] = sc_kb_lang_from_locale ();
  self->n_langs = 1;
  g_signal_connect_swapped (self->picker_a, "notify::selected", G_CALLBACK (on_picked), self);
  g_signal_connect_swapped (self->picker_b, "notify::selected", G_CALLBACK (on_picked), self);
  g_signal_connect_swapped (self->swap_button, "clicked", G_CALLBACK (on_swap), self);
  watch_picker (self->picker_a);
  watch_picker (self->picker_b);
  for (guint i = 0; i < 2; i++)
    {
      GtkDropDown *picker = i == 0 ? self->picker_a : self->picker_b;
      g_autoptr(GtkListItemFactory) button = label_factory (TRUE), list = label_factory (FALSE);

      gtk_drop_down_set_factory (picker, button);
      gtk_drop_down_set_list_factory (picker, list);
    }
}

GtkWidget *
sc_compare_page_new (void)
{
  return g_object_new (SC_TYPE_COMPARE_PAGE, NULL);
}

/* The pickers list every code as "486 Busy Here · 話中": the Japanese name is part of a code's
 * identity here (the list shows it too), and typing it finds the code. */
void
sc_compare_page_setup (ScComparePage *self,
                       ScKbDatabase  *db)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  GArray *codes;

  g_return_if_fail (SC_IS_COMPARE_PAGE (self));
  g_set_object (&self->db, db);
  codes = sc_kb_database_get_codes (db);
  for (guint i = 0; i < codes->len; i++)
    {
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, g_array_index (codes, guint, i), NULL);
      const char *reason = entry ? sc_kb_entry_get_reason (entry) : "";
      const char *name = entry ? sc_kb_entry_get_text (entry, SC_KB_LANG_JA)->name : "";
      g_autofree char *label = g_str_equal (name, reason) || *name == '\0'
                               ? g_strdup_printf ("%u %s", g_array_index (codes, guint, i), reason)
                               : g_strdup_printf ("%u %s · %s", g_array_index (codes, guint, i), reason, name);
      gtk_string_list_append (items, label);
    }
  g_signal_handlers_block_by_func (self->picker_a, on_picked, self);
  g_signal_handlers_block_by_func (self->picker_b, on_picked, self);
  gtk_drop_down_set_model (self->picker_a, G_LIST_MODEL (items));
  gtk_drop_down_set_model (self->picker_b, G_LIST_MODEL (items));
  gtk_drop_down_set_expression (self->picker_a, gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_expression (self->picker_b, gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  g_signal_handlers_unblock_by_func (self->picker_a, on_picked, self);
  g_signal_handlers_unblock_by_func (self->picker_b, on_picked, self);
}

void
sc_compare_page_set_narrow (ScComparePage *self,
                            gboolean       narrow)
{
  g_return_if_fail (SC_IS_COMPARE_PAGE (self));
  self->narrow = narrow;
  /* Two code names side by side do not fit 360 px: one above the other. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->pickers), narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  for (guint i = 0; i < self->column_boxes->len; i++)
    gtk_orientable_set_orientation (g_ptr_array_index (self->column_boxes, i),
                                    narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

ScKbComparison *
sc_compare_page_get_comparison (ScComparePage *self)
{
  g_return_val_if_fail (SC_IS_COMPARE_PAGE (self), NULL);
  return self->comparison;
}

char *
sc_compare_page_get_text (ScComparePage *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (SC_IS_COMPARE_PAGE (self), NULL);
  sc_section_collect_text (GTK_WIDGET (self->content), out);
  return g_string_free (out, FALSE);
}
