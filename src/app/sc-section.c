#define G_LOG_DOMAIN "sc-section"

#include "sc-section.h"

struct _ScSection
{
  GtkBox parent_instance;
};

G_DEFINE_FINAL_TYPE (ScSection, sc_section, GTK_TYPE_BOX)

static void
sc_section_class_init (ScSectionClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "section");
}

static void
sc_section_init (ScSection *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
}

/* Japanese has no spaces to break at: WORD_CHAR lets it wrap between characters. But then the
 * minimum width is one character, and measuring a paragraph's height at that width lays it out
 * a character per line: a few such labels cost seconds. A minimum of some characters keeps
 * every measurement cheap and still fits a 360 px window. */
GtkWidget *
sc_section_text_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 80);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Selectable by mouse, but not a Tab stop: a page would be dozens of them, and the first one
   * focused would open selected. The page scrolls by keyboard instead. */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

GtkWidget *
sc_section_new (const char *title)
{
  ScSection *self = g_object_new (SC_TYPE_SECTION, NULL);

  if (title != NULL)
    {
      GtkWidget *heading = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_add_css_class (heading, "heading");
      gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
      gtk_box_append (GTK_BOX (self), heading);
    }
  return GTK_WIDGET (self);
}

void
sc_section_add_paragraphs (ScSection  *self,
                           const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);

  g_return_if_fail (SC_IS_SECTION (self));
  for (guint i = 0; paragraphs[i] != NULL; i++)
    gtk_box_append (GTK_BOX (self), sc_section_text_label (paragraphs[i]));
}

#define BULLET_KEY "sc-section-bullet"

/* The items in a grid, bullets in one column and texts in the next, so that an item's second
 * line starts under its first word. A grid, not a box per item: a horizontal box asks its
 * wrapping label how narrow it can be at a given height, which GTK 4.8 answers by laying the
 * label out a dozen times over, every time (seconds on a comparison page). */
void
sc_section_add_bullets (ScSection          *self,
                        const char * const *items)
{
  GtkGrid *grid;

  g_return_if_fail (SC_IS_SECTION (self));
  if (items == NULL || items[0] == NULL)
    return;
  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 8);
  for (guint i = 0; items[i] != NULL; i++)
    {
      GtkWidget *bullet = gtk_label_new ("•");

      gtk_widget_set_valign (bullet, GTK_ALIGN_START);
      gtk_accessible_update_state (GTK_ACCESSIBLE (bullet), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      g_object_set_data (G_OBJECT (bullet), BULLET_KEY, GINT_TO_POINTER (TRUE));
      gtk_grid_attach (grid, bullet, 0, i, 1, 1);
      gtk_grid_attach (grid, sc_section_text_label (items[i]), 1, i, 1, 1);
    }
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (grid));
}

/* Every label's text below @widget, in widget order, one per line: what a page shows (an item
 * as "• text"). */
void
sc_section_collect_text (GtkWidget *widget,
                         GString   *out)
{
  if (GTK_IS_LABEL (widget) && g_object_get_data (G_OBJECT (widget), BULLET_KEY) != NULL)
    g_string_append (out, "• ");
  else if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    sc_section_collect_text (child, out);
}

/* In GTK 4.8, gtk_widget_dispose_template() unparents only bound children; a template's
 * unbound root must go too, or the widget is finalized with children left. */
void
sc_section_dispose_children (GtkWidget *widget,
                             GType      widget_type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, widget_type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* Empties a box, e.g. before it is filled for another code. */
void
sc_section_clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* Empties a list box (its placeholder is not a child and stays); GTK 4.8 has no remove_all. */
void
sc_section_clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child too, and removing it lost the empty state. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}
