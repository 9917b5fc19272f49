/* Bytes from the network as text a person can look at: on a terminal, in JSON, in a window. */
#define _GNU_SOURCE  /* memmem */
#define G_LOG_DOMAIN "sc-sip-printable"

#include "sc-sip-printable.h"

#include <string.h>

/* Characters that change how text around them is shown without being seen themselves: bidi
 * overrides (which can make a message read other than it is), zero-width and other format
 * characters, line and paragraph separators, and code points with no meaning yet. */
static gboolean
hidden (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * sc_sip_printable_is_plain:
 *
 * Returns: whether @data is printable ASCII and tabs only, which sc_sip_printable() returns
 *   as they are.
 */
gboolean
sc_sip_printable_is_plain (const char *data,
                           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!((data[i] >= 0x20 && data[i] < 0x7f) || data[i] == '\t'))
      return FALSE;
  return TRUE;
}

/* @data as valid UTF-8 (bytes that are not become U+FFFD) with every control character (C0,
 * DEL, C1; tab kept, line feeds kept with @keep_lines) shown as \xNN: an escape sequence in a
 * reason phrase cannot clear a screen or retitle a terminal, and a bare CR is seen, not obeyed;
 * invisible characters that steer the display are shown as \u{XXXX}. */
static char *
printable (const char *data,
           gssize      len,
           gboolean    keep_lines)
{
  g_autofree char *valid = NULL;
  GString *out;
  gsize n;

  if (data == NULL)
    data = "", len = 0;
  n = len < 0 ? strlen (data) : (gsize) len;
  if (sc_sip_printable_is_plain (data, n))
    return g_strndup (data, n);
  valid = g_utf8_make_valid (data, len);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (keep_lines && c == '\n')
        g_string_append_c (out, '\n');
      else if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f))
        g_string_append_printf (out, "\\x%02X", c);
      else if (c > 0x9f && hidden (c))
        g_string_append_printf (out, "\\u{%04X}", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * sc_sip_printable:
 * @len: the length of @data, or -1 when it ends with NUL
 *
 * Returns: (transfer full): @data made safe for one line of text.
 */
char *
sc_sip_printable (const char *data,
                  gssize      len)
{
  return printable (data, len, FALSE);
}

/**
 * sc_sip_printable_lines:
 * Like sc_sip_printable(), for text of several lines: line feeds stay.
 */
char *
sc_sip_printable_lines (const char *data,
                        gssize      len)
{
  return printable (data, len, TRUE);
}

/**
 * sc_sip_printable_message:
 * @bytes: a message as on the wire
 *
 * Returns: (transfer full): the message to read: each CRLF a line break, and everything else
 * as sc_sip_printable() shows it, a bare CR or LF included.
 */
char *
sc_sip_printable_message (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *end = data + size;
  GString *out = g_string_sized_new (size);

  for (const char *p = data; p < end; )
    {
      const char *eol = memmem (p, end - p, "\r\n", 2);
      g_autofree char *line = sc_sip_printable (p, (eol ? eol : end) - p);

      g_string_append (out, line);
      if (eol == NULL)
        break;
      g_string_append_c (out, '\n');
      p = eol + 2;
    }
  return g_string_free (out, FALSE);
}
