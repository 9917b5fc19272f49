/* The ladder diagram of a call (ScLadderView) under Xvfb: its size in a phone-wide scrolled
 * window, the keyboard and the click, the selection across new messages, what the arrows say
 * of hostile bytes, and a real render by the window's renderer (cairo, then GL). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "sc-ladder-line.h"
#include "sc-ladder-view-private.h"

typedef struct {
  GtkWindow      *window;
  GtkWidget      *button;
  GtkWidget      *scrolled;
  ScLadderView   *view;
  GPtrArray      *messages;
  GArray         *activated;
} Fixture;

#define ALICE "192.0.2.10:5060"
#define PROXY "198.51.100.1:5060"
#define BOB   "[2001:db8::20]:5062"

static gboolean
stop (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A layout and a frame or two happen on the frame clock: run the main loop for a while. */
static void
drain (void)
{
  gboolean done = FALSE;

  g_timeout_add (200, stop, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static ScCaptureCallMessage *
message (const char *text,
         gint64      time_us,
         const char *src,
         const char *dst,
         gboolean    retransmission)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  ScCaptureCallMessage *m = sc_capture_call_message_new (bytes, time_us, 0, src, dst, "udp");

  m->retransmission = retransmission;
  return m;
}

/* INVITE →, 100 ←, 180 ←, 486 ←, ACK →, and the INVITE again: three hosts. */
static GPtrArray *
call_messages (void)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_capture_call_message_free);
  gint64 t0 = G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC;

  g_ptr_array_add (messages, message ("INVITE sip:bob@example.com;transport=udp SIP/2.0\r\nVia: x\r\n\r\n", t0, ALICE, PROXY, FALSE));
  g_ptr_array_add (messages, message ("SIP/2.0 100 Trying\r\n\r\n", t0 + 12000, PROXY, ALICE, FALSE));
  g_ptr_array_add (messages, message ("SIP/2.0 180 Ringing\r\n\r\n", t0 + 123000, BOB, PROXY, FALSE));
  g_ptr_array_add (messages, message ("SIP/2.0 486 Busy Here\r\n\r\n", t0 + 2500000, PROXY, ALICE, FALSE));
  g_ptr_array_add (messages, message ("ACK sip:bob@example.com SIP/2.0\r\n\r\n", t0 + 2501000, ALICE, PROXY, FALSE));
  g_ptr_array_add (messages, message ("INVITE sip:bob@example.com SIP/2.0\r\n\r\n", t0 + 3000000, ALICE, PROXY, TRUE));
  return messages;
}

static void
on_activated (ScLadderView *view,
              guint         index,
              Fixture      *f)
{
  g_array_append_val (f->activated, index);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  f->window = GTK_WINDOW (gtk_window_new ());
  f->button = gtk_button_new_with_label ("Before");
  f->scrolled = gtk_scrolled_window_new ();
  f->view = SC_LADDER_VIEW (sc_ladder_view_new ());
  f->activated = g_array_new (FALSE, FALSE, sizeof (guint));
  f->messages = call_messages ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (f->scrolled), GTK_WIDGET (f->view));
  gtk_widget_set_vexpand (f->scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), f->button);
  gtk_box_append (GTK_BOX (box), f->scrolled);
  gtk_window_set_child (f->window, box);
  gtk_window_set_default_size (f->window, 360, 480);
  g_signal_connect (f->view, "message-activated", G_CALLBACK (on_activated), f);
  sc_ladder_view_set_messages (f->view, f->messages);
  gtk_window_present (f->window);
  drain ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->window);

  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  gtk_window_destroy (f->window);
  drain ();
  g_assert_null (widget);
  g_ptr_array_unref (f->messages);
  g_array_unref (f->activated);
}

static int
natural (GtkWidget      *widget,
         GtkOrientation  orientation)
{
  int size;

  gtk_widget_measure (widget, orientation, -1, NULL, &size, NULL, NULL);
  return size;
}

/* Three columns of at least 120 px: wider than a phone, so the scrolled window scrolls; a row
 * more is taller; nothing at all is nearly no size. */
