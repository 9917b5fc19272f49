#define G_LOG_DOMAIN "sc-stir"

#include "sc-stir-gnutls.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "sc-stir-error.h"

#define SYMBOL(name) { "gnutls_" #name, G_STRUCT_OFFSET (ScStirGnutls, name) }
static const struct { const char *name; gsize offset; } symbols[] = {
  SYMBOL (free), SYMBOL (strerror), SYMBOL (privkey_init), SYMBOL (privkey_import_x509_raw),
  SYMBOL (privkey_get_pk_algorithm), SYMBOL (privkey_sign_data2), SYMBOL (privkey_deinit), SYMBOL (decode_rs_value),
  SYMBOL (encode_rs_value), SYMBOL (x509_crt_init), SYMBOL (x509_crt_import), SYMBOL (x509_crt_deinit),
  SYMBOL (pubkey_init), SYMBOL (pubkey_import_x509), SYMBOL (pubkey_get_pk_algorithm), SYMBOL (pubkey_verify_data2),
  SYMBOL (pubkey_deinit),
};
#undef SYMBOL

static ScStirGnutls gnutls;
static char *load_error;  /* why it could not be loaded */

static gpointer
load (gpointer data)
{
  /* The soname GnuTLS has kept since 3.4: Debian 12's and the Flatpak runtime's. */
  GModule *module = g_module_open ("libgnutls.so.30", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    {
      load_error = g_strdup (g_module_error ());
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (!g_module_symbol (module, symbols[i].name, (gpointer *) G_STRUCT_MEMBER_P (&gnutls, symbols[i].offset)))
      {
        load_error = g_strdup (g_module_error ());
        return NULL;
      }
  /* Kept for the life of the process, as GnuTLS's own global state is. */
  return &gnutls;
}

/**
 * sc_stir_gnutls_get:
 *
 * Returns: (nullable): GnuTLS's functions, or %NULL with %SC_STIR_ERROR_CREDENTIAL when GnuTLS
 * is not installed or lacks one of them
 */
const ScStirGnutls *
sc_stir_gnutls_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const ScStirGnutls *loaded = g_once (&once, load, NULL);

  if (loaded == NULL)
    g_set_error (error, SC_STIR_ERROR, SC_STIR_ERROR_CREDENTIAL,
                 _("GnuTLS, which signs and verifies PASSporTs, cannot be loaded (%s): install libgnutls30"),
                 load_error);
  return loaded;
}
