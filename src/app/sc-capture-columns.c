#define G_LOG_DOMAIN "sc-capture-page"

#include "sc-capture-columns.h"

#include <glib/gi18n.h>

typedef enum { COLUMN_TIME, COLUMN_METHOD, COLUMN_FROM, COLUMN_TO, COLUMN_OUTCOME, COLUMN_DURATION } Column;

/* "14:03:07.250", in UTC as the capture's clock has no zone. */
char *
sc_capture_columns_format_time (ScCaptureCall *call)
{
  gint64 start = sc_capture_call_get_start_time (call);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (start / G_USEC_PER_SEC);
  g_autofree char *clock = time ? g_date_time_format (time, "%H:%M:%S") : NULL;

  return g_strdup_printf ("%s.%03d", clock ? clock : "?", (int) ((start % G_USEC_PER_SEC) / 1000));
}

static char *
column_text (ScCaptureCall *call,
             Column         column)
{
  gint64 duration = sc_capture_call_get_duration (call);

  switch (column)
    {
    case COLUMN_TIME: return sc_capture_columns_format_time (call);
    case COLUMN_METHOD: return g_strdup (sc_capture_call_get_method (call));
    case COLUMN_FROM: return g_strdup (sc_capture_call_get_from (call));
    case COLUMN_TO: return g_strdup (sc_capture_call_get_to (call));
    case COLUMN_DURATION:
      if (sc_capture_call_is_up (call))
        return g_strdup (_("still up"));
      return sc_capture_call_get_outcome (call) == SC_CAPTURE_OUTCOME_ANSWERED && duration >= 0
             ? g_strdup_printf (_("%.1f s"), duration / (double) G_USEC_PER_SEC) : g_strdup ("");
    default: return g_strdup ("");
    }
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_OUTCOME)
    {
      GtkWidget *chip = gtk_label_new (NULL);

      gtk_widget_add_css_class (chip, "badge");
      gtk_box_append (GTK_BOX (box), chip);
    }
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  ScCaptureCall *call = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_last_child (box);

  if (column == COLUMN_OUTCOME)
    {
      GtkWidget *chip = gtk_widget_get_first_child (box);
      guint code = sc_capture_call_get_final_code (call);
      g_autofree char *text = g_strdup_printf ("%u", code);
      g_autofree char *css = g_strdup_printf ("class-%u", code / 100);

      for (guint c = 1; c <= 6; c++)
        {
          g_autofree char *other = g_strdup_printf ("class-%u", c);
          gtk_widget_remove_css_class (chip, other);
        }
      gtk_widget_set_visible (chip, code > 0);
      gtk_label_set_text (GTK_LABEL (chip), text);
      gtk_widget_add_css_class (chip, css);
      gtk_label_set_text (GTK_LABEL (label), sc_capture_outcome_name (sc_capture_call_get_outcome (call)));
      return;
    }
  {
    g_autofree char *text = column_text (call, column);
    gtk_label_set_text (GTK_LABEL (label), text);
  }
}

/* @width: what the column keeps at any window size: on a phone the table scrolls sideways
 * rather than cutting every number short. */
static GtkColumnViewColumn *
add_column (GtkColumnView    *view,
            Column            column,
            const char       *title,
            gboolean          expand,
            int               width,
            GCompareDataFunc  compare)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_sorter (view_column, GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL)));
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
  return view_column;
}

/* ---- sorting: each column by what it shows, ties by when the call began ---- */

static int
compare_int (gint64 x,
             gint64 y)
{
  return (x > y) - (x < y);
}

static int
by_start (gconstpointer a,
          gconstpointer b,
          gpointer      data)
{
  return compare_int (sc_capture_call_get_start_time ((ScCaptureCall *) a),
                      sc_capture_call_get_start_time ((ScCaptureCall *) b));
}

static int
by_method (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  return g_strcmp0 (sc_capture_call_get_method ((ScCaptureCall *) a), sc_capture_call_get_method ((ScCaptureCall *) b));
}

static int
by_from (gconstpointer a,
         gconstpointer b,
         gpointer      data)
{
  return g_strcmp0 (sc_capture_call_get_from ((ScCaptureCall *) a), sc_capture_call_get_from ((ScCaptureCall *) b));
}

static int
by_to (gconstpointer a,
       gconstpointer b,
       gpointer      data)
{
  return g_strcmp0 (sc_capture_call_get_to ((ScCaptureCall *) a), sc_capture_call_get_to ((ScCaptureCall *) b));
}

/* Failures together by their code; what has no final code (answered calls have 200) first. */
static int
by_outcome (gconstpointer a,
            gconstpointer b,
            gpointer      data)
{
  ScCaptureCall *x = (ScCaptureCall *) a, *y = (ScCaptureCall *) b;
  int order = compare_int (sc_capture_call_get_final_code (x), sc_capture_call_get_final_code (y));

  return order != 0 ? order : compare_int (sc_capture_call_get_outcome (x), sc_capture_call_get_outcome (y));
}

/* Calls never answered have no duration and come first; calls still up are the longest. */
static gint64
duration_key (ScCaptureCall *call)
{
  if (sc_capture_call_is_up (call))
    return G_MAXINT64;
  if (sc_capture_call_get_outcome (call) != SC_CAPTURE_OUTCOME_ANSWERED)
    return -1;
  return MAX (sc_capture_call_get_duration (call), 0);
}

static int
by_duration (gconstpointer a,
             gconstpointer b,
             gpointer      data)
{
  return compare_int (duration_key ((ScCaptureCall *) a), duration_key ((ScCaptureCall *) b));
}

/**
 * sc_capture_columns_add:
 *
 * Adds the columns to @view, sorted by time to begin with.
 *
 * Returns: (transfer full): the sorter for the list under @view: the column the user chose,
 * then the start time
 */
GtkSorter *
sc_capture_columns_add (GtkColumnView *view)
{
  GtkMultiSorter *sorter = gtk_multi_sorter_new ();
  GtkColumnViewColumn *time;

  time = add_column (view, COLUMN_TIME, _("Time"), FALSE, 110, by_start);
  add_column (view, COLUMN_METHOD, _("Method"), FALSE, 100, by_method);
  add_column (view, COLUMN_FROM, _("From"), TRUE, 200, by_from);
  add_column (view, COLUMN_TO, _("To"), TRUE, 200, by_to);
  add_column (view, COLUMN_OUTCOME, _("Outcome"), FALSE, 190, by_outcome);
  add_column (view, COLUMN_DURATION, _("Duration"), FALSE, 90, by_duration);
  gtk_column_view_sort_by_column (view, time, GTK_SORT_ASCENDING);
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (view)));
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (by_start, NULL, NULL)));
  return GTK_SORTER (sorter);
}
