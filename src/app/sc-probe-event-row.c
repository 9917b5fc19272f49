#define G_LOG_DOMAIN "sc-probe-event-row"

#include "sc-probe-event-row.h"

#include <glib/gi18n.h>

#include "sc-sip-printable.h"
#include "sc-diagnosis.h"
#include "sc-finding-row.h"
#include "sc-sip-probe-advice.h"
#include "sc-tooltip.h"
#include <string.h>

struct _ScProbeEventRow
{
  AdwExpanderRow parent_instance;

  GtkLabel  *time_label;
  GtkLabel  *direction_label;
  GtkWidget *code_button;
  GtkLabel  *code_chip;
  GtkLabel  *raw_label;
  GtkListBox *findings;

  GBytes    *bytes;        /* the message as received, explained again in another language */
  guint      code;
  gboolean   retransmission;
  const char *note;        /* what the probe made of it, in the interface language */
  char      *raw;
  char      *method;       /* of the request a response answers, if known */
};

G_DEFINE_FINAL_TYPE (ScProbeEventRow, sc_probe_event_row, ADW_TYPE_EXPANDER_ROW)

enum { SIGNAL_CODE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_code_clicked (ScProbeEventRow *self)
{
  if (self->code != 0)
    g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0, self->code);
}

static void
on_copy_clicked (ScProbeEventRow *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->raw);
}

static void
sc_probe_event_row_finalize (GObject *object)
{
  ScProbeEventRow *self = SC_PROBE_EVENT_ROW (object);

  g_free (self->raw);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->method);
  G_OBJECT_CLASS (sc_probe_event_row_parent_class)->finalize (object);
}

static void
sc_probe_event_row_class_init (ScProbeEventRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sc_probe_event_row_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-probe-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ScProbeEventRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, ScProbeEventRow, direction_label);
  gtk_widget_class_bind_template_child (widget_class, ScProbeEventRow, code_button);
  gtk_widget_class_bind_template_child (widget_class, ScProbeEventRow, code_chip);
  gtk_widget_class_bind_template_child (widget_class, ScProbeEventRow, raw_label);
  gtk_widget_class_bind_template_child (widget_class, ScProbeEventRow, findings);
  gtk_widget_class_bind_template_callback (widget_class, on_code_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);

  /* The code chip of a response was clicked: show that code's page. */
  signals[SIGNAL_CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sc_probe_event_row_init (ScProbeEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* "+0.012 s", "+12.5 s": milliseconds matter on loopback, not after ten seconds. */
char *
sc_probe_event_row_format_time (gint64 t_us)
{
  double seconds = t_us / 1e6;

  /* One precision throughout: "+7.603 s" then "+11.600 s", not "+11.6 s". */
  return g_strdup_printf ("+%.3f s", seconds);
}

/* The bytes as text for people: each CRLF a line end, controls shown as \xNN (never drawn as
 * nothing), and the password (should a header the user typed carry it) blotted out. */
static char *
readable (GBytes     *bytes,
          const char *secret)
{
  g_autofree char *text = sc_sip_printable_message (bytes);
  g_autoptr(GString) out = g_string_new (text);

  if (secret != NULL && *secret != '\0')
    g_string_replace (out, secret, "••••••", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A row's title: the first line, at most 120 characters (junk may have no line end at all). */
static char *
first_line (const char *text)
{
  const char *end = strchr (text, '\n');
  g_autofree char *line = end ? g_strndup (text, end - text) : g_strdup (text);

  if (g_utf8_strlen (line, -1) <= 120)
    return g_steal_pointer (&line);
  *g_utf8_offset_to_pointer (line, 119) = '\0';
  return g_strconcat (line, "…", NULL);
}

/* What a success means for the request it answers; NULL where the code's own summary says it
 * (INVITE, and methods without a note of their own). */
static const char *
success_note (const char *method,
              guint       code)
{
  if (g_str_equal (method, "OPTIONS"))
    return _("The server answered the OPTIONS request: it is up and reachable this way; its Allow and Supported headers list what it handles");
  if (g_str_equal (method, "REGISTER"))
    return _("The registration was accepted: Contact lists the bindings the registrar now holds, each with its expiry");
  if (g_str_equal (method, "BYE"))
    return _("The call was hung up");
  if (g_str_equal (method, "CANCEL"))
    return _("The CANCEL was accepted; the INVITE it cancels ends with a response of its own, usually 487");
  if (g_str_equal (method, "MESSAGE") && code == 202)
    return _("A relay accepted the MESSAGE; it is not yet delivered");
  if (g_str_equal (method, "MESSAGE"))
    return _("The MESSAGE was delivered");
  if (g_str_equal (method, "SUBSCRIBE"))
    return _("The subscription was accepted: the state comes in a NOTIFY");
  return NULL;
}

/* What the rest of a response says, as the explain view shows it: Reason causes, Warning
 * codes, the headers that matter (its code is the row's own title and subtitle). */
static void
show_findings (ScProbeEventRow *self,
               ScKbDatabase    *db,
               ScKbLang         lang)
{
  g_autoptr(ScDiagnosis) diagnosis = NULL;
  const ScDiagnosisMessage *m;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings))) != NULL)
    gtk_list_box_remove (self->findings, child);
  gtk_widget_set_visible (GTK_WIDGET (self->findings), FALSE);
  if (db == NULL || self->bytes == NULL || self->code == 0 || self->retransmission ||
      (diagnosis = sc_diagnosis_new (db, self->bytes, lang, NULL)) == NULL)
    return;
  m = sc_diagnosis_get_message (diagnosis, 0);
  for (guint i = 0; i < m->findings->len; i++)
    {
      const ScDiagnosisFinding *finding = g_ptr_array_index (m->findings, i);
      if (finding->kind == SC_DIAGNOSIS_FINDING_STATUS)
        continue;
      gtk_list_box_append (self->findings,
                           sc_finding_row_new (finding, 1, sc_kb_database_term (db, "Label", "at-line", lang),
                                               sc_kb_database_term (db, "Label", "what-to-do", lang)));
      gtk_widget_set_visible (GTK_WIDGET (self->findings), TRUE);
    }
}