static void
test_size (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (f->view);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (f->scrolled));
  g_autoptr(GPtrArray) fewer = g_ptr_array_new ();
  int height = natural (view, GTK_ORIENTATION_VERTICAL);
  int minimum;

  g_assert_cmpuint (sc_ladder_view_get_n_hosts (f->view), ==, 3);
  g_assert_cmpuint (sc_ladder_view_get_n_messages (f->view), ==, 6);
  g_assert_cmpint (natural (view, GTK_ORIENTATION_HORIZONTAL), >=, 3 * 120);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, ==, natural (view, GTK_ORIENTATION_HORIZONTAL));
  g_assert_cmpint (gtk_widget_get_width (view), >=, 3 * 120);
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h));

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (fewer, g_ptr_array_index (f->messages, i));
  sc_ladder_view_set_messages (f->view, fewer);
  g_assert_cmpint (natural (view, GTK_ORIENTATION_VERTICAL), <, height);
  g_assert_cmpint (natural (view, GTK_ORIENTATION_VERTICAL), >, 0);

  sc_ladder_view_set_messages (f->view, NULL);
  g_assert_cmpint (natural (view, GTK_ORIENTATION_VERTICAL), ==, 0);
  g_assert_cmpint (natural (view, GTK_ORIENTATION_HORIZONTAL), ==, 0);
  drain ();
}

/* Presses @keyval as the widget's class bindings see it. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                 widget, gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* Down moves the selection and shows nothing; Enter (or Space) shows the selected message. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (f->view);

  g_assert_true (gtk_widget_get_focusable (view));
  gtk_widget_grab_focus (view);
  g_assert_true (gtk_widget_is_focus (view));
  g_assert_cmpuint (sc_ladder_view_get_selected (f->view), ==, GTK_INVALID_LIST_POSITION);
  g_assert_true (press_key (view, GDK_KEY_Down));
  g_assert_cmpuint (sc_ladder_view_get_selected (f->view), ==, 0);
  for (int i = 0; i < 3; i++)
    g_assert_true (press_key (view, GDK_KEY_Down));
  g_assert_cmpuint (sc_ladder_view_get_selected (f->view), ==, 3);
  g_assert_cmpuint (f->activated->len, ==, 0);
  g_assert_true (press_key (view, GDK_KEY_Return));
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->activated, guint, 0), ==, 3);

  g_assert_true (press_key (view, GDK_KEY_Up));
  g_assert_true (press_key (view, GDK_KEY_space));
  g_assert_cmpuint (g_array_index (f->activated, guint, 1), ==, 2);
  g_assert_true (press_key (view, GDK_KEY_End));
  g_assert_true (press_key (view, GDK_KEY_Down));
  g_assert_cmpuint (sc_ladder_view_get_selected (f->view), ==, 5);
  g_assert_true (press_key (view, GDK_KEY_Home));
  g_assert_cmpuint (sc_ladder_view_get_selected (f->view), ==, 0);
  g_assert_true (gtk_widget_activate (view));
  g_assert_cmpuint (f->activated->len, ==, 3);
  g_assert_cmpuint (g_array_index (f->activated, guint, 2), ==, 0);
}

/* A click on a row selects it and shows it; on the hosts' header, nothing. */
static void
test_click (Fixture       *f,
            gconstpointer  data)
{
  graphene_rect_t row;

  g_assert_true (sc_ladder_view_get_row_bounds (f->view, 4, &row));
  g_assert_false (sc_ladder_view_get_row_bounds (f->view, 6, &row));
  g_assert_true (sc_ladder_view_get_row_bounds (f->view, 4, &row));
  sc_ladder_view_click_at (f->view, row.origin.x + row.size.width / 2, row.origin.y + row.size.height / 2);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->activated, guint, 0), ==, 4);
  g_assert_cmpuint (sc_ladder_view_get_selected (f->view), ==, 4);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->view)));

  sc_ladder_view_click_at (f->view, 50, 2);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpuint (sc_ladder_view_get_selected (f->view), ==, 4);
}

