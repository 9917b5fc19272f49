#define G_LOG_DOMAIN "sc-probe-form"

#include "sc-probe-form.h"

#include "sc-probe-identity-codes.h"
#include "sc-probe-headers.h"
#include "sc-probe-registration.h"
#include "sc-probe-signing.h"

#include "sc-section.h"

#include <glib/gi18n.h>

#include "sc-sip-probe.h"
#include "sc-sip-request.h"
#include "sc-tooltip.h"

#define OTHER_METHOD 6
#define SDP_TYPE "application/sdp"

/* The offer a probe INVITE starts from: no media flows, so port 9 ("discard") and inactive. */
static const char minimal_offer[] =
  "v=0\n"
  "o=- 0 0 IN [local_ip_type] [local_ip]\n"
  "s=SIP Codes probe\n"
  "c=IN [local_ip_type] [local_ip]\n"
  "t=0 0\n"
  "m=audio 9 RTP/AVP 0 8\n"
  "a=rtpmap:0 PCMU/8000\n"
  "a=rtpmap:8 PCMA/8000\n"
  "a=inactive\n";

static const char * const transports[] = { NULL, "udp", "tcp", "tls" };

struct _ScProbeForm
{
  GtkWidget       parent_instance;

  AdwPreferencesGroup *target_group;
  AdwPreferencesGroup *method_group;
  AdwEntryRow    *target_row;
  GtkLabel       *target_problem;   /* under each group: what is wrong in it, in words */
  GtkLabel       *method_problem;
  GtkLabel       *identity_problem;
  AdwComboRow    *transport_row;
  AdwComboRow    *method_row;
  ScProbeRegistration *registration;
  AdwEntryRow    *other_method_row;
  GtkSpinButton  *timeout_spin;
  AdwEntryRow    *username_row;
  AdwEntryRow    *password_row;
  AdwActionRow   *remember_row;
  GtkSwitch      *remember_switch;
  ScProbeHeaders *headers;
  AdwPreferencesGroup *identity_group;
  AdwEntryRow    *identity_row;
  ScProbeIdentityCodes *identity_codes_row;
  ScProbeSigning *signing;
  AdwEntryRow    *content_type_row;
  GtkTextView    *body_view;

  gboolean        body_prefilled;   /* the body is still the offer we put there */
  gboolean        filling;
  gboolean        valid;
};

G_DEFINE_FINAL_TYPE (ScProbeForm, sc_probe_form, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_VALID, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CODE_ACTIVATED, SIGNAL_SUBMIT, SIGNAL_CREDENTIALS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
current_method (ScProbeForm *self)
{
  guint selected = adw_combo_row_get_selected (self->method_row);
  GListModel *model = adw_combo_row_get_model (self->method_row);

  if (selected == OTHER_METHOD)
    return g_ascii_strup (g_strstrip (g_strdup (entry_text (self->other_method_row))), -1);
  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), selected));
}

/* A row with a problem is red and says why when hovered; the group says it below the rows. */
static void
show_problem (GtkLabel   *label,
              const char *problem)
{
  gtk_label_set_text (label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (label), problem != NULL);
}