/* The one-line explanation of a response, in @lang: again when the content language changes. */
void
sc_probe_event_row_explain (ScProbeEventRow *self,
                            ScKbDatabase    *db,
                            ScKbLang         lang)
{
  g_autoptr(ScKbEntry) entry = NULL;

  show_findings (self, db, lang);
  if (self->note != NULL)
    {
      /* What the probe made of it says more than the code's meaning: credentials refused… */
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), self->note);
      return;
    }
  if (self->code == 0 || self->retransmission)
    return;
  /* A 2xx means something of its own for each method: a 200 to BYE is no answered call. */
  if (self->code / 100 == 2 && self->method != NULL && success_note (self->method, self->code) != NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), success_note (self->method, self->code));
      return;
    }
  entry = db ? sc_kb_database_lookup (db, self->code, NULL) : NULL;
  if (entry != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), sc_kb_entry_get_text (entry, lang)->summary);
  else
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                   _("Not a registered code: the first digit gives its class"));
}

static void
show_response (ScProbeEventRow *self,
               const char      *line,
               const char      *method,
               ScKbDatabase    *db,
               ScKbLang         lang)
{
  g_autofree char *title = NULL;
  g_autofree char *chip = g_strdup_printf ("%u", self->code);
  g_autofree char *css = g_strdup_printf ("class-%u", self->code / 100);
  g_autofree char *tooltip = g_strdup_printf (_("Explain %u"), self->code);
  const char *reason = strchr (line, ' ') ? strchr (strchr (line, ' ') + 1, ' ') : NULL;

  gtk_label_set_text (self->code_chip, chip);
  gtk_widget_add_css_class (self->code_button, css);
  sc_tooltip_set (self->code_button, tooltip);
  /* TRANSLATORS: a response's reason phrase and the method of the request it answers */
  title = method ? g_strdup_printf (_("%s — to %s"), reason ? reason + 1 : line, method) : g_strdup (reason ? reason + 1 : line);
  g_free (self->method);
  self->method = g_strdup (method);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  sc_probe_event_row_explain (self, db, lang);
}

/**
 * sc_probe_event_row_new:
 * @secret: (nullable): the password of the probe, never to be shown
 */
GtkWidget *
sc_probe_event_row_new (const ScSipProbeEvent *event,
                        ScKbDatabase          *db,
                        ScKbLang               lang,
                        const char            *secret)
{
  ScProbeEventRow *self = g_object_new (SC_TYPE_PROBE_EVENT_ROW, NULL);
  g_autofree char *time = sc_probe_event_row_format_time (event->t_us);
  g_autofree char *line = NULL;

  self->raw = readable (event->bytes, secret);
  self->bytes = event->outgoing ? NULL : g_bytes_ref (event->bytes);
  line = first_line (self->raw);
  gtk_label_set_text (self->time_label, time);
  gtk_label_set_text (self->direction_label, event->outgoing ? "→" : "←");
  gtk_label_set_text (self->raw_label, self->raw);
  self->code = event->outgoing ? 0 : event->status;
  self->retransmission = event->retransmission;
  self->note = sc_sip_probe_note_describe (event->note);
  if (self->code != 0)
    show_response (self, line, event->method, db, lang);
  else
    {
      gtk_widget_set_visible (self->code_button, FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), line);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      event->outgoing ? _("Sent") : _("Received"), -1);
    }
  if (event->retransmission)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), event->outgoing ? _("Retransmission: no answer came in time")
                                                                            : _("Repeated by the server"));
  return GTK_WIDGET (self);
}

guint
sc_probe_event_row_get_code (ScProbeEventRow *self)
{
  return self->code;
}

const char *
sc_probe_event_row_get_raw (ScProbeEventRow *self)
{
  return self->raw;
}
