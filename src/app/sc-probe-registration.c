#define G_LOG_DOMAIN "sc-probe-registration"

#include "sc-probe-registration.h"

#include <glib/gi18n.h>

#include "sc-section.h"
#include "sc-sip-probe.h"

#define DEFAULT_EXPIRES 60

struct _ScProbeRegistration
{
  GtkWidget      parent_instance;

  AdwEntryRow   *aor_row;
  AdwActionRow  *expires_row;
  GtkSpinButton *expires_spin;
  GtkSwitch     *unregister_switch;
  GtkLabel      *problem_label;
};

G_DEFINE_FINAL_TYPE (ScProbeRegistration, sc_probe_registration, GTK_TYPE_WIDGET)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_changed (ScProbeRegistration *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Removing every binding leaves no lifetime to choose. */
static void
on_unregister_toggled (ScProbeRegistration *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->expires_row), !gtk_switch_get_active (self->unregister_switch));
  on_changed (self);
}

static void
sc_probe_registration_dispose (GObject *object)
{
  sc_section_dispose_children (GTK_WIDGET (object), SC_TYPE_PROBE_REGISTRATION);
  G_OBJECT_CLASS (sc_probe_registration_parent_class)->dispose (object);
}

static void
sc_probe_registration_class_init (ScProbeRegistrationClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_probe_registration_dispose;
  /* The address of record or the choice of binding changed: check the form again. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-probe-registration.ui");
  gtk_widget_class_bind_template_child (widget_class, ScProbeRegistration, aor_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeRegistration, expires_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeRegistration, expires_spin);
  gtk_widget_class_bind_template_child (widget_class, ScProbeRegistration, unregister_switch);
  gtk_widget_class_bind_template_child (widget_class, ScProbeRegistration, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_unregister_toggled);
}

static void
sc_probe_registration_init (ScProbeRegistration *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->expires_spin, "value-changed", G_CALLBACK (on_changed), self);
}

/* Returns: (nullable): the address of record typed, or NULL for the default. */
const char *
sc_probe_registration_get_aor (ScProbeRegistration *self)
{
  const char *aor = gtk_editable_get_text (GTK_EDITABLE (self->aor_row));

  return *aor != '\0' ? aor : NULL;
}

guint
sc_probe_registration_get_expires (ScProbeRegistration *self)
{
  return (guint) gtk_spin_button_get_value_as_int (self->expires_spin);
}

gboolean
sc_probe_registration_get_unregister (ScProbeRegistration *self)
{
  return gtk_switch_get_active (self->unregister_switch);
}

/* @expires: 0 for the default lifetime */
void
sc_probe_registration_set (ScProbeRegistration *self,
                           const char          *aor,
                           guint                expires,
                           gboolean             unregister)
{
  gtk_editable_set_text (GTK_EDITABLE (self->aor_row), aor ? aor : "");
  gtk_spin_button_set_value (self->expires_spin, expires > 0 ? expires : DEFAULT_EXPIRES);
  gtk_switch_set_active (self->unregister_switch, unregister);
}

/* Whether a REGISTER to @target has an address of record; if not, the group says why. A
 * target that cannot be probed at all is the target's own problem, said there. */
gboolean
sc_probe_registration_check (ScProbeRegistration *self,
                             const char          *target,
                             const char          *transport,
                             const char          *username)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *aor = NULL;
  gboolean target_ok = *target != '\0' && sc_sip_probe_check_target (target, transport, NULL, NULL);

  if (target_ok)
    aor = sc_sip_probe_address_of_record (target, transport, sc_probe_registration_get_aor (self), username, &error);
  gtk_label_set_text (self->problem_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->aor_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->aor_row), "error");
  return !target_ok || aor != NULL;
}

const char *
sc_probe_registration_get_problem (ScProbeRegistration *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label)) ? gtk_label_get_text (self->problem_label) : NULL;
}