static GtkLabel *
add_problem_label (AdwPreferencesGroup *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_visible (label, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  adw_preferences_group_add (group, label);
  return GTK_LABEL (label);
}

static gboolean
check_target (ScProbeForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_strstrip (g_strdup (entry_text (self->target_row)));
  const char *transport = transports[adw_combo_row_get_selected (self->transport_row)];
  gboolean ok = *target == '\0' || sc_sip_probe_check_target (target, transport, NULL, &error);
  g_autofree char *problem = ok ? NULL : g_strdup_printf (_("This target cannot be probed: %s"), error->message);

  sc_tooltip_set_problem (GTK_WIDGET (self->target_row), problem);
  show_problem (self->target_problem, problem);
  return ok && *target != '\0';
}

/* The request builder is the judge: a throwaway request takes the method and each header. */
static gboolean
check_request (ScProbeForm *self)
{
  g_autofree char *method = current_method (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipRequest) scratch = *method ? sc_sip_request_new (method, "sip:check.invalid", &error) : NULL;
  gboolean ok = scratch != NULL;
  const char *method_problem = ok || *method == '\0' ? NULL : error->message;

  sc_tooltip_set_problem (GTK_WIDGET (self->other_method_row), method_problem);
  show_problem (self->method_problem, method_problem);
  ok = sc_probe_headers_check (self->headers, scratch) && ok;
  {
    const char *identity = entry_text (self->identity_row);
    g_autoptr(GError) identity_error = NULL;
    gboolean identity_ok = *identity == '\0' || scratch == NULL ||
                           sc_sip_request_add_header (scratch, "Identity", identity, &identity_error);

    if (identity_ok && *identity != '\0' && sc_probe_signing_is_enabled (self->signing))
      {
        identity_ok = FALSE;
        g_set_error_literal (&identity_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("Clear this header or turn signing off: one Identity is sent, not both"));
      }

    sc_tooltip_set_problem (GTK_WIDGET (self->identity_row), identity_ok ? NULL : identity_error->message);
    show_problem (self->identity_problem, identity_ok ? NULL : identity_error->message);
    ok = ok && identity_ok;
  }
  return ok;
}

/* REGISTER needs an address of record: typed, or from the target's user or the username. */
static gboolean
check_registration (ScProbeForm *self)
{
  g_autofree char *method = current_method (self);
  g_autofree char *target = g_strstrip (g_strdup (entry_text (self->target_row)));

  gtk_widget_set_visible (GTK_WIDGET (self->registration), g_str_equal (method, "REGISTER"));
  if (!g_str_equal (method, "REGISTER"))
    return TRUE;
  return sc_probe_registration_check (self->registration, target,
                                      transports[adw_combo_row_get_selected (self->transport_row)],
                                      entry_text (self->username_row));
}

static void
revalidate (ScProbeForm *self)
{
  gboolean target_ok = check_target (self);
  gboolean request_ok = check_request (self);
  gboolean registration_ok = check_registration (self);
  gboolean signing_ok = sc_probe_signing_check (self->signing);
  gboolean valid = target_ok && request_ok && registration_ok && signing_ok;

  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
set_body (ScProbeForm *self,
          const char  *body,
          const char  *content_type)
{
  self->filling = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body ? body : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->content_type_row), content_type ? content_type : "");
  self->filling = FALSE;
}

static void
on_method_changed (ScProbeForm *self)
{
  g_autofree char *method = current_method (self);
  g_autofree char *body = sc_probe_form_get_body (self);
  gboolean invite = g_str_equal (method, "INVITE");

  gtk_widget_set_visible (GTK_WIDGET (self->other_method_row),
                          adw_combo_row_get_selected (self->method_row) == OTHER_METHOD);
  if (!self->filling && invite && *body == '\0')
    {
      set_body (self, minimal_offer, SDP_TYPE);
      self->body_prefilled = TRUE;
    }
  else if (!self->filling && !invite && self->body_prefilled)
    {
      set_body (self, NULL, NULL);
      self->body_prefilled = FALSE;
    }
  revalidate (self);
}

static void
on_body_changed (ScProbeForm *self)
{
  if (!self->filling)
    self->body_prefilled = FALSE;
}

static void
on_credentials_changed (ScProbeForm *self)
{
  if (!self->filling)
    g_signal_emit (self, signals[SIGNAL_CREDENTIALS_CHANGED], 0);
}

GtkEditable *
sc_probe_form_add_header_row (ScProbeForm *self,
                              const char  *line)
{
  return sc_probe_headers_add_row (self->headers, line);
}

static void
on_target_activated (ScProbeForm *self)
{
  g_signal_emit (self, signals[SIGNAL_SUBMIT], 0);
}

