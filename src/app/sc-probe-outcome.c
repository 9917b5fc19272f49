#define G_LOG_DOMAIN "sc-probe-outcome"

#include "sc-probe-outcome.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-section.h"
#include "sc-sip-printable.h"
#include "sc-sip-probe-advice.h"

struct _ScProbeOutcome
{
  GtkWidget  parent_instance;

  GtkLabel  *outcome_chip;
  GtkLabel  *outcome_title;
  GtkWidget *outcome_explain;
  GtkLabel  *outcome_facts;
  GtkLabel  *outcome_text;
  GtkBox    *fixes_box;
  GtkWidget *trust_button;

  guint      final_status;
  gboolean   credentials_rejected;   /* the final 401/407 refused the credentials sent */
};

G_DEFINE_FINAL_TYPE (ScProbeOutcome, sc_probe_outcome, GTK_TYPE_WIDGET)

enum { SIGNAL_CODE_ACTIVATED, SIGNAL_TRUST_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_outcome_explain (ScProbeOutcome *self)
{
  if (self->final_status != 0)
    g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0, self->final_status);
}

static void
on_trust_clicked (ScProbeOutcome *self)
{
  g_signal_emit (self, signals[SIGNAL_TRUST_REQUESTED], 0);
}

static void
sc_probe_outcome_dispose (GObject *object)
{
  sc_section_dispose_children (GTK_WIDGET (object), SC_TYPE_PROBE_OUTCOME);
  G_OBJECT_CLASS (sc_probe_outcome_parent_class)->dispose (object);
}

static void
sc_probe_outcome_class_init (ScProbeOutcomeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_probe_outcome_dispose;
  /* "Explain" was pressed: show the final code's page. */
  signals[SIGNAL_CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  /* The user wants to trust the certificate that stopped the probe. */
  signals[SIGNAL_TRUST_REQUESTED] =
    g_signal_new ("trust-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-probe-outcome.ui");
  gtk_widget_class_bind_template_child (widget_class, ScProbeOutcome, outcome_chip);
  gtk_widget_class_bind_template_child (widget_class, ScProbeOutcome, outcome_title);
  gtk_widget_class_bind_template_child (widget_class, ScProbeOutcome, outcome_explain);
  gtk_widget_class_bind_template_child (widget_class, ScProbeOutcome, outcome_facts);
  gtk_widget_class_bind_template_child (widget_class, ScProbeOutcome, outcome_text);
  gtk_widget_class_bind_template_child (widget_class, ScProbeOutcome, fixes_box);
  gtk_widget_class_bind_template_child (widget_class, ScProbeOutcome, trust_button);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_explain);
  gtk_widget_class_bind_template_callback (widget_class, on_trust_clicked);
}

static void
sc_probe_outcome_init (ScProbeOutcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static char *
format_rtt (gint64 rtt_us)
{
  return rtt_us < 10000 ? g_strdup_printf (_("%.1f ms"), rtt_us / 1000.0)
                        : g_strdup_printf (_("%.0f ms"), rtt_us / 1000.0);
}

static void
show_fixes (ScProbeOutcome        *self,
            const char         *title,
            const char * const *items)
{
  GtkWidget *section;

  sc_section_clear_box (self->fixes_box);
  if (items == NULL || items[0] == NULL)
    return;
  section = sc_section_new (title);
  sc_section_add_bullets (SC_SECTION (section), items);
  gtk_box_append (self->fixes_box, section);
}

static void
set_chip (ScProbeOutcome *self,
          guint        status)
{
  static const char * const classes[] = { "class-1", "class-2", "class-3", "class-4", "class-5", "class-6" };
  g_autofree char *text = g_strdup_printf ("%u", status);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->outcome_chip), classes[i]);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_chip), status != 0);
  gtk_widget_set_visible (self->outcome_explain, status != 0);
  if (status >= 100 && status < 700)
    gtk_widget_add_css_class (GTK_WIDGET (self->outcome_chip), classes[status / 100 - 1]);
  gtk_label_set_text (self->outcome_chip, text);
}

