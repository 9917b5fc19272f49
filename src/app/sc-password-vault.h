#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Probe passwords in the desktop keyring (the Secret Service, through libsecret), keyed by
 * target and username. Nothing else in the app ever holds a password beyond one probe. */

#define SC_TYPE_PASSWORD_VAULT (sc_password_vault_get_type ())
G_DECLARE_FINAL_TYPE (ScPasswordVault, sc_password_vault, SC, PASSWORD_VAULT, GObject)

ScPasswordVault *sc_password_vault_new           (void);

/* Whether a keyring answers at all; the error says why not. */
void             sc_password_vault_check_async   (ScPasswordVault     *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         sc_password_vault_check_finish  (ScPasswordVault     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

void             sc_password_vault_lookup_async  (ScPasswordVault     *self,
                                                  const char          *target,
                                                  const char          *username,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* Returns: (transfer full) (nullable): the password, NULL (without error) when none is kept. */
char            *sc_password_vault_lookup_finish (ScPasswordVault     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

void             sc_password_vault_store_async   (ScPasswordVault     *self,
                                                  const char          *target,
                                                  const char          *username,
                                                  const char          *password,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
void             sc_password_vault_forget_async  (ScPasswordVault     *self,
                                                  const char          *target,
                                                  const char          *username,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* Finishes a store or a forget. */
gboolean         sc_password_vault_change_finish (ScPasswordVault     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
