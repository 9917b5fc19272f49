/* The ladder diagram of one call (issue 15): hosts as columns, one arrow per message with its
 * time and code chip. This file holds the selection, the input and the API; the rows are made
 * in sc-ladder-view-rows.c, measured and drawn in sc-ladder-view-layout.c. */
#define G_LOG_DOMAIN "sc-ladder-view"

#include "sc-ladder-view-private.h"

#include <glib/gi18n.h>

#include "sc-tooltip.h"

G_DEFINE_FINAL_TYPE (ScLadderView, sc_ladder_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SELECTED, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_MESSAGE_ACTIVATED, SIGNAL_ACTIVATE, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Selection and accessibility --------------------------------------------------------------- */

static const char *
host_name (ScLadderView *self,
           guint         index)
{
  return g_array_index (self->hosts, ScLadderHost, index).name;
}

/* A screen reader hears the selected message: the label changes as the selection moves. */
static void
update_accessible (ScLadderView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *time = NULL;
  const ScLadderRow *row;

  if (self->selected >= self->rows->len)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Messages of the call"), -1);
      return;
    }
  row = &g_array_index (self->rows, ScLadderRow, self->selected);
  time = sc_ladder_view_format_time (row->t_us);
  /* TRANSLATORS: the selected message of a call's ladder diagram: its number, how many there are,
   * its time since the first, sender, receiver and first line ("486 Busy Here") */
  label = g_strdup_printf (row->retransmission ? _("Message %u of %u, %s, from %s to %s: %s, a retransmission")
                                               : _("Message %u of %u, %s, from %s to %s: %s"),
                           self->selected + 1, self->rows->len, time,
                           host_name (self, row->src), host_name (self, row->dst), row->summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
set_selected (ScLadderView *self,
              guint         index)
{
  if (index >= self->rows->len)
    index = GTK_INVALID_LIST_POSITION;
  if (self->selected == index)
    return;
  self->selected = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* Input ------------------------------------------------------------------------------------- */

static void
sc_ladder_view_activate_selected (ScLadderView *self)
{
  if (self->selected < self->rows->len)
    g_signal_emit (self, signals[SIGNAL_MESSAGE_ACTIVATED], 0, self->selected);
}

/* Up, Down, Home, End, Page Up, Page Down: @args is how far to move. */
static gboolean
move_selection (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  ScLadderView *self = SC_LADDER_VIEW (widget);
  gint64 target;
  int delta;

  if (self->rows->len == 0)
    return FALSE;
  g_variant_get (args, "i", &delta);
  if (self->selected >= self->rows->len)
    target = delta > 0 ? 0 : self->rows->len - 1;
  else
    target = CLAMP ((gint64) self->selected + delta, 0, (gint64) self->rows->len - 1);
  set_selected (self, (guint) target);
  sc_ladder_view_queue_scroll_to_selected (self);
  return TRUE;
}

static void
press_at (ScLadderView *self,
          double        y)
{
  self->pressed = sc_ladder_view_row_at (self, y);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->pressed != GTK_INVALID_LIST_POSITION)
    set_selected (self, self->pressed);
}

static void
release_at (ScLadderView *self,
            double        y)
{
  guint row = sc_ladder_view_row_at (self, y);

  if (row != GTK_INVALID_LIST_POSITION && row == self->pressed)
    sc_ladder_view_activate_selected (self);
  self->pressed = GTK_INVALID_LIST_POSITION;
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            ScLadderView    *self)
{
  press_at (self, y);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             ScLadderView    *self)
{
  release_at (self, y);
}

void
sc_ladder_view_click_at (ScLadderView *self,
                         double        x,
                         double        y)
{
  press_at (self, y);
  release_at (self, y);
}

/* A host's whole address over its box, a message's first line over its row. */
static gboolean
sc_ladder_view_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  ScLadderView *self = SC_LADDER_VIEW (widget);
  guint index = keyboard_mode ? self->selected : sc_ladder_view_row_at (self, y);
  guint host = sc_ladder_view_host_at (self, x, y);
  g_autofree char *text = NULL;
  const ScLadderRow *row;

  if (!keyboard_mode && host != GTK_INVALID_LIST_POSITION)
    return sc_tooltip_fill (tooltip, host_name (self, host));
  if (index >= self->rows->len)
    return FALSE;
  row = &g_array_index (self->rows, ScLadderRow, index);
  text = g_strdup_printf ("%s → %s\n%s", host_name (self, row->src), host_name (self, row->dst), row->line->line);
  return sc_tooltip_fill (tooltip, text);
}

/* Style ------------------------------------------------------------------------------------- */

/* A new font, text scale or scale factor: every layout is measured again. */
static void
invalidate_layouts (ScLadderView *self)
{
  for (guint i = 0; i < self->hosts->len; i++)
    pango_layout_context_changed (g_array_index (self->hosts, ScLadderHost, i).layout);
  for (guint i = 0; i < self->rows->len; i++)
    {
      ScLadderRow *row = &g_array_index (self->rows, ScLadderRow, i);
      pango_layout_context_changed (row->time);
      pango_layout_context_changed (row->label);
    }
  self->metrics_valid = FALSE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
sc_ladder_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sc_ladder_view_parent_class)->css_changed (widget, change);
  invalidate_layouts (SC_LADDER_VIEW (widget));
}

