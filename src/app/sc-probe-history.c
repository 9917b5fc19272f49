#define G_LOG_DOMAIN "sc-probe-history"

#include "sc-probe-history.h"

#include "sc-section.h"
#include "sc-feedback.h"
#include "sc-probe-outcome.h"
#include "sc-tooltip.h"

#include <glib/gi18n.h>

#define SHOWN_PROBES 50

struct _ScProbeHistory
{
  GtkWidget    parent_instance;

  GtkListBox  *history_list;
  GtkWidget   *clear_history_button;
  GtkWidget   *trusted_group;
  GtkListBox  *trusted_list;

  ScUserStore *store;
  GPtrArray   *records;   /* of ScProbeRecord, as listed */
};

G_DEFINE_FINAL_TYPE (ScProbeHistory, sc_probe_history, GTK_TYPE_WIDGET)

enum { SIGNAL_RECORD_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
report (ScProbeHistory *self,
        const char     *what,
        const GError   *error)
{
  /* TRANSLATORS: what could not be done, and why */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what, error->message);

  sc_toast (GTK_WIDGET (self), message);
}

static GtkWidget *
flat_icon_button (const char *icon,
                  const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  sc_tooltip_set (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static void
on_delete_clicked (GtkWidget      *button,
                   ScProbeHistory *self)
{
  ScProbeRecord *record = g_object_get_data (G_OBJECT (button), "sc-record");
  g_autoptr(GError) error = NULL;

  if (!sc_user_store_delete_probe (self->store, record->id, &error))
    report (self, _("Could not delete the probe"), error);
  sc_probe_history_reload (self);
}

static void
on_history_row_activated (GtkListBox     *list,
                          GtkListBoxRow  *row,
                          ScProbeHistory *self)
{
  ScProbeRecord *record = g_object_get_data (G_OBJECT (row), "sc-record");

  if (record != NULL)
    g_signal_emit (self, signals[SIGNAL_RECORD_ACTIVATED], 0, record);
}

static char *
describe_outcome (const ScProbeRecord *record)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (record->started_at);
  /* TRANSLATORS: a date and time in strftime() format, e.g. 2026-11-24 04:12 */
  g_autofree char *when = g_date_time_format (local, _("%Y-%m-%d %H:%M"));

  if (record->status == 0)
    {
      const char *title = sc_probe_outcome_title_of_kept (record->outcome);
      return g_strdup_printf ("%s · %s", when, title ? title : record->outcome ? record->outcome : "");
    }
  if (record->rtt_us >= 0)
    /* TRANSLATORS: a no-break space before "ms", so that a narrow row never wraps "3.1 / ms" */
    return g_strdup_printf (_("%s · %u %s · %.1f\u00a0ms"), when, record->status, record->outcome ? record->outcome : "",
                            record->rtt_us / 1000.0);
  return g_strdup_printf ("%s · %u %s", when, record->status, record->outcome ? record->outcome : "");
}

static GtkWidget *
history_row (ScProbeHistory *self,
             ScProbeRecord  *record)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s %s", record->method, record->target);
  g_autofree char *subtitle = describe_outcome (record);
  g_autofree char *chip_text = record->status ? g_strdup_printf ("%u", record->status) : g_strdup ("—");
  g_autofree char *chip_class = g_strdup_printf ("class-%u", record->status / 100);
  GtkWidget *chip = gtk_label_new (chip_text);
  GtkWidget *remove = flat_icon_button ("user-trash-symbolic", _("Delete From History"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Two lines: an ellipsis would cut the port, which is often the point of a target. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (chip, "badge");
  gtk_widget_add_css_class (chip, "numeric");
  gtk_widget_add_css_class (chip, chip_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), chip);
  g_object_set_data (G_OBJECT (remove), "sc-record", record);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_delete_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  sc_tooltip_set (row, _("Fill the form with this probe"));
  g_object_set_data (G_OBJECT (row), "sc-record", record);
  return row;
}

static void
on_forget_clicked (GtkWidget      *button,
                   ScProbeHistory *self)
{
  const char *server = g_object_get_data (G_OBJECT (button), "sc-server");
  g_autoptr(GError) error = NULL;

  if (!sc_user_store_forget_certificate (self->store, server, &error))
    report (self, _("Could not forget the certificate"), error);
  sc_probe_history_reload (self);
}

static GtkWidget *
trusted_row (ScProbeHistory       *self,
             ScTrustedCertificate *trusted)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *forget = flat_icon_button ("user-trash-symbolic", _("Stop Trusting This Certificate"));
  g_autofree char *subtitle = g_strdup_printf ("SHA-256 %s%s%s", trusted->fingerprint,
                                               trusted->subject ? "\n" : "", trusted->subject ? trusted->subject : "");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trusted->server);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  g_object_set_data_full (G_OBJECT (forget), "sc-server", g_strdup (trusted->server), g_free);
  g_signal_connect (forget, "clicked", G_CALLBACK (on_forget_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget);
  return row;
}

