/* A message's first line as the ladder diagram labels its arrow: "INVITE alice", "486 Busy
 * Here". Read from captured bytes, so nothing in them is trusted: at most the first
 * SC_LADDER_LINE_MAX bytes are looked at, and every piece shown is made printable. */
#define G_LOG_DOMAIN "sc-ladder-line"

#include "sc-ladder-line.h"

#include <string.h>

#include "sc-sip-printable.h"

#define MAX_METHOD 32

void
sc_ladder_line_free (ScLadderLine *self)
{
  if (self == NULL)
    return;
  g_free (self->method);
  g_free (self->target);
  g_free (self->line);
  g_free (self);
}

/* RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
static gboolean
is_token (const char *p,
          gsize       len)
{
  if (len == 0 || len > MAX_METHOD)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (p[i]) && strchr ("-.!%*_+`'~", p[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* The user of a Request-URI ("alice" of sip:alice@example.com;transport=tcp, the number of a
 * tel: URI), or its host when it has no user. */
static char *
uri_target (const char *uri,
            gsize       len)
{
  const char *end = uri + len;
  const char *colon = memchr (uri, ':', len);
  const char *at;
  const char *p;

  if (colon != NULL)
    uri = colon + 1;
  at = memchr (uri, '@', end - uri);
  if (at != NULL)
    end = at;
  for (p = uri; p < end && *p != ';' && *p != '?' && *p != '>'; p++)
    ;
  return sc_sip_printable (uri, p - uri);
}

/* "SIP/2.0 486 Busy Here": the code (0 unless 100–699 with a space or nothing after it). */
static gboolean
parse_status (ScLadderLine *self,
              const char   *p,
              gsize         len)
{
  const char *sp = memchr (p, ' ', len);
  const char *code;
  gsize rest;

  if (len < 4 || g_ascii_strncasecmp (p, "SIP/", 4) != 0 || sp == NULL)
    return FALSE;
  code = sp + 1;
  rest = len - (code - p);
  if (rest < 3 || !g_ascii_isdigit (code[0]) || !g_ascii_isdigit (code[1]) || !g_ascii_isdigit (code[2]) ||
      (rest > 3 && code[3] != ' '))
    return FALSE;
  self->code = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  if (self->code < 100 || self->code > 699)
    {
      self->code = 0;
      return FALSE;
    }
  self->target = rest > 4 ? sc_sip_printable (code + 4, rest - 4) : g_strdup ("");
  return TRUE;
}

/* "INVITE sip:alice@example.com SIP/2.0": the method and the Request-URI's user. */
static gboolean
parse_request (ScLadderLine *self,
               const char   *p,
               gsize         len)
{
  const char *sp1 = memchr (p, ' ', len);
  const char *uri;
  const char *sp2;

  if (sp1 == NULL || !is_token (p, sp1 - p))
    return FALSE;
  uri = sp1 + 1;
  sp2 = memchr (uri, ' ', len - (uri - p));
  if (sp2 == NULL || sp2 == uri || (gsize) (p + len - (sp2 + 1)) < 4 || g_ascii_strncasecmp (sp2 + 1, "SIP/", 4) != 0)
    return FALSE;
  self->method = g_strndup (p, sp1 - p);
  self->target = uri_target (uri, sp2 - uri);
  return TRUE;
}

/**
 * sc_ladder_line_parse:
 * @bytes: a message as captured, whatever it holds
 *
 * Returns: (transfer full): its first line, parsed as far as it goes; never %NULL.
 */
ScLadderLine *
sc_ladder_line_parse (GBytes *bytes)
{
  ScLadderLine *self = g_new0 (ScLadderLine, 1);
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  gsize len = 0;

  size = MIN (size, SC_LADDER_LINE_MAX);
  while (len < size && data[len] != '\r' && data[len] != '\n')
    len++;
  self->line = sc_sip_printable (data, len);
  if (len == 0 || (!parse_status (self, data, len) && !parse_request (self, data, len)))
    self->target = g_strdup (self->line);
  return self;
}
