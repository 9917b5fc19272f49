#define G_LOG_DOMAIN "sc-probe-page"

#include "sc-probe-page.h"

#include "sc-section.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-probe-event-row.h"
#include "sc-probe-history.h"
#include "sc-probe-keyring.h"
#include "sc-probe-outcome.h"
#include "sc-probe-signing.h"
#include "sc-sip-printable.h"
#include "sc-sip-probe.h"
#include "sc-feedback.h"
#include "sc-tooltip.h"


struct _ScProbePage
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkWidget       *column_separator;
  GtkWidget       *results_scroller;
  GtkBox          *form_column;
  GtkBox          *results_column;
  GtkWidget       *results;
  GtkLabel        *status_label;
  ScProbeForm     *form;
  GtkSpinner      *spinner;
  GtkWidget       *cancel_button;
  GtkWidget       *send_button;
  ScProbeOutcome  *outcome;
  GtkWidget       *timeline_group;
  GtkListBox      *timeline;
  ScProbeHistory  *history;

  ScKbDatabase    *db;
  ScUserStore     *store;
  ScProbeKeyring  *keyring;
  ScKbLang         lang;

  GCancellable    *cancellable;       /* the probe in flight, if any */
  ScProbeRecord   *running;
  char            *password;          /* of the probe in flight only */
  char            *trust_host;        /* the host a refused certificate came from */
  ScSipCertificateInfo *rejected;
  gboolean         two_columns;
  gboolean         scroll_pending;
  gboolean         disposed;
};

G_DEFINE_FINAL_TYPE (ScProbePage, sc_probe_page, GTK_TYPE_WIDGET)

enum { SIGNAL_CODE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
emit_code (ScProbePage *self,
           guint        code)
{
  g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0, code);
}

static void
update_buttons (ScProbePage *self)
{
  gboolean busy = self->cancellable != NULL;

  gtk_widget_set_sensitive (self->send_button, !busy && sc_probe_form_is_valid (self->form));
  gtk_widget_set_sensitive (self->cancel_button, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

/* ---- the exchange ---- */

static void
add_event_row (ScProbePage           *self,
               const ScSipProbeEvent *event)
{
  GtkWidget *row = sc_probe_event_row_new (event, self->db, self->lang, self->password);

  g_signal_connect_swapped (row, "code-activated", G_CALLBACK (emit_code), self);
  gtk_list_box_append (self->timeline, row);
  gtk_widget_set_visible (self->timeline_group, TRUE);
}

static void show_results (ScProbePage *self);

/* Tick callback: the first tick comes before the frame's layout, the second after it. */
static gboolean
scroll_to_results (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  ScProbePage *self = SC_PROBE_PAGE (widget);

  if (!self->scroll_pending)
    {
      self->scroll_pending = TRUE;
      return G_SOURCE_CONTINUE;
    }
  self->scroll_pending = FALSE;
  if (!self->disposed)
    show_results (self);
  return G_SOURCE_REMOVE;
}

static void
on_probe_event (const ScSipProbeEvent *event,
                gpointer               data)
{
  ScProbePage *self = data;

  gboolean first = gtk_widget_get_first_child (GTK_WIDGET (self->timeline)) == NULL;

  if (self->disposed)
    return;
  add_event_row (self, event);
  if (first)
    show_results (self);
}

static void
save_to_history (ScProbePage            *self,
                 const ScSipProbeResult *result,
                 const GError           *error)
{
  g_autoptr(GError) save_error = NULL;

  self->running->status = error == NULL ? result->status : 0;
  self->running->rtt_us = error == NULL ? result->rtt_us : -1;
  /* A failure in the interface language; the details are for the pane, not the list. */
  self->running->outcome = error == NULL ? sc_sip_printable (result->reason, -1)
                                          : sc_probe_outcome_failure_key (error);
  if (self->store == NULL)
    return;
  if (!sc_user_store_add_probe (self->store, self->running, &save_error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the probe in the history: %s"), save_error->message);
      sc_toast (GTK_WIDGET (self), message);
    }
}

/* The probe is over, answered or not, or never started (a signing key that cannot be used). */
static void
finish (ScProbePage            *self,
        const ScSipProbeResult *result,
        const GError           *error,
        GAsyncResult           *probe_result)
{
  GApplication *application = g_application_get_default ();

  if (application != NULL)
    g_application_release (application);
  save_to_history (self, result, error);
  g_clear_pointer (&self->running, sc_probe_record_free);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;

  g_clear_pointer (&self->rejected, sc_sip_certificate_info_free);
  if (probe_result != NULL && g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_CERTIFICATE))
    self->rejected = sc_sip_probe_get_rejected_certificate (probe_result);
  if (error == NULL)
    sc_probe_outcome_show_result (self->outcome, result, self->db, self->lang);
  else
    sc_probe_outcome_show_failure (self->outcome, error, result, self->store != NULL ? self->rejected : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome), TRUE);
  gtk_label_set_text (self->status_label, sc_probe_outcome_get_title (self->outcome));
  /* Once the outcome is laid out, so that its position is known: a frame later. Not an idle,
   * which a window that redraws all the time would starve. */
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_results, NULL, NULL);
  sc_probe_history_reload (self->history);
  update_buttons (self);
}

