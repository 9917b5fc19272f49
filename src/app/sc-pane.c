/* ScPane: holds one child (given in the .ui file) whose width does not depend on its height:
 * a side of the window's leaflet, a block of centred text.
 *
 * Asked "how narrow can you be at this height?" (the leaflet asks its sides that, and GTK asks
 * any widget not set to fill its width), a wrapping label lays itself out a dozen times over
 * in GTK 4.8 to find out: a third of the time to the first frame went there. A pane answers
 * with its child's width at any height, and passes on only "how tall at this width?". */
#include "sc-pane.h"

struct _ScPane
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (ScPane, sc_pane, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
sc_pane_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sc_pane_measure (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                        minimum, natural, NULL, NULL);
}

static void
sc_pane_size_allocate (GtkWidget *widget,
                       int        width,
                       int        height,
                       int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL && gtk_widget_get_visible (child))
    gtk_widget_allocate (child, width, height, -1, NULL);
}

/* Expands as its child does (the content side of the leaflet takes the width left). */
static void
sc_pane_compute_expand (GtkWidget *widget,
                        gboolean  *hexpand,
                        gboolean  *vexpand)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *hexpand = child != NULL && gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = child != NULL && gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL);
}

static void
sc_pane_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sc_pane_parent_class)->dispose (object);
}

static void
sc_pane_class_init (ScPaneClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_pane_dispose;
  widget_class->get_request_mode = sc_pane_get_request_mode;
  widget_class->measure = sc_pane_measure;
  widget_class->size_allocate = sc_pane_size_allocate;
  widget_class->compute_expand = sc_pane_compute_expand;
}

static void
sc_pane_init (ScPane *self)
{
}
