#include "sc-stir-base64url.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-stir-error.h"

char *
sc_stir_base64url_encode (const guint8 *data,
                          gsize         len)
{
  g_autofree char *standard = g_base64_encode (data, len);
  GString *out = g_string_sized_new (strlen (standard));

  for (const char *p = standard; *p != '\0' && *p != '='; p++)
    g_string_append_c (out, *p == '+' ? '-' : *p == '/' ? '_' : *p);
  return g_string_free (out, FALSE);
}

GBytes *
sc_stir_base64url_decode (const char  *text,
                          gsize        len,
                          GError     **error)
{
  g_autoptr(GString) standard = g_string_sized_new (len + 3);
  gsize out_len = 0;
  guchar *out;

  /* A length of 1 mod 4 is never the encoding of whole bytes. */
  if (len % 4 == 1)
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                           _("not base64url: its length cannot be that of any bytes"));
      return NULL;
    }
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (!(g_ascii_isalnum (c) || c == '-' || c == '_'))
        {
          /* TRANSLATORS: %llu counts the characters from 1. */
          g_set_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                       _("not base64url: character %llu is outside A–Z a–z 0–9 - _"), (unsigned long long) i + 1);
          return NULL;
        }
      g_string_append_c (standard, c == '-' ? '+' : c == '_' ? '/' : c);
    }
  while (standard->len % 4 != 0)
    g_string_append_c (standard, '=');
  out = g_base64_decode (standard->str, &out_len);
  return g_bytes_new_take (out, out_len);
}