static void
sc_probe_form_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ScProbeForm *self = SC_PROBE_FORM (object);

  if (prop_id == PROP_VALID)
    g_value_set_boolean (value, self->valid);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sc_probe_form_dispose (GObject *object)
{
  ScProbeForm *self = SC_PROBE_FORM (object);

  sc_section_dispose_children (GTK_WIDGET (self), SC_TYPE_PROBE_FORM);
  G_OBJECT_CLASS (sc_probe_form_parent_class)->dispose (object);
}

static void
on_identity_code_activated (ScProbeForm *self,
                            guint        code)
{
  g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0, code);
}

static void
sc_probe_form_class_init (ScProbeFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = sc_probe_form_get_property;
  object_class->dispose = sc_probe_form_dispose;
  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A code in the Identity explanations was activated. */
  signals[SIGNAL_CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  /* Enter in the target: send. */
  signals[SIGNAL_SUBMIT] =
    g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The target or username changed: a remembered password may belong to the new pair. */
  signals[SIGNAL_CREDENTIALS_CHANGED] =
    g_signal_new ("credentials-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (SC_TYPE_PROBE_REGISTRATION);
  g_type_ensure (SC_TYPE_PROBE_IDENTITY_CODES);
  g_type_ensure (SC_TYPE_PROBE_SIGNING);
  g_type_ensure (SC_TYPE_PROBE_HEADERS);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-probe-form.ui");
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, target_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, target_group);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, method_group);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, identity_group);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, transport_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, method_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, registration);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, other_method_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, username_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, password_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, remember_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, headers);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, identity_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, identity_codes_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, signing);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, content_type_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeForm, body_view);
}

