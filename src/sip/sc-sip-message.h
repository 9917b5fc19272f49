#pragma once

#include "sc-sip-header.h"

G_BEGIN_DECLS

typedef enum {
  SC_SIP_FRAMING_DATAGRAM,  /* UDP: one message per datagram; no Content-Length means "the rest" */
  SC_SIP_FRAMING_STREAM,    /* TCP/TLS: messages follow each other; Content-Length frames them */
} ScSipFraming;

/* Hard limits: RFC 3261 sets none, a robust parser must (RFC 4475 §3.1.1.7 is long, not huge). */
#define SC_SIP_MAX_MESSAGE_SIZE (1024 * 1024)
#define SC_SIP_MAX_HEADERS      512

typedef struct _ScSipMessage ScSipMessage;

struct _ScSipMessage
{
  /*< private >*/
  gint        ref_count;
  GBytes     *bytes;        /* every slice below points into it */
  guint16     header_count[SC_SIP_N_HEADERS];  /* how many of each kind */
  guint16     header_first[SC_SIP_N_HEADERS];  /* index of the first of each kind */
  guint       headers_cap, vias_cap, contacts_cap, record_routes_cap, routes_cap;
  /*< public, read-only >*/
  gboolean    is_request;
  ScSipSlice  method;       /* requests */
  ScSipSlice  request_uri_text;
  ScSipUri    request_uri;
  guint       status;       /* responses */
  ScSipSlice  reason;
  ScSipHeader *headers;     /* in wire order */
  guint       n_headers;
  ScSipSlice  call_id;
  guint32     cseq;
  ScSipSlice  cseq_method;
  ScSipAddress from;
  ScSipAddress to;
  ScSipVia   *vias;         /* topmost first */
  guint       n_vias;
  ScSipAddress *contacts;
  guint       n_contacts;
  gboolean    contact_star; /* "Contact: *" */
  ScSipAddress *record_routes;
  guint       n_record_routes;
  ScSipAddress *routes;
  guint       n_routes;
  int         max_forwards; /* -1 when absent */
  gint64      content_length; /* -1 when absent */
  ScSipSlice  content_type;
  ScSipSlice  body;
  gsize       size;         /* bytes the message took, body included */
  /*< private >*/
  /* Room for an ordinary message, so that parsing one allocates once; longer lists spill to
   * the heap. */
  ScSipHeader  headers_inline[32];
  ScSipVia     vias_inline[4];
  ScSipAddress contacts_inline[2];
  ScSipAddress record_routes_inline[4];
  ScSipAddress routes_inline[4];
};

ScSipMessage *sc_sip_message_parse       (GBytes        *bytes,
                                          ScSipFraming   framing,
                                          GError       **error);
ScSipMessage *sc_sip_message_ref         (ScSipMessage  *message);
void          sc_sip_message_unref       (ScSipMessage  *message);
const ScSipHeader *sc_sip_message_find   (const ScSipMessage *message,
                                          ScSipHeaderId       id,
                                          guint               nth);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSipMessage, sc_sip_message_unref)

G_END_DECLS
