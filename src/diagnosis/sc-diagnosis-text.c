/* Finding SIP messages in pasted text: raw messages one after another, a log with other lines
 * between them, sngrep's text export (a "date time src -> dst" line before each message),
 * Wireshark's "Follow UDP/TCP Stream" (raw payloads, "=====" separators) and Wireshark's packet
 * dissection export, whose messages are rebuilt from its Request-Line/Status-Line and Message
 * Header lines. */
#include "sc-diagnosis-text.h"

#include <string.h>

typedef struct {
  const char *p;
  gsize       len;    /* without the line end */
  gsize       next;   /* offset of the next line */
} Line;

static gboolean
next_line (const char *text,
           gsize       len,
           gsize       at,
           Line       *line)
{
  const char *nl;

  if (at >= len)
    return FALSE;
  nl = memchr (text + at, '\n', len - at);
  line->p = text + at;
  line->next = nl ? (gsize) (nl - text) + 1 : len;
  line->len = (nl ? (gsize) (nl - text) : len) - at;
  if (line->len > 0 && line->p[line->len - 1] == '\r')
    line->len--;
  return TRUE;
}

static gboolean
is_token_char (char c)
{
  return g_ascii_isalnum (c) || strchr ("-.!%*_+`'~", c) != NULL;
}

/* "SIP/2.0 503 Service Unavailable" or "INVITE sip:bob@example.com SIP/2.0". */
gboolean
sc_diagnosis_text_starts_message (const char *line,
                                  gsize       len)
{
  const char *space, *end;

  while (len > 0 && line[len - 1] == ' ')
    len--;
  end = line + len;
  if (len >= 11 && strncmp (line, "SIP/2.0 ", 8) == 0)
    return g_ascii_isdigit (line[8]) && g_ascii_isdigit (line[9]) && g_ascii_isdigit (line[10]) &&
           (len == 11 || line[11] == ' ');
  if (len < 16 || strncmp (end - 8, " SIP/2.0", 8) != 0)
    return FALSE;
  for (space = line; space < end && is_token_char (*space); space++)
    ;
  return space > line && space < end - 8 && *space == ' ' && space[1] != ' ' &&
         memchr (space + 1, ' ', (end - 8) - (space + 1)) == NULL;
}

/* A line that a tool puts between messages: sngrep's "2026/12/04 10:00:00.123456 10.0.0.1:5060
 * -> 10.0.0.2:5060", Wireshark's "=====" rules. It ends the message before it. */
static gboolean
is_separator (const Line *line)
{
  gsize equals = 0;

  for (gsize i = 0; i < line->len; i++)
    equals += line->p[i] == '=';
  if (line->len >= 8 && equals == line->len)
    return TRUE;
  return line->len > 20 && line->len < 200 && g_ascii_isdigit (line->p[0]) &&
         (line->p[4] == '/' || line->p[4] == '-') && g_strstr_len (line->p, line->len, " -> ") != NULL;
}

static void
add_span (GArray *spans,
          gsize   start,
          gsize   end,
          guint   first_line)
{
  ScDiagnosisSpan span = { start, end, first_line, NULL };

  if (spans->len < SC_DIAGNOSIS_MAX_MESSAGES)
    g_array_append_val (spans, span);
}

static gsize
indent_of (const Line *line)
{
  gsize n = 0;

  while (n < line->len && line->p[n] == ' ')
    n++;
  return n;
}

/* Wireshark's dissection export: "Session Initiation Protocol (INVITE)", then indented
 * "Request-Line: …" or "Status-Line: …", "Message Header", its header lines one level deeper
 * (their own details deeper still), and "Message Body". Returns the offset after the part read. */
