/* How the diagram moves with the scrolled windows around it: the selected row brought into
 * view, the hosts pinned over the rows, the wheel passed on to the pane that scrolls up and
 * down. Drawing is sc-ladder-view-layout.c's. */
#define G_LOG_DOMAIN "sc-ladder-view"

#include <math.h>

#include "sc-ladder-view-private.h"

/* The scrolled window that moves the diagram up and down: in the capture page that is the
 * details pane's, around the diagram's own sideways-only one. */
static GtkScrolledWindow *
vertical_scroller (ScLadderView *self)
{
  GtkPolicyType vertical;

  for (GtkWidget *w = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW); w != NULL;
       w = gtk_widget_get_ancestor (gtk_widget_get_parent (w), GTK_TYPE_SCROLLED_WINDOW))
    {
      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (w), NULL, &vertical);
      if (vertical != GTK_POLICY_NEVER)
        return GTK_SCROLLED_WINDOW (w);
    }
  return NULL;
}

/**
 * sc_ladder_view_header_top:
 *
 * Returns: where the hosts' row is drawn: 0, or lower while the diagram's top is scrolled out
 * of sight, so that the addresses stay on screen above the arrows (never below the last row)
 */
int
sc_ladder_view_header_top (ScLadderView *self)
{
  GtkScrolledWindow *scroller = vertical_scroller (self);
  double x, y;

  if (scroller == NULL || self->rows->len == 0 ||
      !gtk_widget_translate_coordinates (GTK_WIDGET (scroller), GTK_WIDGET (self), 0, 0, &x, &y) || y <= 0)
    return 0;
  return MIN ((int) y, gtk_widget_get_height (GTK_WIDGET (self)) - self->header_height - self->row_height);
}

/* The selected row into view (below the pinned hosts) when the diagram is in a scrolled window. */
static void
scroll_to_selected (ScLadderView *self)
{
  GtkScrolledWindow *scroller = vertical_scroller (self);
  GtkWidget *scrolled = GTK_WIDGET (scroller);
  GtkWidget *viewport = scrolled ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  GtkAdjustment *adjustment;
  graphene_rect_t rect;
  double x, y;

  if (viewport == NULL || self->selected >= self->rows->len)
    return;
  sc_ladder_view_row_rect (self, self->selected, &rect);
  /* The first row with the hosts above it, the last with the margin below. */
  if (self->selected == 0)
    graphene_rect_init (&rect, 0, 0, rect.size.width, rect.origin.y + rect.size.height);
  if (self->selected == self->rows->len - 1)
    rect.size.height = gtk_widget_get_height (GTK_WIDGET (self)) - rect.origin.y;
  else
    {
      /* The hosts stay pinned over the rows: the row must clear them. */
      rect.origin.y -= self->header_height;
      rect.size.height += self->header_height;
    }
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self), viewport, rect.origin.x, rect.origin.y, &x, &y))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  y += gtk_adjustment_get_value (adjustment);
  gtk_adjustment_clamp_page (adjustment, y, y + rect.size.height);
}

/* After the next layout, when the scrolled window knows how tall the diagram now is. */
static gboolean
scroll_on_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ScLadderView *self = SC_LADDER_VIEW (widget);
  graphene_rect_t last;

  /* Ticks come before the layout of their frame: wait for one that gave the rows their room. */
  if (self->selected < self->rows->len && self->scroll_wait++ < 10)
    {
      sc_ladder_view_row_rect (self, self->rows->len - 1, &last);
      if (gtk_widget_get_height (widget) < last.origin.y + last.size.height)
        return G_SOURCE_CONTINUE;
    }
  self->scroll_tick = self->scroll_wait = 0;
  scroll_to_selected (self);
  return G_SOURCE_REMOVE;
}

void
sc_ladder_view_queue_scroll_to_selected (ScLadderView *self)
{
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_on_tick, NULL, NULL);
}


/* Scrolling moves the diagram without drawing it again: the pinned hosts must move too. */
void
sc_ladder_view_follow_scroller (ScLadderView *self)
{
  GtkScrolledWindow *scroller = vertical_scroller (self);

  if (scroller == NULL)
    return;
  self->scroll_adjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (scroller));
  g_signal_connect_object (self->scroll_adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
}

void
sc_ladder_view_unfollow_scroller (ScLadderView *self)
{
  if (self->scroll_adjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->scroll_adjustment, self);
  g_clear_object (&self->scroll_adjustment);
}

/* The diagram's own scrolled window only scrolls sideways, yet GTK 4.8's takes the wheel's
 * up and down too, and the pane around it never scrolls while the pointer is on the diagram.
 * Up and down go to the pane, by GTK's own step for a wheel notch. */
static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           ScLadderView             *self)
{
  GtkWidget *inner = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkScrolledWindow *scroller = vertical_scroller (self);
  GtkAdjustment *adjustment;
  double step;

  if (dy == 0 || scroller == NULL || GTK_WIDGET (scroller) == inner)
    return FALSE;
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
         ? pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0) : 1;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  /* Sideways, the diagram's own scrolled window still has its part of the event. */
  return dx == 0;
}

void
sc_ladder_view_scroll_init (ScLadderView *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}
