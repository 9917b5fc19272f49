#define G_LOG_DOMAIN "sc-probe-keyring"

#include "sc-probe-keyring.h"

#include <glib/gi18n.h>

#include "sc-feedback.h"
#include "sc-password-vault.h"

/* Typing in the target or username asks the keyring once the typing pauses. */
#define LOOKUP_DELAY_MS 400

struct _ScProbeKeyring
{
  GObject          parent_instance;

  ScProbeForm     *form;          /* weak: the page owns both */
  ScPasswordVault *vault;
  GCancellable    *cancellable;
  guint            lookup_id;
  gboolean         checked;
  gboolean         available;
};

G_DEFINE_FINAL_TYPE (ScProbeKeyring, sc_probe_keyring, G_TYPE_OBJECT)

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(ScProbeKeyring) self = data;
  g_autoptr(GError) error = NULL;

  self->available = sc_password_vault_check_finish (SC_PASSWORD_VAULT (source), result, &error);
  if (self->form == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->checked = TRUE;
  if (error != NULL)
    g_debug ("no keyring: %s", error->message);
  sc_probe_form_set_keyring_problem (self->form, self->available ? NULL
                                     : _("no keyring service answers on this desktop"));
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(ScProbeKeyring) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = sc_password_vault_lookup_finish (SC_PASSWORD_VAULT (source), result, &error);

  if (self->form == NULL || password == NULL)
    return;
  sc_probe_form_set_password (self->form, password);
  sc_probe_form_set_remember (self->form, TRUE);
}

static void
look_up (gpointer data)
{
  ScProbeKeyring *self = data;
  const char *username;

  self->lookup_id = 0;
  if (self->form == NULL || !self->available)
    return;
  username = sc_probe_form_get_username (self->form);
  if (*username == '\0' || *sc_probe_form_get_target (self->form) == '\0')
    return;
  sc_password_vault_lookup_async (self->vault, sc_probe_form_get_target (self->form), username,
                                  self->cancellable, on_found, g_object_ref (self));
}

static void
on_credentials_changed (ScProbeKeyring *self)
{
  g_clear_handle_id (&self->lookup_id, g_source_remove);
  self->lookup_id = g_timeout_add_once (LOOKUP_DELAY_MS, look_up, self);
}

static void
on_changed (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(ScProbeKeyring) self = data;
  g_autoptr(GError) error = NULL;

  if (!sc_password_vault_change_finish (SC_PASSWORD_VAULT (source), result, &error) && self->form != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The keyring did not take the password: %s"), error->message);
      sc_toast (GTK_WIDGET (self->form), message);
    }
}

/* "Remember" on: the keyring keeps the password; off: it forgets one kept before. */
void
sc_probe_keyring_keep_or_forget (ScProbeKeyring      *self,
                                 const ScProbeRecord *record,
                                 const char          *password)
{
  g_return_if_fail (SC_IS_PROBE_KEYRING (self));
  if (self->form == NULL || !self->available || record->username == NULL)
    return;
  if (sc_probe_form_get_remember (self->form) && *password != '\0')
    sc_password_vault_store_async (self->vault, record->target, record->username, password,
                                   self->cancellable, on_changed, g_object_ref (self));
  else if (!sc_probe_form_get_remember (self->form))
    sc_password_vault_forget_async (self->vault, record->target, record->username,
                                    self->cancellable, on_changed, g_object_ref (self));
}

/* The form is going away: nothing more to look up or keep. */
void
sc_probe_keyring_stop (ScProbeKeyring *self)
{
  g_return_if_fail (SC_IS_PROBE_KEYRING (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->lookup_id, g_source_remove);
}

gboolean
sc_probe_keyring_is_checked (ScProbeKeyring *self)
{
  return self->checked;
}

static void
sc_probe_keyring_dispose (GObject *object)
{
  ScProbeKeyring *self = SC_PROBE_KEYRING (object);

  sc_probe_keyring_stop (self);
  g_clear_weak_pointer (&self->form);
  G_OBJECT_CLASS (sc_probe_keyring_parent_class)->dispose (object);
}

static void
sc_probe_keyring_finalize (GObject *object)
{
  ScProbeKeyring *self = SC_PROBE_KEYRING (object);

  g_clear_object (&self->vault);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (sc_probe_keyring_parent_class)->finalize (object);
}

static void
sc_probe_keyring_class_init (ScProbeKeyringClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sc_probe_keyring_dispose;
  G_OBJECT_CLASS (klass)->finalize = sc_probe_keyring_finalize;
}

static void
sc_probe_keyring_init (ScProbeKeyring *self)
{
  self->vault = sc_password_vault_new ();
  self->cancellable = g_cancellable_new ();
}

ScProbeKeyring *
sc_probe_keyring_new (ScProbeForm *form)
{
  ScProbeKeyring *self = g_object_new (SC_TYPE_PROBE_KEYRING, NULL);

  g_set_weak_pointer (&self->form, form);
  g_signal_connect_object (form, "credentials-changed", G_CALLBACK (on_credentials_changed), self, G_CONNECT_SWAPPED);
  sc_password_vault_check_async (self->vault, self->cancellable, on_checked, g_object_ref (self));
  return self;
}
