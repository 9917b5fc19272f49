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
  int       maximum_width;   /* the natural width at most, or -1 */
  gboolean  scrolls;         /* the child scrolls: its height does not depend on its width */
};

G_DEFINE_FINAL_TYPE (ScPane, sc_pane, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_MAXIMUM_WIDTH, PROP_SCROLLS, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* A pane whose child scrolls is measured once each way: GTK then never lays its wrapping
 * labels out at the narrowest width the window could take, one character a line, to find how
 * tall the window would have to be. */
static GtkSizeRequestMode
sc_pane_get_request_mode (GtkWidget *widget)
{
  return SC_PANE (widget)->scrolls ? GTK_SIZE_REQUEST_CONSTANT_SIZE : GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
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
  ScPane *self = SC_PANE (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_get_visible (child))
    return;
  gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, NULL, NULL);
  /* A line of text no longer than can be read (what width-chars would do, without the font
   * metrics GTK 4.8 works out afresh for each label that has it). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->maximum_width >= 0)
    *natural = MAX (*minimum, MIN (*natural, self->maximum_width));
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
sc_pane_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_MAXIMUM_WIDTH:
      g_value_set_int (value, SC_PANE (object)->maximum_width);
      break;
    case PROP_SCROLLS:
      g_value_set_boolean (value, SC_PANE (object)->scrolls);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_pane_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  ScPane *self = SC_PANE (object);

  switch (prop_id)
    {
    case PROP_MAXIMUM_WIDTH:
      if (self->maximum_width != g_value_get_int (value))
        {
          self->maximum_width = g_value_get_int (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SCROLLS:
      if (self->scrolls != g_value_get_boolean (value))
        {
          self->scrolls = g_value_get_boolean (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_pane_class_init (ScPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_pane_dispose;
  object_class->get_property = sc_pane_get_property;
  object_class->set_property = sc_pane_set_property;
  /* ScPane:maximum-width: the widest the pane asks to be, in pixels; -1 for its child's width. */
  properties[PROP_MAXIMUM_WIDTH] =
    g_param_spec_int ("maximum-width", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* ScPane:scrolls: whether the child scrolls, so that its height depends on its width no
   * more than its width on its height (a side of the leaflet). */
  properties[PROP_SCROLLS] =
    g_param_spec_boolean ("scrolls", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->get_request_mode = sc_pane_get_request_mode;
  widget_class->measure = sc_pane_measure;
  widget_class->size_allocate = sc_pane_size_allocate;
  widget_class->compute_expand = sc_pane_compute_expand;
}

static void
sc_pane_init (ScPane *self)
{
  self->maximum_width = -1;
}
