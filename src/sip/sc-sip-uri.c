#define _GNU_SOURCE  /* memrchr */
/* SIP, SIPS and other URIs (RFC 3261 §19.1, §25.1; RFC 3966 for tel:), decoded as views. */
#include "sc-sip-uri.h"

#include <glib/gi18n-lib.h>

#include <string.h>

/* hostname and IPv4address characters: alphanumerics, '-', '.', and '_' seen in the wild. */
static const guint8 host_char[256] = {
  ['a' ... 'z'] = 1, ['A' ... 'Z'] = 1, ['0' ... '9'] = 1, ['-'] = 1, ['.'] = 1, ['_'] = 1,
};

/* What may not appear in a URI: controls, space, DEL, and the brackets and quote that delimit
 * one in a header (RFC 3261 §25.1). */
static const guint8 not_in_uri[256] = {
  [0 ... 0x20] = 1, [0x7f] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1,
};

char *
sc_sip_slice_dup (ScSipSlice s)
{
  return g_strndup (s.p ? s.p : "", s.len);
}

static gboolean
is_scheme_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '-' || c == '.';
}

/* hostname / IPv4address: alphanumerics, '-', '.'; IPv6reference: '[' hex, ':' and '.' ']'. */
static gboolean
parse_host (const char  *p,
            const char  *end,
            ScSipUri    *uri,
            const char **rest,
            const char **problem)
{
  const char *start = p;

  if (p < end && *p == '[')
    {
      for (p++; p < end && (g_ascii_isxdigit (*p) || *p == ':' || *p == '.'); p++)
        ;
      if (p >= end || *p != ']' || p == start + 1)
        return (*problem = _("malformed IPv6 reference in the host")), FALSE;
      uri->host = (ScSipSlice) { start + 1, p - start - 1 };
      uri->ipv6 = TRUE;
      *rest = p + 1;
      return TRUE;
    }
  for (; p < end && host_char[(guchar) *p]; p++)
    ;
  if (p == start)
    return (*problem = _("the URI has no host")), FALSE;
  uri->host = (ScSipSlice) { start, p - start };
  *rest = p;
  return TRUE;
}

static gboolean
parse_port (const char  *p,
            const char  *end,
            ScSipUri    *uri,
            const char **rest,
            const char **problem)
{
  guint port = 0;
  const char *start = p;

  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      port = port * 10 + (*p - '0');
      if (port > 65535)
        return (*problem = _("the port is over 65535")), FALSE;
    }
  if (p == start)
    return (*problem = _("the port is not a number")), FALSE;
  uri->port = port;
  *rest = p;
  return TRUE;
}

/* host [":" port], as in a URI or a Via sent-by; fills uri->host, port and ipv6. */
gboolean
sc_sip_parse_hostport (const char  *p,
                       const char  *end,
                       ScSipUri    *uri,
                       const char **rest,
                       const char **problem)
{
  if (!parse_host (p, end, uri, &p, problem))
    return FALSE;
  if (p < end && *p == ':' && !parse_port (p + 1, end, uri, &p, problem))
    return FALSE;
  *rest = p;
  return TRUE;
}

/* userinfo runs to the last '@': a user part may hold ';' and '?' (RFC 4475 §3.1.1.2 and
 * §3.1.1.9), while params and headers can hold no raw '@'. The caller has checked that no
 * character that cannot be in a URI is. */
static gboolean
parse_sip (const char  *p,
           const char  *end,
           ScSipUri    *uri,
           const char **problem)
{
  const char *at = memrchr (p, '@', end - p), *colon, *question, *limit;

  if (at != NULL)
    {
      colon = memchr (p, ':', at - p);
      uri->user = (ScSipSlice) { p, (colon ? colon : at) - p };
      if (colon != NULL)
        uri->password = (ScSipSlice) { colon + 1, at - colon - 1 };
      if (uri->user.len == 0)
        return (*problem = _("the URI has an empty user part")), FALSE;
      p = at + 1;
    }
  question = memchr (p, '?', end - p);
  limit = question ? question : end;
  if (!sc_sip_parse_hostport (p, limit, uri, &p, problem))
    return FALSE;
  if (p < limit && *p != ';')
    return (*problem = _("unexpected character after the host")), FALSE;
  uri->params = (ScSipSlice) { p, limit - p };
  if (question != NULL)
    uri->headers = (ScSipSlice) { question, end - question };
  return TRUE;
}

/**
 * sc_sip_uri_parse:
 * @problem: (out): on failure, what is wrong (a static string)
 */
gboolean
sc_sip_uri_parse (ScSipSlice   text,
                  ScSipUri    *uri,
                  const char **problem)
{
  const char *p = text.p, *end = text.p + text.len, *colon;

  memset (uri, 0, sizeof *uri);
  if (text.len == 0 || !g_ascii_isalpha (*p))
    return (*problem = _("a URI must start with a scheme")), FALSE;
  for (colon = p; colon < end && is_scheme_char (*colon); colon++)
    ;
  if (colon >= end || *colon != ':')
    return (*problem = _("the URI has no scheme")), FALSE;
  uri->scheme = (ScSipSlice) { p, colon - p };
  uri->opaque = (ScSipSlice) { colon + 1, end - colon - 1 };
  for (const char *q = colon + 1; q < end; q++)
    if (not_in_uri[(guchar) *q])
      return (*problem = _("a space, control character, bracket or quote inside the URI")), FALSE;
  if (sc_sip_uri_is_sip (uri))
    return parse_sip (colon + 1, end, uri, problem);
  return TRUE;
}

gboolean
sc_sip_uri_is_sip (const ScSipUri *uri)
{
  const char *s = uri->scheme.p;

  return (uri->scheme.len == 3 || (uri->scheme.len == 4 && (s[3] | 0x20) == 's')) &&
         (s[0] | 0x20) == 's' && (s[1] | 0x20) == 'i' && (s[2] | 0x20) == 'p';
}

/* Looks up ";name" or ";name=value" among the URI parameters (case-insensitive name). */
gboolean
sc_sip_uri_get_param (const ScSipUri *uri,
                      const char     *name,
                      ScSipSlice     *value)
{
  const char *p, *end;
  gsize n = strlen (name);

  if (uri->params.len == 0)   /* also: no pointer arithmetic on an empty slice's NULL */
    return FALSE;
  p = uri->params.p;
  end = p + uri->params.len;
  while (p != NULL && p < end)
    {
      const char *item = p + 1;
      const char *next = memchr (item, ';', end - item);
      const char *item_end = next ? next : end;
      const char *eq = memchr (item, '=', item_end - item);
      gsize name_len = (eq ? eq : item_end) - item;

      if (name_len == n && g_ascii_strncasecmp (item, name, n) == 0)
        {
          if (value != NULL)
            *value = eq ? (ScSipSlice) { eq + 1, item_end - eq - 1 } : SC_SIP_SLICE_EMPTY;
          return TRUE;
        }
      p = next;
    }
  return FALSE;
}