static void
sc_probe_form_init (ScProbeForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->target_problem = add_problem_label (self->target_group);
  self->method_problem = add_problem_label (self->method_group);
  self->identity_problem = add_problem_label (self->identity_group);
  g_signal_connect_swapped (self->target_row, "changed", G_CALLBACK (revalidate), self);
  g_signal_connect_swapped (self->target_row, "changed", G_CALLBACK (on_credentials_changed), self);
  g_signal_connect_swapped (self->target_row, "entry-activated", G_CALLBACK (on_target_activated), self);
  g_signal_connect_swapped (self->username_row, "changed", G_CALLBACK (on_credentials_changed), self);
  g_signal_connect_swapped (self->username_row, "changed", G_CALLBACK (revalidate), self);
  g_signal_connect_swapped (self->registration, "changed", G_CALLBACK (revalidate), self);
  g_signal_connect_swapped (self->signing, "changed", G_CALLBACK (revalidate), self);
  g_signal_connect_swapped (self->headers, "changed", G_CALLBACK (revalidate), self);
  g_signal_connect_swapped (self->identity_codes_row, "code-activated", G_CALLBACK (on_identity_code_activated), self);
  g_signal_connect_swapped (self->transport_row, "notify::selected", G_CALLBACK (revalidate), self);
  g_signal_connect_swapped (self->method_row, "notify::selected", G_CALLBACK (on_method_changed), self);
  g_signal_connect_swapped (self->other_method_row, "changed", G_CALLBACK (revalidate), self);
  g_signal_connect_swapped (self->identity_row, "changed", G_CALLBACK (revalidate), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed", G_CALLBACK (on_body_changed), self);
  sc_probe_form_set_keyring_problem (self, NULL);
  revalidate (self);
}

GtkWidget *
sc_probe_form_new (void)
{
  return g_object_new (SC_TYPE_PROBE_FORM, NULL);
}

/* The codes a server answers about Identity, each with its summary from the knowledge base. */
void
sc_probe_form_explain_identity (ScProbeForm  *self,
                                ScKbDatabase *db,
                                ScKbLang      lang)
{
  sc_probe_identity_codes_explain (self->identity_codes_row, db, lang);
}

gboolean
sc_probe_form_is_valid (ScProbeForm *self)
{
  g_return_val_if_fail (SC_IS_PROBE_FORM (self), FALSE);
  return self->valid;
}

static char *
nonempty (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  return *copy ? g_steal_pointer (&copy) : NULL;
}

char *
sc_probe_form_get_body (ScProbeForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Everything but the password: the record is what history keeps. */
ScProbeRecord *
sc_probe_form_to_record (ScProbeForm *self)
{
  ScProbeRecord *record = sc_probe_record_new ();
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  g_autofree char *identity = nonempty (entry_text (self->identity_row));
  g_autofree char *body = sc_probe_form_get_body (self);
  const char *transport = transports[adw_combo_row_get_selected (self->transport_row)];

  record->started_at = g_get_real_time () / G_USEC_PER_SEC;
  record->target = g_strstrip (g_strdup (entry_text (self->target_row)));
  record->transport = g_strdup (transport ? transport : "auto");
  record->method = current_method (self);
  record->username = nonempty (entry_text (self->username_row));
  sc_probe_headers_add_lines (self->headers, headers);
  sc_probe_signing_to_record (self->signing, record);
  if (identity != NULL && record->sign_key == NULL)
    {
      g_autofree char *line = g_strconcat ("Identity: ", identity, NULL);
      g_strv_builder_add (headers, line);
    }
  record->headers = g_strv_builder_end (headers);
  if (record->headers[0] == NULL)
    g_clear_pointer (&record->headers, g_strfreev);
  record->body = *body ? g_steal_pointer (&body) : NULL;
  record->content_type = nonempty (entry_text (self->content_type_row));
  record->timeout_ms = gtk_spin_button_get_value_as_int (self->timeout_spin) * 1000;
  if (g_str_equal (record->method, "REGISTER"))
    {
      record->aor = g_strdup (sc_probe_registration_get_aor (self->registration));
      record->expires = sc_probe_registration_get_expires (self->registration);
      record->unregister = sc_probe_registration_get_unregister (self->registration);
    }
  return record;
}

/* A probe from the history, back in the form; the password is the keyring's business. */
void
sc_probe_form_fill (ScProbeForm         *self,
                    const ScProbeRecord *record)
{
  g_return_if_fail (SC_IS_PROBE_FORM (self));
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->target_row), record->target);
  sc_probe_form_set_transport (self, record->transport);
  sc_probe_form_set_method (self, record->method);
  gtk_spin_button_set_value (self->timeout_spin, MAX (record->timeout_ms / 1000, 1));
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), record->username ? record->username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  sc_probe_registration_set (self->registration, record->aor, record->expires, record->unregister);
  sc_probe_signing_fill (self->signing, record);
  gtk_editable_set_text (GTK_EDITABLE (self->identity_row), "");
  sc_probe_headers_clear (self->headers);
  for (guint i = 0; record->headers != NULL && record->headers[i] != NULL; i++)
    {
      const char *identity = sc_probe_record_identity_value (record->headers[i]);

      if (identity != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->identity_row), identity);
      else
        sc_probe_form_add_header_row (self, record->headers[i]);
    }
  set_body (self, record->body, record->content_type);
  self->filling = FALSE;
  self->body_prefilled = FALSE;
  revalidate (self);
  g_signal_emit (self, signals[SIGNAL_CREDENTIALS_CHANGED], 0);
}

const char *
sc_probe_form_get_target (ScProbeForm *self)
{
  return entry_text (self->target_row);
}

const char *
sc_probe_form_get_username (ScProbeForm *self)
{
  return entry_text (self->username_row);
}

const char *
sc_probe_form_get_password (ScProbeForm *self)
{
  return entry_text (self->password_row);
}

void
sc_probe_form_set_password (ScProbeForm *self,
                            const char  *password)
{
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
}

gboolean
sc_probe_form_get_remember (ScProbeForm *self)
{
  return gtk_switch_get_active (self->remember_switch) &&
         gtk_widget_get_sensitive (GTK_WIDGET (self->remember_row));
}

void
sc_probe_form_set_remember (ScProbeForm *self,
                            gboolean     remember)
{
  gtk_switch_set_active (self->remember_switch, remember);
}

