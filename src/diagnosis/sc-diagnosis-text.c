#include "sc-diagnosis-text.h"

#include <string.h>

static gboolean
is_token_char (char c)
{
  return g_ascii_isalnum (c) || strchr ("-.!%*_+`'~", c) != NULL;
}

/* "SIP/2.0 503 Service Unavailable" or "INVITE sip:bob@example.com SIP/2.0". */
static gboolean
starts_message (const char *line,
                gsize       len)
{
  const char *space, *end = line + len;

  while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' '))
    len--;
  end = line + len;
  if (len >= 12 && strncmp (line, "SIP/2.0 ", 8) == 0)
    return g_ascii_isdigit (line[8]) && g_ascii_isdigit (line[9]) && g_ascii_isdigit (line[10]) &&
           (len == 11 || line[11] == ' ');
  if (len < 16 || strncmp (end - 8, " SIP/2.0", 8) != 0)
    return FALSE;
  for (space = line; space < end && is_token_char (*space); space++)
    ;
  return space > line && space < end - 8 && *space == ' ' && space[1] != ' ' &&
         memchr (space + 1, ' ', (end - 8) - (space + 1)) == NULL;
}

GArray *
sc_diagnosis_text_split (const char *text,
                         gsize       len)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (ScDiagnosisSpan));
  ScDiagnosisSpan current = { 0 };
  gboolean open = FALSE;
  gsize p = 0;
  guint line = 1;

  while (p < len && spans->len < SC_DIAGNOSIS_MAX_MESSAGES)
    {
      const char *nl = memchr (text + p, '\n', len - p);
      gsize next = nl ? (gsize) (nl - text) + 1 : len;

      if (starts_message (text + p, next - p - (nl ? 1 : 0)))
        {
          if (open)
            {
              current.end = p;
              g_array_append_val (spans, current);
            }
          current = (ScDiagnosisSpan) { p, len, line };
          open = TRUE;
        }
      p = next;
      line++;
    }
  if (open && spans->len < SC_DIAGNOSIS_MAX_MESSAGES)
    {
      current.end = len;
      g_array_append_val (spans, current);
    }
  return spans;
}