/* Clicking a row far down a long call focuses the diagram where it is: no jump to its top (the
 * viewport's scroll-to-focus would make one). */
static void
test_click_keeps_scroll (Fixture       *f,
                         gconstpointer  data)
{
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (f->scrolled));
  g_autoptr(GPtrArray) many = g_ptr_array_new ();
  graphene_rect_t row;
  double value;

  for (guint i = 0; i < 120; i++)
    g_ptr_array_add (many, g_ptr_array_index (f->messages, i % f->messages->len));
  sc_ladder_view_set_messages (f->view, many);
  drain ();
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), >, 10 * gtk_adjustment_get_page_size (v));
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) / 2);
  drain ();
  value = gtk_adjustment_get_value (v);
  gtk_widget_grab_focus (f->button);
  g_assert_false (gtk_widget_is_focus (GTK_WIDGET (f->view)));
  g_assert_true (sc_ladder_view_get_row_bounds (f->view, sc_ladder_view_row_at (f->view, value + 100), &row));
  sc_ladder_view_click_at (f->view, 100, row.origin.y + 2);
  drain ();
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->view)));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (v), value, 0.5);

  /* End goes to the last row, and the window scrolls to show it. */
  sc_ladder_view_select (f->view, 119);
  drain ();
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (v),
                                  gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v), 0.5);
}

/* In the capture page the diagram scrolls sideways in its own scrolled window and up and down
 * with the details pane around it. Scrolled down a long call, the hosts stay in sight over the
 * rows: a click there selects no row, and a row the keyboard reaches is shown below them. */