static void
on_probe_done (GObject      *source,
               GAsyncResult *async_result,
               gpointer      data)
{
  g_autoptr(ScProbePage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipProbeResult) result = sc_sip_probe_run_finish (async_result, &error);

  finish (self, result, error, async_result);
}

/* ---- sending ---- */

static GBytes *
body_bytes (const char *body)
{
  g_autoptr(GString) text = NULL;

  if (body == NULL)
    return NULL;
  /* SIP bodies such as SDP end their lines with CRLF; the text view has LF. */
  text = g_string_new (body);
  g_string_replace (text, "\r\n", "\n", 0);
  g_string_replace (text, "\n", "\r\n", 0);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

/* The form's Identity line becomes a signer: the plug for one that signs a fresh PASSporT. */
static GStrv
split_identity (const ScProbeRecord  *record,
                ScSipIdentitySigner **signer)
{
  g_autoptr(GStrvBuilder) others = g_strv_builder_new ();

  for (guint i = 0; record->headers != NULL && record->headers[i] != NULL; i++)
    {
      const char *identity = sc_probe_record_identity_value (record->headers[i]);

      if (identity != NULL && *signer == NULL)
        *signer = sc_sip_fixed_identity_new (identity);
      else
        g_strv_builder_add (others, record->headers[i]);
    }
  return g_strv_builder_end (others);
}

static void
run (ScProbePage         *self,
     ScSipIdentitySigner *signer,
     const char * const  *headers)
{
  g_autoptr(GBytes) body = body_bytes (self->running->body);
  g_autoptr(ScTrustedCertificate) trusted = NULL;
  g_autofree char *host = NULL;
  ScSipProbeOptions options = { 0 };

  if (sc_sip_probe_check_target (self->running->target, NULL, &host, NULL) && self->store != NULL)
    trusted = sc_user_store_trusted_certificate (self->store, host);
  g_free (self->trust_host);
  self->trust_host = g_steal_pointer (&host);

  options.target = self->running->target;
  options.transport = g_str_equal (self->running->transport, "auto") ? NULL : self->running->transport;
  options.method = self->running->method;
  options.username = self->running->username;
  options.password = *self->password ? self->password : NULL;
  options.headers = headers;
  options.body = body;
  options.content_type = self->running->content_type;
  options.timeout_ms = self->running->timeout_ms;
  options.aor = self->running->aor;
  options.expires = self->running->expires;
  options.unregister = self->running->unregister;
  options.pinned_certificate = trusted ? trusted->fingerprint : NULL;
  options.identity = signer;
  options.on_event = on_probe_event;
  options.event_data = self;
  sc_sip_probe_run_async (&options, self->cancellable, on_probe_done, g_object_ref (self));
}

/* The key is read where the user keeps it, at every send: it may have been renewed. */
static void
on_signer_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(ScProbePage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipIdentitySigner) signer = sc_probe_signer_load_finish (result, &error);
  g_auto(GStrv) headers = NULL;

  if (signer == NULL)
    {
      g_autoptr(GError) usage = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                ? g_error_copy (error)
                                : g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE,
                                               _("The request was not signed: %s"), error->message);
      finish (self, NULL, usage, NULL);
      return;
    }
  headers = g_strdupv (self->running->headers);
  run (self, signer, (const char * const *) headers);
}

