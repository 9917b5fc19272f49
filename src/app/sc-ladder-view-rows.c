/* The ladder diagram's rows, made once per call: the hosts in order of first appearance, and
 * for each message the layouts of its time and label and the chip of its code. */
#define G_LOG_DOMAIN "sc-ladder-view"

#include "sc-ladder-view-private.h"

#include <glib/gi18n.h>

#include "sc-probe-event-row.h"
#include "sc-sip-printable.h"

void
sc_ladder_row_clear (gpointer data)
{
  ScLadderRow *row = data;

  sc_ladder_line_free (row->line);
  g_free (row->summary);
  g_clear_object (&row->time);
  g_clear_object (&row->label);
  g_clear_pointer (&row->chip, gtk_widget_unparent);
}

void
sc_ladder_host_clear (gpointer data)
{
  ScLadderHost *host = data;

  g_free (host->name);
  g_clear_object (&host->layout);
}

static guint
host_index (ScLadderView *self,
            const char   *address)
{
  ScLadderHost host;

  for (guint i = 0; i < self->hosts->len; i++)
    if (g_str_equal (g_array_index (self->hosts, ScLadderHost, i).name, address))
      return i;
  host.name = g_strdup (address);
  host.layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), host.name);
  host.width = 0;
  /* "[2001:db8::1]:5060" cut in the middle keeps the port in sight. */
  pango_layout_set_ellipsize (host.layout, PANGO_ELLIPSIZE_MIDDLE);
  g_array_append_val (self->hosts, host);
  return self->hosts->len - 1;
}

static void
add_attribute (PangoAttrList  *attrs,
               PangoAttribute *attr,
               guint           start,
               guint           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

/* "INVITE alice" with the method in bold, or a response's reason phrase (its code is the chip),
 * or whatever the line was; "(retransmission)" after it in italics. */
static void
make_label (ScLadderView *self,
            ScLadderRow  *row)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  if (row->line->method != NULL)
    {
      g_string_append (text, row->line->method);
      add_attribute (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), 0, text->len);
      if (*row->line->target != '\0')
        g_string_append_printf (text, " %s", row->line->target);
    }
  else
    g_string_append (text, row->line->target);
  row->summary = row->line->code != 0 ? g_strdup_printf ("%u %s", row->line->code, text->str) : g_strdup (text->str);
  if (row->retransmission)
    {
      guint start = text->len;
      /* TRANSLATORS: after an arrow's label in the ladder diagram of a call */
      g_string_append_printf (text, "%s%s", text->len ? " " : "", _("(retransmission)"));
      add_attribute (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC), start, text->len);
    }
  row->label = gtk_widget_create_pango_layout (GTK_WIDGET (self), text->str);
  pango_layout_set_attributes (row->label, attrs);
  pango_layout_set_ellipsize (row->label, PANGO_ELLIPSIZE_END);
}

/* The code as the app's chips show it everywhere: a .badge label coloured by its class. */
static GtkWidget *
make_chip (ScLadderView *self,
           guint         code,
           gboolean      retransmission)
{
  g_autofree char *number = g_strdup_printf ("%u", code);
  g_autofree char *css = g_strdup_printf ("class-%u", code / 100);
  GtkWidget *chip = gtk_label_new (number);

  gtk_widget_add_css_class (chip, "badge");
  gtk_widget_add_css_class (chip, css);
  gtk_widget_add_css_class (chip, "numeric");
  /* The diagram takes the clicks and says what the row holds; the chip is only drawn. */
  gtk_widget_set_can_target (chip, FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  if (retransmission)
    gtk_widget_set_opacity (chip, 0.55);
  gtk_widget_set_parent (chip, GTK_WIDGET (self));
  return chip;
}

char *
sc_ladder_view_format_time (gint64 t_us)
{
  g_autofree char *positive = NULL;

  /* Captures merged from several interfaces can run backwards a little. */
  if (t_us >= 0)
    return sc_probe_event_row_format_time (t_us);
  positive = sc_probe_event_row_format_time (-t_us);
  return g_strdup_printf ("−%s", positive + 1);
}

void
sc_ladder_view_add_row (ScLadderView               *self,
                        const ScCaptureCallMessage *message,
                        gint64                      t0)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  g_autofree char *src = sc_sip_printable (message->src ? message->src : "?", -1);
  g_autofree char *dst = sc_sip_printable (message->dst ? message->dst : "?", -1);
  g_autofree char *time = sc_ladder_view_format_time (message->time_us - t0);
  ScLadderRow row = { 0 };

  row.src = host_index (self, src);
  row.dst = host_index (self, dst);
  row.t_us = message->time_us - t0;
  row.retransmission = message->retransmission;
  row.line = sc_ladder_line_parse (message->bytes);
  make_label (self, &row);
  row.time = gtk_widget_create_pango_layout (GTK_WIDGET (self), time);
  /* Figures of one width, so that the times line up under each other. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (row.time, attrs);
  if (row.line->code != 0)
    row.chip = make_chip (self, row.line->code, row.retransmission);
  g_array_append_val (self->rows, row);
}
