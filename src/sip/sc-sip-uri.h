#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

/* A view into the received bytes: never NUL-terminated, never copied. */
typedef struct {
  const char *p;
  gsize       len;
} ScSipSlice;

#define SC_SIP_SLICE_EMPTY ((ScSipSlice) { NULL, 0 })

char    *sc_sip_slice_dup        (ScSipSlice  s);

/* Inline, so that the length of a literal is known when compiling. */
static inline gboolean
sc_sip_slice_equal (ScSipSlice  a,
                    const char *literal)
{
  gsize n = strlen (literal);

  return a.len == n && memcmp (a.p, literal, n) == 0;
}

/* ASCII case-insensitive (A-Z folded, nothing else). */
static inline gboolean
sc_sip_slice_equal_case (ScSipSlice  a,
                         const char *literal)
{
  if (a.len != strlen (literal))
    return FALSE;
  for (gsize i = 0; i < a.len; i++)
    {
      char x = a.p[i], y = literal[i];

      if (x >= 'A' && x <= 'Z')
        x = (char) (x + ('a' - 'A'));
      if (y >= 'A' && y <= 'Z')
        y = (char) (y + ('a' - 'A'));
      if (x != y)
        return FALSE;
    }
  return TRUE;
}

/* sip:, sips: and tel: are decoded; any other scheme is kept opaque (RFC 4475 §3.3.2). */
typedef struct {
  ScSipSlice scheme;
  ScSipSlice user;       /* sip/sips: before '@', escapes left as sent */
  ScSipSlice password;
  ScSipSlice host;       /* IPv6 references without the brackets */
  guint      port;       /* 0 when absent */
  ScSipSlice params;     /* ";a=b;lr", leading ';' included */
  ScSipSlice headers;    /* "?a=b&c=d", leading '?' included */
  ScSipSlice opaque;     /* everything after "scheme:" for other schemes and tel: */
  gboolean   ipv6;
} ScSipUri;

gboolean sc_sip_uri_parse           (ScSipSlice   text,
                                     ScSipUri    *uri,
                                     const char **problem);
gboolean sc_sip_parse_hostport      (const char   *p,
                                     const char   *end,
                                     ScSipUri     *uri,
                                     const char  **rest,
                                     const char  **problem);
gboolean sc_sip_uri_is_sip          (const ScSipUri *uri);
gboolean sc_sip_uri_get_param       (const ScSipUri *uri,
                                     const char     *name,
                                     ScSipSlice     *value);

G_END_DECLS
