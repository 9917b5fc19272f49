#include "sc-test-app.h"

void
sc_test_app_drain (void)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  /* Layout, idles and the entries' handlers all run from the main loop. A spinner under a slow
   * renderer always has a frame due, so "until nothing is left" is bounded by time too: else
   * the drain outlasts a probe's whole time limit. */
  for (int i = 0; i < 50 && g_get_monotonic_time () < deadline; i++)
    while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < deadline)
      ;
}

/* Destroys the window and checks that nothing kept it alive. */
void
sc_test_app_close_window (ScWindow **window)
{
  GtkWidget *widget = GTK_WIDGET (*window);

  if (widget == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  gtk_window_destroy (GTK_WINDOW (widget));
  *window = NULL;
  sc_test_app_drain ();
  g_assert_null (widget);
}

/* @root itself, or the first of its descendants that @match accepts, depth first. */
GtkWidget *
sc_test_app_find (GtkWidget      *root,
                  ScTestAppMatch  match,
                  gconstpointer   data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sc_test_app_find (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* @root itself, or the first of its descendants of @type, depth first. */
GtkWidget *
sc_test_app_find_widget (GtkWidget *root,
                         GType      type)
{
  return sc_test_app_find (root, is_of_type, GSIZE_TO_POINTER (type));
}

/* The rows of @type in @list, leaving out its placeholder. */
guint
sc_test_app_count_rows (GtkListBox *list,
                        GType       row_type)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    n += G_TYPE_CHECK_INSTANCE_TYPE (row, row_type);
  return n;
}
