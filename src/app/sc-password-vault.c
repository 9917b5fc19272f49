#define G_LOG_DOMAIN "sc-password-vault"

#include "sc-password-vault.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

struct _ScPasswordVault
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (ScPasswordVault, sc_password_vault, G_TYPE_OBJECT)

static const SecretSchema *
probe_schema (void)
{
  static const SecretSchema schema = {
    "io.github.sipcodes.SipCodes.ProbePassword", SECRET_SCHEMA_NONE,
    {
      { "target", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

static void
sc_password_vault_class_init (ScPasswordVaultClass *klass)
{
}

static void
sc_password_vault_init (ScPasswordVault *self)
{
}

ScPasswordVault *
sc_password_vault_new (void)
{
  return g_object_new (SC_TYPE_PASSWORD_VAULT, NULL);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
sc_password_vault_lookup_async (ScPasswordVault     *self,
                                const char          *target,
                                const char          *username,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, sc_password_vault_lookup_async);
  secret_password_lookup (probe_schema (), cancellable, on_looked_up, task,
                          "target", target, "username", username, NULL);
}

char *
sc_password_vault_lookup_finish (ScPasswordVault  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_autofree char *password = NULL;
  char *copy;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  /* libsecret hands out non-pageable memory; our copy lives only as long as the form's text. */
  password = g_task_propagate_pointer (G_TASK (result), error);
  copy = g_strdup (password);
  if (password != NULL)
    secret_password_free (g_steal_pointer (&password));
  return copy;
}

/* A lookup that can only come back empty: it succeeds exactly when a keyring answers. */
void
sc_password_vault_check_async (ScPasswordVault     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  sc_password_vault_lookup_async (self, "", "", cancellable, callback, user_data);
}

gboolean
sc_password_vault_check_finish (ScPasswordVault  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *ignored = sc_password_vault_lookup_finish (self, result, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
on_changed (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  /* Clearing nothing is not a failure: only the error counts. */
  if (g_task_get_source_tag (task) == sc_password_vault_store_async)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
sc_password_vault_store_async (ScPasswordVault     *self,
                               const char          *target,
                               const char          *username,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  /* The label is what the user sees in the keyring manager (Seahorse). */
  g_autofree char *label = g_strdup_printf (_("SIP Codes probe: %s at %s"), username, target);

  g_task_set_source_tag (task, sc_password_vault_store_async);
  secret_password_store (probe_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable, on_changed, task,
                         "target", target, "username", username, NULL);
}

void
sc_password_vault_forget_async (ScPasswordVault     *self,
                                const char          *target,
                                const char          *username,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, sc_password_vault_forget_async);
  secret_password_clear (probe_schema (), cancellable, on_changed, task,
                         "target", target, "username", username, NULL);
}

gboolean
sc_password_vault_change_finish (ScPasswordVault  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