void
sc_probe_page_send (ScProbePage *self)
{
  g_autoptr(ScSipIdentitySigner) signer = NULL;
  g_auto(GStrv) headers = NULL;
  GApplication *application = g_application_get_default ();

  g_return_if_fail (SC_IS_PROBE_PAGE (self));
  if (self->cancellable != NULL || !sc_probe_form_is_valid (self->form))
    return;
  self->running = sc_probe_form_to_record (self->form);
  self->password = g_strdup (sc_probe_form_get_password (self->form));
  sc_probe_keyring_keep_or_forget (self->keyring, self->running, self->password);

  sc_section_clear_list (self->timeline);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome), FALSE);
  self->cancellable = g_cancellable_new ();
  /* The application stays up until the probe is over, so a CANCEL still goes out after the
   * window closed. */
  if (application != NULL)
    g_application_hold (application);
  if (self->running->sign_key != NULL)
    sc_probe_signer_load_async (self->running, self->cancellable, on_signer_loaded, g_object_ref (self));
  else
    {
      headers = split_identity (self->running, &signer);
      run (self, signer, (const char * const *) headers);
    }
  gtk_label_set_text (self->status_label, _("Waiting for the final response…"));
  update_buttons (self);
}

void
sc_probe_page_cancel (ScProbePage *self)
{
  g_return_if_fail (SC_IS_PROBE_PAGE (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* ---- trusting a certificate by choice ---- */

static void
on_trust_confirmed (AdwMessageDialog *dialog,
                    const char       *response,
                    ScProbePage      *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "trust") || self->rejected == NULL)
    return;
  if (!sc_user_store_trust_certificate (self->store, self->trust_host, self->rejected->fingerprint,
                                        self->rejected->subject, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the choice: %s"), error->message);
      sc_toast (GTK_WIDGET (self), message);
      return;
    }
  sc_probe_history_reload (self->history);
  sc_probe_page_send (self);
}

static void
on_trust_clicked (ScProbePage *self)
{
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->rejected == NULL)
    return;
  body = sc_probe_outcome_describe_certificate (self->rejected);
  heading = g_strdup_printf (_("Trust This Certificate for %s?"), self->trust_host);
  dialog = sc_confirm_dialog_new (GTK_WIDGET (self), heading, body, "trust", _("_Trust and Send Again"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_trust_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Tests and keyboard users: the same as pressing "Trust and Send Again". */
void
sc_probe_page_trust_rejected_certificate (ScProbePage *self)
{
  g_return_if_fail (SC_IS_PROBE_PAGE (self));
  on_trust_confirmed (NULL, "trust", self);
}

/* The results of another target or another probe no longer apply: gone, unless one is still
 * running (its results are coming in). */
static void
clear_results (ScProbePage *self)
{
  if (self->cancellable != NULL)
    return;
  sc_section_clear_list (self->timeline);
  gtk_widget_set_visible (self->timeline_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome), FALSE);
}

static void
on_record_activated (ScProbePage         *self,
                     const ScProbeRecord *record)
{
  clear_results (self);
  sc_probe_form_fill (self->form, record);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
  sc_probe_form_focus_target (self->form);
}

/* ---- one column or two ---- */

static void
set_two_columns (ScProbePage *self,
                 gboolean     two)
{
  GtkWidget *parent = gtk_widget_get_parent (self->results);

  self->two_columns = two;
  g_object_ref (self->results);
  gtk_box_remove (GTK_BOX (parent), self->results);
  gtk_box_append (two ? self->results_column : self->form_column, self->results);
  g_object_unref (self->results);
  gtk_widget_set_visible (self->results_scroller, two);
  gtk_widget_set_visible (self->column_separator, two);
}

/* Narrow windows: the exchange goes below the form instead of beside it. */
void
sc_probe_page_set_narrow (ScProbePage *self,
                          gboolean     narrow)
{
  g_return_if_fail (SC_IS_PROBE_PAGE (self));
  if (narrow == !self->two_columns)
    return;
  set_two_columns (self, !narrow);
}

/* In one column the exchange is below the form: bring it into view. */
static void
show_results (ScProbePage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double x = 0, y = 0;

  if (self->two_columns ||
      !gtk_widget_translate_coordinates (self->results, GTK_WIDGET (self->form_column), 0, 0, &x, &y))
    return;
  gtk_adjustment_set_value (adjustment, y);
}

/* ---- the widget ---- */

static void
sc_probe_page_dispose (GObject *object)
{
  ScProbePage *self = SC_PROBE_PAGE (object);

  /* A probe in flight holds a reference to us: it ends (with its CANCEL, if ringing) on its
   * own and finds us disposed. */
  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  sc_probe_keyring_stop (self->keyring);
  sc_section_dispose_children (GTK_WIDGET (self), SC_TYPE_PROBE_PAGE);
  G_OBJECT_CLASS (sc_probe_page_parent_class)->dispose (object);
}

/* Shown: Enter in the target (which activates the default) sends; hidden, no default is left
 * behind for the other pages. */
static void
sc_probe_page_map (GtkWidget *widget)
{
  ScProbePage *self = SC_PROBE_PAGE (widget);

  GTK_WIDGET_CLASS (sc_probe_page_parent_class)->map (widget);
  gtk_window_set_default_widget (GTK_WINDOW (gtk_widget_get_root (widget)), self->send_button);
}

static void
sc_probe_page_unmap (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root) && gtk_window_get_default_widget (GTK_WINDOW (root)) == SC_PROBE_PAGE (widget)->send_button)
    gtk_window_set_default_widget (GTK_WINDOW (root), NULL);
  GTK_WIDGET_CLASS (sc_probe_page_parent_class)->unmap (widget);
}

/* The window closed: what is in flight holds a reference to us, so dispose would wait for it.
 * Cancel now; a ringing INVITE still ends properly with CANCEL and its 487. */
static void
sc_probe_page_unroot (GtkWidget *widget)
{
  ScProbePage *self = SC_PROBE_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  sc_probe_keyring_stop (self->keyring);
  GTK_WIDGET_CLASS (sc_probe_page_parent_class)->unroot (widget);
}

static void
sc_probe_page_finalize (GObject *object)
{
  ScProbePage *self = SC_PROBE_PAGE (object);

  g_clear_object (&self->db);
  g_clear_object (&self->store);
  g_clear_object (&self->keyring);
  g_clear_pointer (&self->rejected, sc_sip_certificate_info_free);
  g_clear_pointer (&self->running, sc_probe_record_free);
  g_free (self->password);
  g_free (self->trust_host);
  G_OBJECT_CLASS (sc_probe_page_parent_class)->finalize (object);
}

static void
sc_probe_page_class_init (ScProbePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_probe_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = sc_probe_page_finalize;
  widget_class->unroot = sc_probe_page_unroot;
  widget_class->map = sc_probe_page_map;
  widget_class->unmap = sc_probe_page_unmap;

  /* A response's chip, the outcome's Explain, or an Identity code was chosen. */
  signals[SIGNAL_CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (SC_TYPE_PROBE_FORM);
  g_type_ensure (SC_TYPE_PROBE_HISTORY);
  g_type_ensure (SC_TYPE_PROBE_OUTCOME);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-probe-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, column_separator);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, form_column);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, results_column);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, results);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, form);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, send_button);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, outcome);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, timeline);
  gtk_widget_class_bind_template_child (widget_class, ScProbePage, history);
  gtk_widget_class_bind_template_callback (widget_class, sc_probe_page_send);
  gtk_widget_class_bind_template_callback (widget_class, sc_probe_page_cancel);
}