void
sc_probe_outcome_show_result (ScProbeOutcome         *self,
                              const ScSipProbeResult *result,
                              ScKbDatabase           *db,
                              ScKbLang                lang)
{
  g_autofree char *reason = sc_sip_printable (result->reason, -1);
  g_autofree char *title = g_strdup_printf ("%u %s", result->status, reason);
  g_autofree char *rtt = format_rtt (result->rtt_us);
  g_autofree char *call = sc_sip_probe_call_describe (result);
  g_autofree char *line = g_strdup_printf (_("Round trip %s · retransmissions: %u · authentication steps: %u · %s"),
                                           rtt, result->retransmissions, result->auth_attempts, result->remote);
  g_autofree char *not_kept = sc_sip_probe_not_kept_describe (result);
  g_autofree char *facts = g_strjoin ("\n", line, call ? call : not_kept, call ? not_kept : NULL, NULL);

  self->final_status = result->status;
  self->credentials_rejected = result->credentials_rejected;
  set_chip (self, result->status);
  gtk_label_set_text (self->outcome_title, title);
  gtk_label_set_text (self->outcome_facts, facts);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_facts), TRUE);
  gtk_widget_set_visible (self->trust_button, FALSE);
  sc_probe_outcome_set_language (self, db, lang);
}

/* The final code's explanation and, for a failure, how to fix it, in @lang. */
void
sc_probe_outcome_set_language (ScProbeOutcome *self,
                               ScKbDatabase   *db,
                               ScKbLang        lang)
{
  g_autoptr(ScKbEntry) entry = NULL;
  const ScKbText *text;

  if (self->final_status == 0)
    return;
  entry = db ? sc_kb_database_lookup (db, self->final_status, NULL) : NULL;
  text = entry ? sc_kb_entry_get_text (entry, lang) : NULL;
  /* A second challenge is not a request for credentials but a refusal of those sent. */
  if (self->credentials_rejected)
    gtk_label_set_text (self->outcome_text, sc_sip_probe_note_describe (SC_SIP_PROBE_NOTE_CREDENTIALS_REJECTED));
  else
    gtk_label_set_text (self->outcome_text, text ? text->summary : _("Not a registered code: the first digit gives its class."));
  /* The knowledge base's own heading, in the language of the fixes below it. */
  show_fixes (self, db ? sc_kb_database_term (db, "Label", "fixes", lang) : _("How to fix it"),
              self->final_status >= 300 && text ? (const char * const *) text->fixes : NULL);
}

typedef struct {
  int         code;
  const char *key;     /* kept in the history: the title is looked up when shown */
  const char *title;
} FailureHelp;

/* The last two are for a cancelled probe and a failure of any other kind. */
static const FailureHelp failure_helps[] = {
  { SC_SIP_PROBE_ERROR_USAGE, "usage", N_("Cannot Send This Request") },
  { SC_SIP_PROBE_ERROR_RESOLVE, "resolve", N_("Host Not Found") },
  { SC_SIP_PROBE_ERROR_UNREACHABLE, "unreachable", N_("Server Unreachable") },
  { SC_SIP_PROBE_ERROR_TIMEOUT, "timeout", N_("No Final Response") },
  { SC_SIP_PROBE_ERROR_UNSUPPORTED, "unsupported", N_("Transport Not Supported") },
  { SC_SIP_PROBE_ERROR_MALFORMED, "malformed", N_("Malformed Response") },
  { SC_SIP_PROBE_ERROR_CERTIFICATE, "certificate", N_("Certificate Not Trusted") },
  { SC_SIP_PROBE_ERROR_TLS, "tls", N_("No TLS Session") },
  { -1, "cancelled", N_("Cancelled") },
  { -1, "failed", N_("The Probe Failed") },
};
#define N_FAILURE_HELPS G_N_ELEMENTS (failure_helps)

static const FailureHelp *
failure_help (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return &failure_helps[N_FAILURE_HELPS - 2];
  for (guint i = 0; i < N_FAILURE_HELPS - 2; i++)
    if (error != NULL && error->domain == SC_SIP_PROBE_ERROR && error->code == failure_helps[i].code)
      return &failure_helps[i];
  return &failure_helps[N_FAILURE_HELPS - 1];
}

/* What the history keeps of a failure: "failure:timeout", to be named in the language of the
 * day it is looked at. */
char *
sc_probe_outcome_failure_key (const GError *error)
{
  return g_strconcat ("failure:", failure_help (error)->key, NULL);
}

/* The title of a kept outcome ("failure:timeout"), in the interface language; one kept before
 * keys were (its English title) is recognised too. NULL for anything else. */