void
sc_probe_history_reload (ScProbeHistory *self)
{
  g_autoptr(GPtrArray) trusted = NULL;

  g_return_if_fail (SC_IS_PROBE_HISTORY (self));
  sc_section_clear_list (self->history_list);
  sc_section_clear_list (self->trusted_list);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  if (self->store == NULL)
    return;
  self->records = sc_user_store_probes (self->store, SHOWN_PROBES);
  for (guint i = 0; i < self->records->len; i++)
    gtk_list_box_append (self->history_list, history_row (self, self->records->pdata[i]));
  gtk_widget_set_sensitive (self->clear_history_button, self->records->len > 0);
  trusted = sc_user_store_trusted_certificates (self->store);
  for (guint i = 0; i < trusted->len; i++)
    gtk_list_box_append (self->trusted_list, trusted_row (self, trusted->pdata[i]));
  gtk_widget_set_visible (self->trusted_group, trusted->len > 0);
}

static void
on_clear_confirmed (AdwMessageDialog *dialog,
                    const char       *response,
                    ScProbeHistory   *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "clear"))
    return;
  if (!sc_user_store_clear_probes (self->store, &error))
    report (self, _("Could not clear the history"), error);
  sc_probe_history_reload (self);
}

/* Clearing takes what the user saved: ask first. */
static void
on_clear_history (ScProbeHistory *self)
{
  AdwMessageDialog *dialog =
    sc_confirm_dialog_new (GTK_WIDGET (self), _("Clear the Probe History?"),
                           _("Every probe in the list is deleted. Trusted certificates and remembered passwords stay."),
                           "clear", _("C_lear"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_clear_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sc_probe_history_dispose (GObject *object)
{
  ScProbeHistory *self = SC_PROBE_HISTORY (object);

  sc_section_dispose_children (GTK_WIDGET (self), SC_TYPE_PROBE_HISTORY);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (sc_probe_history_parent_class)->dispose (object);
}

static void
sc_probe_history_class_init (ScProbeHistoryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_probe_history_dispose;
  /* A past probe was chosen: the pointer is valid during the emission only. */
  signals[SIGNAL_RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-probe-history.ui");
  gtk_widget_class_bind_template_child (widget_class, ScProbeHistory, history_list);
  gtk_widget_class_bind_template_child (widget_class, ScProbeHistory, clear_history_button);
  gtk_widget_class_bind_template_child (widget_class, ScProbeHistory, trusted_group);
  gtk_widget_class_bind_template_child (widget_class, ScProbeHistory, trusted_list);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_history);
}

static void
sc_probe_history_init (ScProbeHistory *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  placeholder = gtk_label_new (_("Probes you send are listed here."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->history_list, placeholder);
  g_signal_connect (self->history_list, "row-activated", G_CALLBACK (on_history_row_activated), self);
}

void
sc_probe_history_set_store (ScProbeHistory *self,
                            ScUserStore    *store)
{
  g_return_if_fail (SC_IS_PROBE_HISTORY (self));
  g_set_object (&self->store, store);
  sc_probe_history_reload (self);
}

GtkListBox *
sc_probe_history_get_list (ScProbeHistory *self)
{
  return self->history_list;
}

GtkListBox *
sc_probe_history_get_trusted (ScProbeHistory *self)
{
  return self->trusted_list;
}