static void
sc_probe_page_init (ScProbePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sc_tooltip_set (self->send_button, _("Send the request (Enter in the target)"));
  sc_tooltip_set (self->cancel_button, _("A ringing INVITE is cancelled with CANCEL; anything else is abandoned"));
  self->two_columns = TRUE;
  g_signal_connect_swapped (self->form, "notify::valid", G_CALLBACK (update_buttons), self);
  g_signal_connect_swapped (self->form, "submit", G_CALLBACK (sc_probe_page_send), self);
  g_signal_connect_swapped (self->form, "code-activated", G_CALLBACK (emit_code), self);
  g_signal_connect_swapped (self->history, "record-activated", G_CALLBACK (on_record_activated), self);
  g_signal_connect_swapped (sc_probe_form_get_target_editable (self->form), "changed", G_CALLBACK (clear_results), self);
  g_signal_connect_swapped (self->outcome, "code-activated", G_CALLBACK (emit_code), self);
  g_signal_connect_swapped (self->outcome, "trust-requested", G_CALLBACK (on_trust_clicked), self);
  update_buttons (self);
  self->keyring = sc_probe_keyring_new (self->form);
}

GtkWidget *
sc_probe_page_new (void)
{
  return g_object_new (SC_TYPE_PROBE_PAGE, NULL);
}