static void
sc_ladder_view_system_setting_changed (GtkWidget        *widget,
                                       GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (sc_ladder_view_parent_class)->system_setting_changed (widget, setting);
  invalidate_layouts (SC_LADDER_VIEW (widget));
}

/* A viewport scrolls to the top of a child that takes the focus (GTK 4.8's scroll-to-focus,
 * animated): a click on row 80 would jump to row 0. The diagram shows its selected row itself. */
static void
sc_ladder_view_root (GtkWidget *widget)
{
  ScLadderView *self = SC_LADDER_VIEW (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);

  GTK_WIDGET_CLASS (sc_ladder_view_parent_class)->root (widget);
  if (GTK_IS_VIEWPORT (parent))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (parent), FALSE);
  sc_ladder_view_follow_scroller (self);
}

static void
sc_ladder_view_unroot (GtkWidget *widget)
{
  ScLadderView *self = SC_LADDER_VIEW (widget);

  sc_ladder_view_unfollow_scroller (self);
  GTK_WIDGET_CLASS (sc_ladder_view_parent_class)->unroot (widget);
}

/* The focus ring is drawn by the diagram itself, around the selected row. */
static void
on_focus_changed (ScLadderView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Class ------------------------------------------------------------------------------------- */

static void
sc_ladder_view_dispose (GObject *object)
{
  ScLadderView *self = SC_LADDER_VIEW (object);

  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  g_array_set_size (self->rows, 0);
  G_OBJECT_CLASS (sc_ladder_view_parent_class)->dispose (object);
}

static void
sc_ladder_view_finalize (GObject *object)
{
  ScLadderView *self = SC_LADDER_VIEW (object);

  g_array_unref (self->rows);
  g_array_unref (self->hosts);
  G_OBJECT_CLASS (sc_ladder_view_parent_class)->finalize (object);
}

static void
sc_ladder_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_uint (value, SC_LADDER_VIEW (object)->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_ladder_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED:
      sc_ladder_view_select (SC_LADDER_VIEW (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass *widget_class,
                  guint           keyval,
                  guint           keypad_keyval,
                  int             delta)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, move_selection, "i", delta);
  gtk_widget_class_add_binding (widget_class, keypad_keyval, 0, move_selection, "i", delta);
}

static void
sc_ladder_view_class_bindings_init (GtkWidgetClass *widget_class)
{
  const guint activate_keys[] = { GDK_KEY_Return, GDK_KEY_ISO_Enter, GDK_KEY_KP_Enter, GDK_KEY_space, GDK_KEY_KP_Space };

  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, -1);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 1);
  add_move_binding (widget_class, GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, -10);
  add_move_binding (widget_class, GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, 10);
  add_move_binding (widget_class, GDK_KEY_Home, GDK_KEY_KP_Home, G_MININT);
  add_move_binding (widget_class, GDK_KEY_End, GDK_KEY_KP_End, G_MAXINT);
  for (guint i = 0; i < G_N_ELEMENTS (activate_keys); i++)
    gtk_widget_class_add_binding_signal (widget_class, activate_keys[i], 0, "activate", NULL);
}

static void
sc_ladder_view_class_init (ScLadderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_ladder_view_dispose;
  object_class->finalize = sc_ladder_view_finalize;
  object_class->get_property = sc_ladder_view_get_property;
  object_class->set_property = sc_ladder_view_set_property;
  widget_class->measure = sc_ladder_view_measure;
  widget_class->size_allocate = sc_ladder_view_size_allocate;
  widget_class->snapshot = sc_ladder_view_snapshot;
  widget_class->query_tooltip = sc_ladder_view_query_tooltip;
  widget_class->css_changed = sc_ladder_view_css_changed;
  widget_class->root = sc_ladder_view_root;
  widget_class->unroot = sc_ladder_view_unroot;
  widget_class->system_setting_changed = sc_ladder_view_system_setting_changed;

  /**
   * ScLadderView:selected:
   * The position in the messages of the selected one, or %GTK_INVALID_LIST_POSITION.
   */
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScLadderView::message-activated:
   * @index: the message's position in what sc_ladder_view_set_messages() was given
   *
   * A message was clicked, or Enter or Space pressed on the selected one: show it.
   */
  signals[SIGNAL_MESSAGE_ACTIVATED] =
    g_signal_new ("message-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  /* The keybinding (and gtk_widget_activate()) behind message-activated. */
  signals[SIGNAL_ACTIVATE] =
    g_signal_new_class_handler ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (sc_ladder_view_activate_selected), NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[SIGNAL_ACTIVATE]);
  sc_ladder_view_class_bindings_init (widget_class);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_BOX);
  gtk_widget_class_set_css_name (widget_class, "ladder");
}

