#pragma once

#include "sc-sip-uri.h"

G_BEGIN_DECLS

typedef enum {
  SC_SIP_HEADER_OTHER,
  SC_SIP_HEADER_ACCEPT, SC_SIP_HEADER_ALLOW, SC_SIP_HEADER_ALLOW_EVENTS,
  SC_SIP_HEADER_AUTHORIZATION, SC_SIP_HEADER_CALL_ID, SC_SIP_HEADER_CONTACT,
  SC_SIP_HEADER_CONTENT_ENCODING, SC_SIP_HEADER_CONTENT_LENGTH, SC_SIP_HEADER_CONTENT_TYPE,
  SC_SIP_HEADER_CSEQ, SC_SIP_HEADER_DATE, SC_SIP_HEADER_EVENT, SC_SIP_HEADER_EXPIRES,
  SC_SIP_HEADER_FROM, SC_SIP_HEADER_IDENTITY, SC_SIP_HEADER_MAX_FORWARDS,
  SC_SIP_HEADER_MIN_EXPIRES, SC_SIP_HEADER_PROXY_AUTHENTICATE, SC_SIP_HEADER_PROXY_AUTHORIZATION,
  SC_SIP_HEADER_PROXY_REQUIRE, SC_SIP_HEADER_REASON, SC_SIP_HEADER_RECORD_ROUTE,
  SC_SIP_HEADER_REFER_TO, SC_SIP_HEADER_REFERRED_BY, SC_SIP_HEADER_REQUIRE,
  SC_SIP_HEADER_RETRY_AFTER, SC_SIP_HEADER_ROUTE, SC_SIP_HEADER_SERVER,
  SC_SIP_HEADER_SESSION_EXPIRES, SC_SIP_HEADER_SUBJECT, SC_SIP_HEADER_SUPPORTED,
  SC_SIP_HEADER_TO, SC_SIP_HEADER_UNSUPPORTED, SC_SIP_HEADER_USER_AGENT, SC_SIP_HEADER_VIA,
  SC_SIP_HEADER_WARNING, SC_SIP_HEADER_WWW_AUTHENTICATE,
  SC_SIP_N_HEADERS
} ScSipHeaderId;

typedef struct {
  ScSipHeaderId id;
  ScSipSlice    name;    /* as on the wire: "v", "VIA", "Via" */
  ScSipSlice    value;   /* trimmed; folded lines keep their CRLF + whitespace */
} ScSipHeader;

ScSipHeaderId sc_sip_header_id       (ScSipSlice    name);
const char   *sc_sip_header_canonical (ScSipHeaderId id);

/* name-addr or addr-spec with its header parameters (From, To, Contact, Route…). */
typedef struct {
  ScSipSlice display;    /* without the quotes; quoted-pairs left as sent */
  ScSipUri   uri;
  ScSipSlice uri_text;
  ScSipSlice params;     /* header params after the address, leading ';' included */
  ScSipSlice tag;
  gboolean   bracketed;
} ScSipAddress;

typedef struct {
  ScSipSlice protocol;   /* "SIP/2.0" with any LWS inside, as sent */
  ScSipSlice transport;  /* UDP, TCP, TLS, SCTP, WS… */
  ScSipSlice host;
  guint      port;
  ScSipSlice branch;
  ScSipSlice received;
  ScSipSlice rport;      /* empty with has_rport for a bare ";rport" */
  gboolean   has_rport;
  gboolean   ipv6;
} ScSipVia;

gboolean sc_sip_parse_address (ScSipSlice    value,
                               ScSipAddress *address,
                               const char  **problem,
                               const char  **where);
gboolean sc_sip_parse_via     (ScSipSlice    value,
                               ScSipVia     *via,
                               const char  **problem,
                               const char  **where);
/* At most this many comma-separated values in one header (RFC 4475 §3.1.1.7 has about ten). */
#define SC_SIP_MAX_LIST_ITEMS 128

gboolean sc_sip_split_list    (ScSipSlice    value,
                               ScSipSlice   *items,
                               guint        *n_items,
                               const char  **problem,
                               const char  **where);
ScSipSlice sc_sip_trim        (ScSipSlice    s);

/* Character classes of sc-sip-header.c, one table lookup per byte on the hot paths. */
enum { SC_SIP_CLASS_TOKEN = 1, SC_SIP_CLASS_LIST_SPECIAL = 2 };
extern const guint8 sc_sip_char_class[256];

/* token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
static inline gboolean
sc_sip_is_token_char (char c)
{
  return sc_sip_char_class[(guchar) c] & SC_SIP_CLASS_TOKEN;
}

G_END_DECLS