/**
 * sc_probe_page_setup:
 * @store: (nullable): where history and trust choices are kept; without it they are not
 */
void
sc_probe_page_setup (ScProbePage  *self,
                     ScKbDatabase *db,
                     ScUserStore  *store)
{
  g_return_if_fail (SC_IS_PROBE_PAGE (self));
  g_set_object (&self->db, db);
  g_set_object (&self->store, store);
  sc_probe_history_set_store (self->history, store);
  sc_probe_form_explain_identity (self->form, db, self->lang);
}

void
sc_probe_page_set_language (ScProbePage *self,
                            ScKbLang     lang)
{
  g_return_if_fail (SC_IS_PROBE_PAGE (self));
  self->lang = lang;
  sc_probe_form_explain_identity (self->form, self->db, lang);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->timeline)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (SC_IS_PROBE_EVENT_ROW (row))
      sc_probe_event_row_explain (SC_PROBE_EVENT_ROW (row), self->db, lang);
  sc_probe_outcome_set_language (self->outcome, self->db, lang);
}

gboolean
sc_probe_page_is_busy (ScProbePage *self)
{
  return self->cancellable != NULL;
}

ScProbeForm *
sc_probe_page_get_form (ScProbePage *self)
{
  return self->form;
}

void
sc_probe_page_focus (ScProbePage *self)
{
  sc_probe_form_focus_target (self->form);
}

/**
 * sc_probe_page_get_timeline:
 * Returns: (transfer container) (element-type ScProbeEventRow): the rows of the exchange.
 */
GPtrArray *
sc_probe_page_get_timeline (ScProbePage *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->timeline)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (SC_IS_PROBE_EVENT_ROW (row))
      g_ptr_array_add (rows, row);
  return rows;
}

guint
sc_probe_page_get_final_status (ScProbePage *self)
{
  return sc_probe_outcome_get_status (self->outcome);
}

char *
sc_probe_page_get_outcome_text (ScProbePage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->outcome)) ? sc_probe_outcome_get_text (self->outcome) : g_strdup ("");
}

GtkListBox *
sc_probe_page_get_history_list (ScProbePage *self)
{
  return sc_probe_history_get_list (self->history);
}

GtkListBox *
sc_probe_page_get_trusted_list (ScProbePage *self)
{
  return sc_probe_history_get_trusted (self->history);
}

gboolean
sc_probe_page_can_trust (ScProbePage *self)
{
  return sc_probe_outcome_can_trust (self->outcome);
}

gboolean
sc_probe_page_keyring_checked (ScProbePage *self)
{
  return sc_probe_keyring_is_checked (self->keyring);
}