static void
test_pinned_hosts (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *pane = gtk_scrolled_window_new ();
  GtkWidget *inner = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  ScLadderView *view = SC_LADDER_VIEW (sc_ladder_view_new ());
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (pane));
  g_autoptr(GPtrArray) many = g_ptr_array_new ();
  graphene_rect_t row;
  double value;
  int top;

  for (guint i = 0; i < 120; i++)
    g_ptr_array_add (many, g_ptr_array_index (f->messages, i % f->messages->len));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (inner), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (inner), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (inner), GTK_WIDGET (view));
  gtk_box_append (GTK_BOX (box), gtk_label_new ("The call"));
  gtk_box_append (GTK_BOX (box), inner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (pane), box);
  gtk_window_set_child (window, pane);
  gtk_window_set_default_size (window, 360, 480);
  sc_ladder_view_set_messages (view, many);
  gtk_window_present (window);
  drain ();
  g_assert_cmpint (sc_ladder_view_header_top (view), ==, 0);

  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) / 2);
  drain ();
  value = gtk_adjustment_get_value (v);
  top = sc_ladder_view_header_top (view);
  g_assert_cmpint (top, >, value / 2);
  g_assert_cmpuint (sc_ladder_view_host_at (view, view->gutter + view->column_alloc / 2, top + view->header_height / 2), ==, 0);
  g_assert_cmpuint (sc_ladder_view_row_at (view, top + view->header_height / 2), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (sc_ladder_view_row_at (view, top + view->header_height + view->row_height / 2), !=, GTK_INVALID_LIST_POSITION);

  /* The last row scrolls the pane to its end; then a row above comes back below the hosts. */
  sc_ladder_view_select (view, 119);
  drain ();
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (v),
                                  gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v), 0.5);
  sc_ladder_view_select (view, 60);
  drain ();
  g_assert_true (sc_ladder_view_get_row_bounds (view, 60, &row));
  top = sc_ladder_view_header_top (view);
  g_assert_cmpint (top, >, 0);
  g_assert_cmpfloat (row.origin.y, >=, top + view->header_height - 0.5);
  gtk_window_destroy (window);
  drain ();
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* New messages clear the selection, and say so once. */
static void
test_selection_reset (Fixture       *f,
                      gconstpointer  data)
{
  guint notified = 0;

  g_signal_connect (f->view, "notify::selected", G_CALLBACK (on_notify), &notified);
  sc_ladder_view_select (f->view, 2);
  sc_ladder_view_select (f->view, 2);
  g_assert_cmpuint (notified, ==, 1);
  sc_ladder_view_set_messages (f->view, f->messages);
  g_assert_cmpuint (sc_ladder_view_get_selected (f->view), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (gtk_widget_activate (GTK_WIDGET (f->view)) && f->activated->len > 0);
  g_assert_cmpuint (f->activated->len, ==, 0);
}

static void
test_summaries (Fixture       *f,
                gconstpointer  data)
{
  g_assert_cmpstr (sc_ladder_view_get_summary (f->view, 0), ==, "INVITE bob");
  g_assert_cmpstr (sc_ladder_view_get_summary (f->view, 1), ==, "100 Trying");
  g_assert_cmpstr (sc_ladder_view_get_summary (f->view, 3), ==, "486 Busy Here");
  g_assert_cmpstr (sc_ladder_view_get_summary (f->view, 5), ==, "INVITE bob");
  g_assert_null (sc_ladder_view_get_summary (f->view, 6));
}

typedef struct {
  const char *bytes;
  gssize      len;
  guint       code;
  const char *method;
  const char *target;
} LineCase;

static const LineCase line_cases[] = {
  { "INVITE sip:alice@example.com SIP/2.0\r\n", -1, 0, "INVITE", "alice" },
  { "REGISTER sips:example.com;transport=tls SIP/2.0\r\n", -1, 0, "REGISTER", "example.com" },
  { "INVITE tel:+15551234567;phone-context=x SIP/2.0\n", -1, 0, "INVITE", "+15551234567" },
  { "SIP/2.0 486 Busy Here\r\n", -1, 486, NULL, "Busy Here" },
  { "sip/2.0 200\r\n", -1, 200, NULL, "" },
  { "SIP/2.0 999 Nine\r\n", -1, 0, NULL, "SIP/2.0 999 Nine" },
  { "SIP/2.0 4866 Long\r\n", -1, 0, NULL, "SIP/2.0 4866 Long" },
  { "SIP/2.0 486 \x1b[2JBusy\r\n", -1, 486, NULL, "\\x1B[2JBusy" },
  { "INVITE sip:al\x07ice@x SIP/2.0\r\n", -1, 0, "INVITE", "al\\x07ice" },
  { "IN<VITE sip:a@b SIP/2.0\r\n", -1, 0, NULL, "IN<VITE sip:a@b SIP/2.0" },
  { "INVITE sip:a@b HTTP/1.1\r\n", -1, 0, NULL, "INVITE sip:a@b HTTP/1.1" },
  { "\r\n", -1, 0, NULL, "" },
  { "", 0, 0, NULL, "" },
  { "\xff\xfe", -1, 0, NULL, "\xef\xbf\xbd\xef\xbf\xbd" },
  { "SIP/2.0 180 Ri\0nging\r\n", 22, 180, NULL, "Ri\xef\xbf\xbdnging" },
};

/* Whatever the bytes, the arrow's words are printable, from the first line only. */
static void
test_line (gconstpointer data)
{
  const LineCase *c = data;
  g_autoptr(GBytes) bytes = g_bytes_new (c->bytes, c->len < 0 ? strlen (c->bytes) : (gsize) c->len);
  g_autoptr(ScLadderLine) line = sc_ladder_line_parse (bytes);

  g_assert_cmpuint (line->code, ==, c->code);
  g_assert_cmpstr (line->method, ==, c->method);
  g_assert_cmpstr (line->target, ==, c->target);
}

/* Ten kilobytes with no line end: no more than the first SC_LADDER_LINE_MAX bytes are read. */
static void
test_line_bounded (void)
{
  g_autofree char *junk = g_strnfill (10000, 'A');
  g_autoptr(GBytes) bytes = g_bytes_new (junk, 10000);
  g_autoptr(ScLadderLine) line = sc_ladder_line_parse (bytes);

  g_assert_cmpuint (strlen (line->line), ==, SC_LADDER_LINE_MAX);
  g_assert_cmpuint (strlen (line->target), ==, SC_LADDER_LINE_MAX);
}

/* Hostile messages in the view: every label printable, the widget still draws. */
static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_capture_call_message_free);
  g_autofree char *long_user = g_strnfill (5000, 'u');
  g_autofree char *invite = g_strdup_printf ("INVITE sip:%s@x SIP/2.0\r\n", long_user);

  g_ptr_array_add (messages, message ("\x1b]0;owned\x07 SIP/2.0 200 OK", 5, "a\x1b:1", "a\x1b:1", FALSE));
  g_ptr_array_add (messages, message (invite, 0, "\xff:5060", "b:5060", FALSE));
  sc_ladder_view_set_messages (f->view, messages);
  drain ();
  g_assert_cmpuint (sc_ladder_view_get_n_hosts (f->view), ==, 3);
  g_assert_null (strchr (sc_ladder_view_get_summary (f->view, 0), '\x1b'));
  g_assert_cmpuint (strlen (sc_ladder_view_get_summary (f->view, 1)), <=, SC_LADDER_LINE_MAX);
  g_assert_cmpint (natural (GTK_WIDGET (f->view), GTK_ORIENTATION_HORIZONTAL), <=, 2000);
}