const char *
sc_probe_outcome_title_of_kept (const char *outcome)
{
  if (outcome == NULL)
    return NULL;
  for (guint i = 0; i < N_FAILURE_HELPS; i++)
    if ((g_str_has_prefix (outcome, "failure:") && g_str_equal (outcome + strlen ("failure:"), failure_helps[i].key)) ||
        g_str_equal (outcome, failure_helps[i].title))
      return _(failure_helps[i].title);
  return NULL;
}

/* A failure in a few words, in the interface language: "No Final Response", "Cancelled". */
const char *
sc_probe_outcome_failure_title (const GError *error)
{
  return _(failure_help (error)->title);
}

/* What is wrong with a refused certificate, in the interface language. */
static char *
describe_refusal (const ScSipCertificateInfo *refused)
{
  g_autofree char *words = sc_sip_tls_describe_problems (refused->problems);

  /* TRANSLATORS: "the certificate of 127.0.0.1:5061 is not trusted: expired, issued for another name" */
  return g_strdup_printf (_("The certificate of %s is not trusted: %s."), refused->server, words);
}

/**
 * sc_probe_outcome_show_failure:
 * @refused: (nullable): the certificate that stopped a TLS probe; offered for trust when given
 */
void
sc_probe_outcome_show_failure (ScProbeOutcome             *self,
                               const GError               *error,
                               const ScSipProbeResult     *result,
                               const ScSipCertificateInfo *refused)
{
  g_autofree char *refusal = refused ? describe_refusal (refused) : NULL;
  g_autofree char *call = result ? sc_sip_probe_call_describe (result) : NULL;
  g_autofree char *not_kept = result ? sc_sip_probe_not_kept_describe (result) : NULL;
  g_autofree char *facts = g_strjoin ("\n", call ? call : not_kept ? not_kept : "", call ? not_kept : NULL, NULL);
  const char *title = sc_probe_outcome_failure_title (error);
  const char *advice = sc_sip_probe_error_advice (error, result, refused);
  const char *items[] = { advice, NULL };

  self->final_status = 0;
  self->credentials_rejected = FALSE;
  set_chip (self, 0);
  gtk_label_set_text (self->outcome_title, title);
  gtk_label_set_text (self->outcome_facts, facts);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_facts), *facts != '\0');
  gtk_label_set_text (self->outcome_text, refusal ? refusal : error->message);
  /* Sentence case, as the knowledge base's headings beside it ("How to fix it"). */
  show_fixes (self, _("What to check"), advice ? items : NULL);
  gtk_widget_set_visible (self->trust_button, refused != NULL);
}


guint
sc_probe_outcome_get_status (ScProbeOutcome *self)
{
  return self->final_status;
}

/* The outcome as a person reads it: title, facts, text and what to fix. */
char *
sc_probe_outcome_get_text (ScProbeOutcome *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n%s\n%s\n", gtk_label_get_text (self->outcome_title),
                          gtk_label_get_text (self->outcome_facts), gtk_label_get_text (self->outcome_text));
  sc_section_collect_text (GTK_WIDGET (self->fixes_box), text);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
sc_probe_outcome_can_trust (ScProbeOutcome *self)
{
  return gtk_widget_get_visible (self->trust_button);
}

const char *
sc_probe_outcome_get_title (ScProbeOutcome *self)
{
  return gtk_label_get_text (self->outcome_title);
}

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) utc = date ? g_date_time_to_utc (date) : NULL;

  return utc ? g_date_time_format (utc, "%Y-%m-%d %H:%M UTC") : g_strdup ("—");
}

/* What a person needs to decide whether to trust a refused certificate. */
char *
sc_probe_outcome_describe_certificate (const ScSipCertificateInfo *info)
{
  g_autofree char *starts = format_date (info->not_before);
  g_autofree char *expires = format_date (info->not_after);

  return g_strdup_printf (_("Server: %s\nSubject: %s\nIssuer: %s\nValid: %s to %s\nSHA-256: %s\n\n"
                            "Trust it only if you know this is the server’s own certificate, for example a "
                            "self-signed one in your lab. From then on exactly this certificate is accepted "
                            "from this host, whatever else is wrong with it; a different one is checked as "
                            "usual. You can remove the choice under Trusted Certificates."),
                          info->server, info->subject ? info->subject : "—", info->issuer ? info->issuer : "—",
                          starts, expires, info->fingerprint);
}