static gsize
rebuild_dissection (const char *text,
                    gsize       len,
                    gsize       at,
                    guint      *line_number,
                    GArray     *spans)
{
  g_autoptr(GString) message = g_string_new (NULL);
  guint first_line = *line_number;
  gsize header_indent = 0, base_indent = G_MAXSIZE;
  gboolean in_headers = FALSE;
  Line line;

  while (next_line (text, len, at, &line))
    {
      gsize indent = indent_of (&line);
      const char *content = line.p + indent;
      gsize content_len = line.len - indent;

      if (line.len == 0 || (base_indent != G_MAXSIZE && indent < base_indent))
        break;
      if (base_indent == G_MAXSIZE)
        base_indent = indent;
      if (indent == base_indent)
        {
          in_headers = content_len == 14 && strncmp (content, "Message Header", 14) == 0;
          if (content_len > 14 && (strncmp (content, "Request-Line: ", 14) == 0 || strncmp (content, "Status-Line: ", 13) == 0))
            {
              const char *colon = memchr (content, ':', content_len);
              g_string_append_len (message, colon + 2, content_len - (colon + 2 - content));
              g_string_append (message, "\r\n");
            }
          header_indent = 0;
        }
      else if (in_headers && (header_indent == 0 || indent == header_indent))
        {
          header_indent = indent;
          g_string_append_len (message, content, content_len);
          g_string_append (message, "\r\n");
        }
      at = line.next;
      (*line_number)++;
    }
  if (message->len > 0)
    {
      ScDiagnosisSpan span = { 0, 0, first_line, NULL };
      g_string_append (message, "\r\n");
      span.rebuilt = g_bytes_new (message->str, message->len);
      if (spans->len < SC_DIAGNOSIS_MAX_MESSAGES)
        g_array_append_val (spans, span);
      else
        g_bytes_unref (span.rebuilt);
    }
  return at;
}

static void
clear_span (gpointer data)
{
  g_clear_pointer (&((ScDiagnosisSpan *) data)->rebuilt, g_bytes_unref);
}

/* "Content-Length: 42" or "l: 42": the body's size, or -1. */
static gint64
content_length_of (const Line *line)
{
  const char *colon = memchr (line->p, ':', line->len);
  gsize name_len = colon ? (gsize) (colon - line->p) : 0;
  guint64 value;
  g_autofree char *digits = NULL;

  while (name_len > 0 && line->p[name_len - 1] == ' ')
    name_len--;
  if (colon == NULL ||
      !((name_len == 14 && g_ascii_strncasecmp (line->p, "Content-Length", 14) == 0) ||
        (name_len == 1 && g_ascii_tolower (line->p[0]) == 'l')))
    return -1;
  digits = g_strstrip (g_strndup (colon + 1, line->len - (colon + 1 - line->p)));
  return g_ascii_string_to_unsigned (digits, 10, 0, SC_DIAGNOSIS_MAX_TEXT, &value, NULL) ? (gint64) value : -1;
}

GArray *
sc_diagnosis_text_split (const char *text,
                         gsize       len)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (ScDiagnosisSpan));
  gsize start = 0, at = 0, body_end = 0;
  guint line_number = 1, first_line = 0;
  gboolean open = FALSE, in_headers = FALSE;
  gint64 content_length = -1;
  Line line;

  g_array_set_clear_func (spans, clear_span);
  while (spans->len < SC_DIAGNOSIS_MAX_MESSAGES && next_line (text, len, at, &line))
    {
      gboolean dissection = line.len >= 27 && strncmp (line.p, "Session Initiation Protocol", 27) == 0;

      /* A body the message's Content-Length covers is its own, whatever it holds (a sipfrag's
       * "SIP/2.0 200 OK" does not start a message). */
      if (open && at < body_end)
        {
          at = line.next;
          line_number++;
          continue;
        }
      if (open && in_headers)
        {
          if (line.len == 0)
            {
              in_headers = FALSE;
              body_end = content_length > 0 ? line.next + content_length : 0;
            }
          else if (content_length < 0)
            content_length = content_length_of (&line);
        }
      if (open && (dissection || is_separator (&line) || sc_diagnosis_text_starts_message (line.p, line.len)))
        {
          add_span (spans, start, at, first_line);
          open = FALSE;
        }
      if (dissection)
        {
          line_number++;
          at = rebuild_dissection (text, len, line.next, &line_number, spans);
          continue;
        }
      if (sc_diagnosis_text_starts_message (line.p, line.len))
        {
          start = at;
          first_line = line_number;
          open = TRUE;
          in_headers = TRUE;
          content_length = -1;
          body_end = 0;
        }
      at = line.next;
      line_number++;
    }
  if (open)
    add_span (spans, start, len, first_line);
  return spans;
}