/* NULL: the keyring is there. Otherwise why passwords cannot be remembered. */
void
sc_probe_form_set_keyring_problem (ScProbeForm *self,
                                   const char  *problem)
{
  g_autofree char *text = problem ? g_strdup_printf (_("Passwords will not be remembered: %s"), problem) : NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_row), problem == NULL);
  if (problem != NULL)
    gtk_switch_set_active (self->remember_switch, FALSE);
  adw_action_row_set_subtitle (self->remember_row,
                               problem ? text : _("Kept in the desktop keyring, never in the app’s files"));
}

void
sc_probe_form_focus_target (ScProbeForm *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->target_row));
}

GtkEditable *
sc_probe_form_get_target_editable (ScProbeForm *self)
{
  return GTK_EDITABLE (self->target_row);
}

void
sc_probe_form_set_method (ScProbeForm *self,
                          const char  *method)
{
  GListModel *model = adw_combo_row_get_model (self->method_row);

  for (guint i = 0; i < OTHER_METHOD; i++)
    if (g_ascii_strcasecmp (gtk_string_list_get_string (GTK_STRING_LIST (model), i), method) == 0)
      {
        adw_combo_row_set_selected (self->method_row, i);
        return;
      }
  gtk_editable_set_text (GTK_EDITABLE (self->other_method_row), method);
  adw_combo_row_set_selected (self->method_row, OTHER_METHOD);
}

void
sc_probe_form_set_transport (ScProbeForm *self,
                             const char  *transport)
{
  guint selected = 0;

  for (guint i = 1; transport != NULL && i < G_N_ELEMENTS (transports); i++)
    if (g_ascii_strcasecmp (transports[i], transport) == 0)
      selected = i;
  adw_combo_row_set_selected (self->transport_row, selected);
}

void
sc_probe_form_set_timeout (ScProbeForm *self,
                           guint        seconds)
{
  gtk_spin_button_set_value (self->timeout_spin, seconds);
}

static const char *
shown_problem (GtkLabel *label)
{
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

const char *
sc_probe_form_get_target_problem (ScProbeForm *self)
{
  return shown_problem (self->target_problem);
}

const char *
sc_probe_form_get_headers_problem (ScProbeForm *self)
{
  return sc_probe_headers_get_problem (self->headers);
}

const char *
sc_probe_form_get_remember_note (ScProbeForm *self)
{
  return adw_action_row_get_subtitle (self->remember_row);
}

gboolean
sc_probe_form_can_remember (ScProbeForm *self)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (self->remember_row));
}

void
sc_probe_form_set_username (ScProbeForm *self,
                            const char  *username)
{
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
}

void
sc_probe_form_set_identity (ScProbeForm *self,
                            const char  *value)
{
  gtk_editable_set_text (GTK_EDITABLE (self->identity_row), value);
}

/* The row explaining @code next to the Identity header, or NULL. */
GtkWidget *
sc_probe_form_get_identity_explanation (ScProbeForm *self,
                                        guint        code)
{
  return sc_probe_identity_codes_get_row (self->identity_codes_row, code);
}

/* Tests and the history: REGISTER's address of record and binding. */
void
sc_probe_form_set_registration (ScProbeForm *self,
                                const char  *aor,
                                guint        expires,
                                gboolean     unregister)
{
  g_return_if_fail (SC_IS_PROBE_FORM (self));
  sc_probe_registration_set (self->registration, aor, expires, unregister);
}

/* Returns: (nullable): what keeps a REGISTER from being sent, in words. */
const char *
sc_probe_form_get_registration_problem (ScProbeForm *self)
{
  g_return_val_if_fail (SC_IS_PROBE_FORM (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->registration))
         ? sc_probe_registration_get_problem (self->registration) : NULL;
}

gboolean
sc_probe_form_shows_registration (ScProbeForm *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->registration));
}

ScProbeSigning *
sc_probe_form_get_signing (ScProbeForm *self)
{
  return self->signing;
}
