/* Header names, compact forms and the address and Via grammars of RFC 3261 §20, §25.1. */
#include "sc-sip-header.h"

#include <string.h>

typedef struct {
  const char   *name;
  char          compact;
  ScSipHeaderId id;
} HeaderName;

const guint8 sc_sip_char_class[256] = {
  ['a' ... 'z'] = SC_SIP_CLASS_TOKEN, ['A' ... 'Z'] = SC_SIP_CLASS_TOKEN, ['0' ... '9'] = SC_SIP_CLASS_TOKEN,
  ['-'] = SC_SIP_CLASS_TOKEN, ['.'] = SC_SIP_CLASS_TOKEN, ['!'] = SC_SIP_CLASS_TOKEN, ['%'] = SC_SIP_CLASS_TOKEN,
  ['*'] = SC_SIP_CLASS_TOKEN, ['_'] = SC_SIP_CLASS_TOKEN, ['+'] = SC_SIP_CLASS_TOKEN, ['`'] = SC_SIP_CLASS_TOKEN,
  ['\''] = SC_SIP_CLASS_TOKEN, ['~'] = SC_SIP_CLASS_TOKEN,
  ['"'] = SC_SIP_CLASS_LIST_SPECIAL, ['<'] = SC_SIP_CLASS_LIST_SPECIAL, ['>'] = SC_SIP_CLASS_LIST_SPECIAL,
  [','] = SC_SIP_CLASS_LIST_SPECIAL, ['\\'] = SC_SIP_CLASS_LIST_SPECIAL,
};

/* Sorted by nothing in particular: the lookup keys on length first. */
static const HeaderName header_names[] = {
  { "Accept", 0, SC_SIP_HEADER_ACCEPT }, { "Allow", 0, SC_SIP_HEADER_ALLOW },
  { "Allow-Events", 'u', SC_SIP_HEADER_ALLOW_EVENTS }, { "Authorization", 0, SC_SIP_HEADER_AUTHORIZATION },
  { "Call-ID", 'i', SC_SIP_HEADER_CALL_ID }, { "Contact", 'm', SC_SIP_HEADER_CONTACT },
  { "Content-Encoding", 'e', SC_SIP_HEADER_CONTENT_ENCODING }, { "Content-Length", 'l', SC_SIP_HEADER_CONTENT_LENGTH },
  { "Content-Type", 'c', SC_SIP_HEADER_CONTENT_TYPE }, { "CSeq", 0, SC_SIP_HEADER_CSEQ },
  { "Date", 0, SC_SIP_HEADER_DATE }, { "Event", 'o', SC_SIP_HEADER_EVENT },
  { "Expires", 0, SC_SIP_HEADER_EXPIRES }, { "From", 'f', SC_SIP_HEADER_FROM },
  { "Identity", 'y', SC_SIP_HEADER_IDENTITY }, { "Max-Forwards", 0, SC_SIP_HEADER_MAX_FORWARDS },
  { "Min-Expires", 0, SC_SIP_HEADER_MIN_EXPIRES }, { "Proxy-Authenticate", 0, SC_SIP_HEADER_PROXY_AUTHENTICATE },
  { "Proxy-Authorization", 0, SC_SIP_HEADER_PROXY_AUTHORIZATION }, { "Proxy-Require", 0, SC_SIP_HEADER_PROXY_REQUIRE },
  { "Reason", 0, SC_SIP_HEADER_REASON }, { "Record-Route", 0, SC_SIP_HEADER_RECORD_ROUTE },
  { "Refer-To", 'r', SC_SIP_HEADER_REFER_TO }, { "Referred-By", 'b', SC_SIP_HEADER_REFERRED_BY },
  { "Require", 0, SC_SIP_HEADER_REQUIRE }, { "Retry-After", 0, SC_SIP_HEADER_RETRY_AFTER },
  { "Route", 0, SC_SIP_HEADER_ROUTE }, { "Server", 0, SC_SIP_HEADER_SERVER },
  { "Session-Expires", 'x', SC_SIP_HEADER_SESSION_EXPIRES }, { "Subject", 's', SC_SIP_HEADER_SUBJECT },
  { "Supported", 'k', SC_SIP_HEADER_SUPPORTED }, { "To", 't', SC_SIP_HEADER_TO },
  { "Unsupported", 0, SC_SIP_HEADER_UNSUPPORTED }, { "User-Agent", 0, SC_SIP_HEADER_USER_AGENT },
  { "Via", 'v', SC_SIP_HEADER_VIA }, { "Warning", 0, SC_SIP_HEADER_WARNING },
  { "WWW-Authenticate", 0, SC_SIP_HEADER_WWW_AUTHENTICATE },
};

