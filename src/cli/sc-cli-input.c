#define G_LOG_DOMAIN "sc-cli-input"

#include "config.h"

#include "sc-cli-input.h"

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

/**
 * sc_cli_read_bounded:
 * @path: (nullable): a file, or "-" or NULL for standard input
 * @limit: the most bytes @what can be
 * @what: what the file holds, for the message: "a SIP message", "a password"…
 *
 * Returns: (transfer full) (nullable): the whole file, or NULL with @error set when it cannot
 * be read or holds more than @limit bytes (never more than @limit + 1 bytes are read).
 */
GBytes *
sc_cli_read_bounded (const char  *path,
                     gsize        limit,
                     const char  *what,
                     GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[16384];

  if (path == NULL || g_str_equal (path, "-"))
    stream = g_unix_input_stream_new (0, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (stream == NULL)
        return NULL;
    }
  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, MIN (sizeof chunk, limit + 1 - data->len), NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (data, chunk, n);
      if (data->len > limit)
        {
          g_autofree char *size = g_format_size (limit);
          g_autofree char *name = path && !g_str_equal (path, "-") ? g_filename_display_name (path)
                                                                   : g_strdup (_("standard input"));
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("%s is larger than %s, the most %s can be: nothing past that was read"), name, size, what);
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