static void
sc_ladder_view_init (ScLadderView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->rows = g_array_new (FALSE, TRUE, sizeof (ScLadderRow));
  g_array_set_clear_func (self->rows, sc_ladder_row_clear);
  self->hosts = g_array_new (FALSE, TRUE, sizeof (ScLadderHost));
  g_array_set_clear_func (self->hosts, sc_ladder_host_clear);
  self->selected = self->pressed = GTK_INVALID_LIST_POSITION;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  sc_ladder_view_scroll_init (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Messages of the call"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Up and Down choose a message, Enter shows it"),
                                  -1);
}

/* API --------------------------------------------------------------------------------------- */

GtkWidget *
sc_ladder_view_new (void)
{
  return g_object_new (SC_TYPE_LADDER_VIEW, NULL);
}

/**
 * sc_ladder_view_set_messages:
 * @messages: (nullable) (element-type ScCaptureCallMessage): a call's messages in capture
 *   order, as sc_capture_call_get_messages() gives them; read now and not kept
 *
 * Shows @messages, a row each; the selection is cleared.
 */
void
sc_ladder_view_set_messages (ScLadderView *self,
                             GPtrArray    *messages)
{
  g_return_if_fail (SC_IS_LADDER_VIEW (self));

  g_array_set_size (self->rows, 0);
  g_array_set_size (self->hosts, 0);
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    sc_ladder_view_add_row (self, g_ptr_array_index (messages, i),
                            ((ScCaptureCallMessage *) g_ptr_array_index (messages, 0))->time_us);
  self->metrics_valid = FALSE;
  self->pressed = GTK_INVALID_LIST_POSITION;
  set_selected (self, GTK_INVALID_LIST_POSITION);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
sc_ladder_view_get_n_messages (ScLadderView *self)
{
  g_return_val_if_fail (SC_IS_LADDER_VIEW (self), 0);
  return self->rows->len;
}

guint
sc_ladder_view_get_n_hosts (ScLadderView *self)
{
  g_return_val_if_fail (SC_IS_LADDER_VIEW (self), 0);
  return self->hosts->len;
}

/**
 * sc_ladder_view_get_selected:
 * Returns: the selected message's position, or %GTK_INVALID_LIST_POSITION
 */
guint
sc_ladder_view_get_selected (ScLadderView *self)
{
  g_return_val_if_fail (SC_IS_LADDER_VIEW (self), GTK_INVALID_LIST_POSITION);
  return self->selected;
}

/**
 * sc_ladder_view_select:
 * @index: a message's position, or %GTK_INVALID_LIST_POSITION for none
 *
 * Selects that message and scrolls it into view; message-activated is not emitted.
 */
void
sc_ladder_view_select (ScLadderView *self,
                       guint         index)
{
  g_return_if_fail (SC_IS_LADDER_VIEW (self));
  g_return_if_fail (index < self->rows->len || index == GTK_INVALID_LIST_POSITION);
  set_selected (self, index);
  sc_ladder_view_queue_scroll_to_selected (self);
}

/**
 * sc_ladder_view_get_row_bounds:
 * @bounds: (out): the message's row in the widget's coordinates, for a popover to point at
 *
 * Returns: FALSE when there is no such message
 */
gboolean
sc_ladder_view_get_row_bounds (ScLadderView    *self,
                               guint            index,
                               graphene_rect_t *bounds)
{
  g_return_val_if_fail (SC_IS_LADDER_VIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);
  if (index >= self->rows->len)
    return FALSE;
  sc_ladder_view_row_rect (self, index, bounds);
  return TRUE;
}

/**
 * sc_ladder_view_get_summary:
 * Returns: (nullable): what the message's arrow says ("INVITE alice", "486 Busy Here")
 */
const char *
sc_ladder_view_get_summary (ScLadderView *self,
                            guint         index)
{
  g_return_val_if_fail (SC_IS_LADDER_VIEW (self), NULL);
  return index < self->rows->len ? g_array_index (self->rows, ScLadderRow, index).summary : NULL;
}
