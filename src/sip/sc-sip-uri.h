#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A view into the received bytes: never NUL-terminated, never copied. */
typedef struct {
  const char *p;
  gsize       len;
} ScSipSlice;

#define SC_SIP_SLICE_EMPTY ((ScSipSlice) { NULL, 0 })

gboolean sc_sip_slice_equal      (ScSipSlice  a,
                                  const char *literal);
gboolean sc_sip_slice_equal_case (ScSipSlice  a,
                                  const char *literal);
char    *sc_sip_slice_dup        (ScSipSlice  s);

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