static inline guint64
load8 (const char *p)
{
  guint64 x;

  memcpy (&x, p, 8);
  return x;
}

static inline guint32
load4 (const char *p)
{
  guint32 x;

  memcpy (&x, p, 4);
  return x;
}

/* ASCII case-insensitive equality of @n bytes, by OR 0x20 (see sc_sip_header_id()), a word
 * at a time: the last word overlaps the one before rather than leaving a tail of bytes. */
static gboolean
equal_ascii_case (const char *a,
                  const char *b,
                  gsize       n)
{
  const guint64 fold8 = 0x2020202020202020;
  const guint32 fold4 = 0x20202020;

  if (n >= 8)
    {
      for (gsize i = 0; i + 8 < n; i += 8)
        if ((load8 (a + i) | fold8) != (load8 (b + i) | fold8))
          return FALSE;
      return (load8 (a + n - 8) | fold8) == (load8 (b + n - 8) | fold8);
    }
  if (n >= 4)
    return (load4 (a) | fold4) == (load4 (b) | fold4) && (load4 (a + n - 4) | fold4) == (load4 (b + n - 4) | fold4);
  for (gsize i = 0; i < n; i++)
    if ((a[i] | 0x20) != (b[i] | 0x20))
      return FALSE;
  return TRUE;
}

/* Names bucketed by their folded first letter, built once. */
#define BUCKET_SIZE 8
static guint8 buckets[26][BUCKET_SIZE];
static guint8 bucket_len[26];
static guint8 name_len[G_N_ELEMENTS (header_names)];

static void
build_buckets (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      guint letter = (header_names[i].name[0] | 0x20) - 'a';
      g_assert (bucket_len[letter] < BUCKET_SIZE);
      buckets[letter][bucket_len[letter]++] = (guint8) i;
      name_len[i] = (guint8) strlen (header_names[i].name);
    }
}

ScSipHeaderId
sc_sip_header_id (ScSipSlice name)
{
  static gsize built;
  guint letter;

  if (g_once_init_enter (&built))
    {
      build_buckets ();
      g_once_init_leave (&built, 1);
    }
  if (name.len == 0)
    return SC_SIP_HEADER_OTHER;
  letter = (guint) ((name.p[0] | 0x20) - 'a');
  if (letter >= 26)
    return SC_SIP_HEADER_OTHER;
  if (name.len == 1)
    {
      for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
        if (header_names[i].compact == (char) (name.p[0] | 0x20))
          return header_names[i].id;
      return SC_SIP_HEADER_OTHER;
    }
  /* The name is a token (checked before) and ours are letters, digits and '-': among token
   * characters OR 0x20 folds exactly the letters, so this comparison is exact. */
  for (guint j = 0; j < bucket_len[letter]; j++)
    {
      guint i = buckets[letter][j];
      if (name_len[i] == name.len && equal_ascii_case (header_names[i].name, name.p, name.len))
        return header_names[i].id;
    }
  return SC_SIP_HEADER_OTHER;
}

const char *
sc_sip_header_canonical (ScSipHeaderId id)
{
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (header_names[i].id == id)
      return header_names[i].name;
  return NULL;
}

