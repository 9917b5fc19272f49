#include "sc-kb-error.h"

G_DEFINE_QUARK (sc-kb-error-quark, sc_kb_error)

/**
 * sc_kb_error_invalid_source:
 * Sets @error to %SC_KB_ERROR_INVALID_SOURCE, "PATH: message". Returns %FALSE, for `return`.
 */
gboolean
sc_kb_error_invalid_source (GError     **error,
                            const char  *path,
                            const char  *format,
                            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_SOURCE, "%s: %s", path, message);
  return FALSE;
}
