#define G_LOG_DOMAIN "sc-capture"

#include "sc-capture-libpcap.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "sc-capture-error.h"

/* Debian names libpcap 1.x libpcap.so.0.8; upstream's build (the Flatpak's) libpcap.so.1. */
static const char *const sonames[] = { "libpcap.so.0.8", "libpcap.so.1" };

#define SYMBOL(name) { "pcap_" #name, G_STRUCT_OFFSET (ScCaptureLibpcap, name) }
static const struct { const char *name; gsize offset; } symbols[] = {
  SYMBOL (close), SYMBOL (datalink), SYMBOL (datalink_val_to_description), SYMBOL (datalink_val_to_name),
  SYMBOL (dump), SYMBOL (dump_close), SYMBOL (dump_flush), SYMBOL (dump_open), SYMBOL (file),
  SYMBOL (fopen_offline_with_tstamp_precision), SYMBOL (geterr), SYMBOL (next_ex), SYMBOL (open_dead),
};
#undef SYMBOL

static ScCaptureLibpcap libpcap;
static char *load_error;  /* why it could not be loaded; NULL once loaded */

static gpointer
load (gpointer data)
{
  GModule *module = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sonames) && module == NULL; i++)
    module = g_module_open (sonames[i], G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      load_error = g_strdup (g_module_error ());
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (!g_module_symbol (module, symbols[i].name, (gpointer *) G_STRUCT_MEMBER_P (&libpcap, symbols[i].offset)))
      {
        load_error = g_strdup (g_module_error ());
        return NULL;
      }
  /* Kept for the life of the process: readers and writers hold its functions. */
  return &libpcap;
}

/**
 * sc_capture_libpcap_get:
 *
 * Returns: (nullable): libpcap's functions, or %NULL with %SC_CAPTURE_ERROR_READ when libpcap
 * is not installed or lacks one of them
 */
const ScCaptureLibpcap *
sc_capture_libpcap_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const ScCaptureLibpcap *loaded = g_once (&once, load, NULL);

  if (loaded == NULL)
    g_set_error (error, SC_CAPTURE_ERROR, SC_CAPTURE_ERROR_READ,
                 _("libpcap, which reads and writes captures, cannot be loaded (%s): install libpcap0.8"),
                 load_error);
  return loaded;
}