/* LWS = [*WSP CRLF] 1*WSP; a folded header keeps its CRLF, so skip it here too. */
static inline const char *
skip_lws (const char *p,
          const char *end)
{
  /* Most calls find no whitespace at all. */
  if (G_LIKELY (p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n'))
    return p;
  while (p < end)
    {
      if (*p == ' ' || *p == '\t')
        p++;
      else if (*p == '\r' && p + 2 < end && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t'))
        p += 3;
      else if (*p == '\n' && p + 1 < end && (p[1] == ' ' || p[1] == '\t'))
        p += 2;
      else
        break;
    }
  return p;
}

ScSipSlice
sc_sip_trim (ScSipSlice s)
{
  const char *p = skip_lws (s.p, s.p + s.len);
  const char *end = s.p + s.len;

  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
    end--;
  return (ScSipSlice) { p, end - p };
}

#define is_token_char(c) sc_sip_is_token_char (c)

static gboolean
fail (const char **problem,
      const char **where,
      const char  *what,
      const char  *at)
{
  *problem = what;
  *where = at;
  return FALSE;
}

/* The closing quote of the quoted-string opening at @open, or NULL when it never closes; a
 * quoted-pair skips the character after the backslash, never past @end. */
static const char *
find_closing_quote (const char *open,
                    const char *end)
{
  for (const char *p = open + 1; p < end; p++)
    {
      if (*p == '"')
        return p;
      if (*p == '\\' && ++p >= end)
        return NULL;
    }
  return NULL;
}

/* *( SEMI generic-param ): every parameter has a name; ";;" is malformed (RFC 4475 §3.1.2.1).
 * Returns the tag in @tag when asked for. */
static gboolean
parse_params (const char  *p,
              const char  *end,
              ScSipSlice  *tag,
              const char **problem,
              const char **where)
{
  while ((p = skip_lws (p, end)) < end)
    {
      const char *name;

      if (*p != ';')
        return fail (problem, where, "unexpected text after the value", p);
      p = skip_lws (p + 1, end);
      for (name = p; p < end && is_token_char (*p); p++)
        ;
      if (p == name)
        return fail (problem, where, "a parameter without a name", p);
      p = skip_lws (p, end);
      if (p < end && *p == '=')
        {
          const char *value;
          p = skip_lws (p + 1, end);
          value = p;
          if (p < end && *p == '"')
            {
              if (!(p = find_closing_quote (p, end)))
                return fail (problem, where, "unterminated quoted parameter value", value);
              p++;
            }
          else
            for (; p < end && (is_token_char (*p) || *p == ':' || *p == '[' || *p == ']'); p++)
              ;
          if (tag != NULL && p - value > 0 && name + 3 <= end && (name[0] | 0x20) == 't' &&
              sc_sip_slice_equal_case ((ScSipSlice) { name, 3 }, "tag") &&
              (name[3] == '=' || name[3] == ' ' || name[3] == '\t'))
            *tag = (ScSipSlice) { value, p - value };
        }
    }
  return TRUE;
}

/* Display name: a quoted-string, or tokens separated by LWS (RFC 3261 §25.1). */
static gboolean
parse_display (const char   *p,
               const char   *lt,
               ScSipAddress *address,
               const char  **problem,
               const char  **where)
{
  const char *end;

  p = skip_lws (p, lt);
  if (p < lt && *p == '"')
    {
      const char *start = p + 1;
      if (!(p = find_closing_quote (p, lt)))
        return fail (problem, where, "unterminated quoted display name", start - 1);
      address->display = (ScSipSlice) { start, p - start };
      if (skip_lws (p + 1, lt) != lt)
        return fail (problem, where, "text between the display name and '<'", p + 1);
      return TRUE;
    }
  for (end = p; end < lt; end++)
    if (!is_token_char (*end) && *end != ' ' && *end != '\t' && *end != '\r' && *end != '\n')
      return fail (problem, where, "a display name with characters outside a token must be quoted", end);
  address->display = sc_sip_trim ((ScSipSlice) { p, lt - p });
  return TRUE;
}

/* The '<' of a name-addr, outside any quoted display name. */
static const char *
find_open_bracket (const char *p,
                   const char *end)
{
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (quoted && *p == '\\')
        p++;
      else if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == '<')
        return p;
    }
  return NULL;
}

gboolean
sc_sip_parse_address (ScSipSlice    value,
                      ScSipAddress *address,
                      const char  **problem,
                      const char  **where)
{
  const char *p = value.p, *end = value.p + value.len;
  const char *lt = find_open_bracket (p, end);
  const char *gt, *uri_end;

  memset (address, 0, sizeof *address);
  if (lt != NULL)
    {
      if (!parse_display (p, lt, address, problem, where))
        return FALSE;
      gt = memchr (lt, '>', end - lt);
      if (gt == NULL)
        return fail (problem, where, "'<' without '>'", lt);
      if (gt == lt + 1 || g_ascii_isspace (lt[1]) || g_ascii_isspace (gt[-1]))
        return fail (problem, where, "a space or nothing inside <>", lt + 1);
      address->uri_text = (ScSipSlice) { lt + 1, gt - lt - 1 };
      address->bracketed = TRUE;
      p = gt + 1;
    }
  else
    {
      /* addr-spec: the URI ends at the first ';' (what follows are header params, RFC 4475
       * §3.3.12); a URI with headers must be bracketed (§3.1.2.13). */
      p = skip_lws (p, end);
      if (p < end && *p == '"')
        return fail (problem, where, "unterminated quoted display name", p);
      for (uri_end = p; uri_end < end && *uri_end != ';' && !g_ascii_isspace (*uri_end); uri_end++)
        if (*uri_end == '?')
          return fail (problem, where, "an address with URI headers must be enclosed in <>", uri_end);
      address->uri_text = (ScSipSlice) { p, uri_end - p };
      p = uri_end;
    }
  if (!sc_sip_uri_parse (address->uri_text, &address->uri, problem))
    return fail (problem, where, *problem, address->uri_text.p);
  address->params = (ScSipSlice) { p, end - p };
  return parse_params (p, end, &address->tag, problem, where);
}

static gboolean
via_param (ScSipVia   *via,
           ScSipSlice  name,
           ScSipSlice  value)
{
  /* Most parameters are none of these: the first letter decides cheaply. */
  char first = name.len ? (char) (name.p[0] | 0x20) : 0;

  if (first != 'b' && first != 'r')
    return TRUE;
  if (name.len == 6 && sc_sip_slice_equal_case (name, "branch"))
    via->branch = value;
  else if (name.len == 8 && sc_sip_slice_equal_case (name, "received"))
    via->received = value;
  else if (name.len == 5 && sc_sip_slice_equal_case (name, "rport"))
    {
      via->rport = value;
      via->has_rport = TRUE;
    }
  return TRUE;
}

/* sent-protocol LWS sent-by *( SEMI via-params ) */
gboolean
sc_sip_parse_via (ScSipSlice   value,
                  ScSipVia    *via,
                  const char **problem,
                  const char **where)
{
  const char *p = value.p, *end = value.p + value.len, *start = p, *t;
  ScSipUri host = { 0 };
  const char *host_problem = NULL;

  memset (via, 0, sizeof *via);
  for (int field = 0; field < 3; field++)
    {
      p = skip_lws (p, end);
      for (t = p; p < end && is_token_char (*p); p++)
        ;
      if (p == t)
        return fail (problem, where, "malformed sent-protocol in Via", t);
      if (field == 2)
        via->transport = (ScSipSlice) { t, p - t };
      p = skip_lws (p, end);
      if (field < 2 && (p >= end || *p++ != '/'))
        return fail (problem, where, "malformed sent-protocol in Via", p);
    }
  via->protocol = (ScSipSlice) { start, via->transport.p - start };
  p = skip_lws (p, end);
  t = p;
  if (!sc_sip_parse_hostport (p, end, &host, &p, &host_problem))
    return fail (problem, where, "malformed sent-by in Via", t);
  via->host = host.host;
  via->port = host.port;
  via->ipv6 = host.ipv6;
  if (!parse_params (p, end, NULL, problem, where))
    return FALSE;
  /* The few parameters we need, read the simple way now that the grammar is checked. */
  while ((t = memchr (p, ';', end - p)) != NULL)
    {
      const char *name = skip_lws (t + 1, end), *q = name, *v;
      const char *next;
      for (; q < end && is_token_char (*q); q++)
        ;
      v = skip_lws (q, end);
      next = memchr (v, ';', end - v);
      if (v < end && *v == '=')
        {
          const char *vs = skip_lws (v + 1, end), *ve = next ? next : end;
          via_param (via, (ScSipSlice) { name, q - name }, sc_sip_trim ((ScSipSlice) { vs, ve - vs }));
        }
      else
        via_param (via, (ScSipSlice) { name, q - name }, SC_SIP_SLICE_EMPTY);
      p = t + 1;
    }
  return TRUE;
}

/* Splits "a, <b,c>, \"x,y\" <d>" at the commas outside quotes and brackets. Empty items
 * (",,") are malformed. */
/* @items has room for SC_SIP_MAX_LIST_ITEMS. */
gboolean
sc_sip_split_list (ScSipSlice   value,
                   ScSipSlice  *items,
                   guint       *n_items,
                   const char **problem,
                   const char **where)
{
  const char *p = value.p, *end = value.p + value.len, *start = p;
  gboolean quoted = FALSE, bracketed = FALSE;

  *n_items = 0;
  /* Most values are a single item: no comma, nothing to track. */
  if (memchr (p, ',', value.len) == NULL)
    {
      items[0] = sc_sip_trim (value);
      if (items[0].len == 0)
        return fail (problem, where, "an empty value in a comma-separated list", start);
      *n_items = 1;
      return TRUE;
    }
  for (;;)
    {
      while (p < end && !(sc_sip_char_class[(guchar) *p] & SC_SIP_CLASS_LIST_SPECIAL))
        p++;
      if (p < end && quoted && *p == '\\')
        {
          p += 2;
          continue;
        }
      if (p < end && *p == '"' && !bracketed)
        quoted = !quoted;
      else if (p < end && *p == '<' && !quoted)
        bracketed = TRUE;
      else if (p < end && *p == '>' && !quoted)
        bracketed = FALSE;
      else if (p >= end || (*p == ',' && !quoted && !bracketed))
        {
          ScSipSlice item = sc_sip_trim ((ScSipSlice) { start, (p < end ? p : end) - start });
          if (item.len == 0)
            return fail (problem, where, "an empty value in a comma-separated list", start);
          if (*n_items == SC_SIP_MAX_LIST_ITEMS)
            return fail (problem, where, "more than 128 values in one header", start);
          items[(*n_items)++] = item;
          if (p >= end)
            return TRUE;
          start = p + 1;
        }
      p++;
    }
}
