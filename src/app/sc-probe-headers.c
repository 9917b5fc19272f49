#define G_LOG_DOMAIN "sc-probe-headers"

#include "sc-probe-headers.h"

#include <glib/gi18n.h>

#include "sc-probe-record.h"
#include "sc-tooltip.h"

struct _ScProbeHeaders
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget           *add_button;
  GtkLabel            *problem_label;
  GPtrArray           *rows;      /* of AdwEntryRow, in order */
};

G_DEFINE_FINAL_TYPE (ScProbeHeaders, sc_probe_headers, ADW_TYPE_BIN)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
emit_changed (ScProbeHeaders *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
remove_row (GtkWidget      *button,
            ScProbeHeaders *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "sc-row");

  g_ptr_array_remove (self->rows, row);
  adw_preferences_group_remove (self->group, row);
  emit_changed (self);
}

GtkEditable *
sc_probe_headers_add_row (ScProbeHeaders *self,
                          const char     *line)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  g_return_val_if_fail (SC_IS_PROBE_HEADERS (self), NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Header (Name: value)"));
  gtk_editable_set_text (GTK_EDITABLE (row), line ? line : "");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  sc_tooltip_set (remove, _("Remove Header"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Header"), -1);
  g_object_set_data (G_OBJECT (remove), "sc-row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_row), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (emit_changed), self);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
  emit_changed (self);
  return GTK_EDITABLE (row);
}

static void
on_add_clicked (ScProbeHeaders *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (sc_probe_headers_add_row (self, NULL)));
}

void
sc_probe_headers_clear (ScProbeHeaders *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  emit_changed (self);
}

/* The lines typed, trimmed, without the empty ones. */
void
sc_probe_headers_add_lines (ScProbeHeaders *self,
                            GStrvBuilder   *lines)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows->pdata[i]))));

      if (*line != '\0')
        g_strv_builder_add (lines, line);
    }
}

/* Each line goes into @scratch (when there is one) as the probe would send it: what the request
 * builder refuses is marked on its row, and the first refusal is said under the group. */
gboolean
sc_probe_headers_check (ScProbeHeaders *self,
                        ScSipRequest   *scratch)
{
  g_autofree char *problem = NULL;
  gboolean ok = TRUE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      const char *line = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autoptr(GError) error = NULL;
      gboolean line_ok = *line == '\0' || scratch == NULL || sc_sip_request_add_header_line (scratch, line, &error);

      /* Two Identity values would leave it unclear which one is sent: the Identity row holds it. */
      if (line_ok && sc_probe_record_identity_value (line) != NULL)
        {
          line_ok = FALSE;
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Put the Identity header in the Identity row below"));
        }
      sc_tooltip_set_problem (row, line_ok ? NULL : error->message);
      if (!line_ok && problem == NULL)
        problem = g_strdup (error->message);
      ok = ok && line_ok;
    }
  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  return ok;
}

const char *
sc_probe_headers_get_problem (ScProbeHeaders *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label)) ? gtk_label_get_text (self->problem_label) : NULL;
}

static void
sc_probe_headers_dispose (GObject *object)
{
  ScProbeHeaders *self = SC_PROBE_HEADERS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SC_TYPE_PROBE_HEADERS);
  G_OBJECT_CLASS (sc_probe_headers_parent_class)->dispose (object);
}

static void
sc_probe_headers_class_init (ScProbeHeadersClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_probe_headers_dispose;
  /* A line was added, removed or typed: check the form again. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-probe-headers.ui");
  gtk_widget_class_bind_template_child (widget_class, ScProbeHeaders, add_button);
  gtk_widget_class_bind_template_child (widget_class, ScProbeHeaders, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
}

static void
sc_probe_headers_init (ScProbeHeaders *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin owns its child, and disposing the template would
   * unparent it a second time. */
  self->group = ADW_PREFERENCES_GROUP (adw_bin_get_child (ADW_BIN (self)));
  self->rows = g_ptr_array_new ();
  sc_tooltip_set (self->add_button, _("Add Header"));
}
