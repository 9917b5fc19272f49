/* Tooltips made when they are asked for. GTK 4.8's own (gtk_widget_set_tooltip_text) wrap a
 * short Japanese text after three or four characters, and each one set asks the X server where
 * the pointer is: a round trip for every list row bound. */
#include "sc-tooltip.h"

#define TOOLTIP_KEY "sc-tooltip"
/* Wider than this, a tooltip wraps: about 40 Latin or 20 Japanese characters a line. */
#define MAX_LINE_CHARS 40

/**
 * sc_tooltip_fill:
 * Puts @text in @tooltip, for a query-tooltip handler. Returns: FALSE when there is no text, as
 * the handler should then return.
 */
gboolean
sc_tooltip_fill (GtkTooltip *tooltip,
                 const char *text)
{
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    return FALSE;
  label = gtk_label_new (text);
  if (g_utf8_strlen (text, -1) > MAX_LINE_CHARS)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), MAX_LINE_CHARS);
      gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_LINE_CHARS);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
    }
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  return sc_tooltip_fill (tooltip, g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY));
}

/**
 * sc_tooltip_set:
 * @text: (nullable): the tooltip, or %NULL for none
 *
 * What gtk_widget_set_tooltip_text() does, screen readers included, without its round trip and
 * with Japanese kept on one line while it fits.
 */
void
sc_tooltip_set (GtkWidget  *widget,
                const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  if (g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY "-handler") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
      g_object_set_data (G_OBJECT (widget), TOOLTIP_KEY "-handler", GINT_TO_POINTER (TRUE));
    }
  g_object_set_data_full (G_OBJECT (widget), TOOLTIP_KEY, g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL && *text != '\0');
  if (text != NULL && *text != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* A row whose value is refused: marked as an error, the reason in its tooltip; NULL clears both. */
void
sc_tooltip_set_problem (GtkWidget  *widget,
                        const char *problem)
{
  if (problem == NULL)
    gtk_widget_remove_css_class (widget, "error");
  else
    gtk_widget_add_css_class (widget, "error");
  sc_tooltip_set (widget, problem);
}

/* Returns: (nullable): the text sc_tooltip_set() gave @widget. */
const char *
sc_tooltip_get (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);
}