/* The suite runs with cairo and again with GL: make sure the second really is GL. */
static GskRenderer *
assert_renderer (GtkWidget *widget)
{
  const char *expected = g_getenv ("SC_TEST_RENDERER");
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_nonnull (renderer);
  if (g_strcmp0 (expected, "gl") == 0)
    g_assert_nonnull (strstr (G_OBJECT_TYPE_NAME (renderer), "GL"));
  else
    g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), ==, "GskCairoRenderer");
  return renderer;
}

static GtkWidget *
find_chip (GtkWidget  *view,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (view); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), text))
      return child;
  return NULL;
}

static guint32
pixel (const guchar *data,
       gsize         stride,
       int           x,
       int           y)
{
  guint32 value;

  memcpy (&value, data + y * stride + x * 4, 4);
  return value;
}

/* The diagram through the window's own renderer: the 486 chip is coloured (yellow, as the
 * app's 4xx chips), where nothing is drawn stays clear. */
static void
test_render (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (f->view);
  GskRenderer *renderer = assert_renderer (view);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GtkWidget *chip = find_chip (view, "486");
  graphene_rect_t bounds, chip_bounds;
  int width = gtk_widget_get_width (view), height = gtk_widget_get_height (view);
  gsize stride = width * 4;
  guint32 argb;

  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_compute_bounds (chip, view, &chip_bounds));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  gsk_render_node_get_bounds (node, &bounds);
  g_assert_cmpfloat (bounds.size.width, >, 300);
  g_assert_cmpfloat (bounds.size.height, >, 200);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  /* Inside the chip's padding, left of its number: the class colour, yellowish (R > B). */
  argb = pixel (pixels, stride, chip_bounds.origin.x + 4, chip_bounds.origin.y + chip_bounds.size.height / 2);
  g_assert_cmpuint (argb >> 24, >, 0);
  g_assert_cmpuint ((argb >> 16) & 0xff, >, argb & 0xff);
  /* The top-left corner, in the time gutter above every row: nothing. */
  g_assert_cmpuint (pixel (pixels, stride, 2, 2) >> 24, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SIP_CODES_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The app's chips as the application loads them (AdwApplication does it from its resources). */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/sipcodes/SipCodes/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, func) g_test_add ("/sc/ladder/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("size", test_size);
  ADD ("keyboard", test_keyboard);
  ADD ("click", test_click);
  ADD ("click-keeps-scroll", test_click_keeps_scroll);
  ADD ("pinned-hosts", test_pinned_hosts);
  ADD ("selection-reset", test_selection_reset);
  ADD ("summaries", test_summaries);
  ADD ("hostile", test_hostile);
  ADD ("render", test_render);
#undef ADD
  for (guint i = 0; i < G_N_ELEMENTS (line_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sc/ladder/line/%u", i);
      g_test_add_data_func (path, &line_cases[i], test_line);
    }
  g_test_add_func ("/sc/ladder/line-bounded", test_line_bounded);
  return g_test_run ();
}
