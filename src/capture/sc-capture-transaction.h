#pragma once

#include "sc-sip-message.h"

G_BEGIN_DECLS

/* One transaction as a capture shows it, from both sides of the wire at once: the request, its
 * retransmissions, its responses (each once) and, for an INVITE, the ACK of a non-2xx final
 * response. Matching follows RFC 3261 §17.1.3 (responses) and §17.2.3 (requests), with the
 * RFC 2543 fallback of §17.2.3 when the top Via has no magic cookie. */

typedef enum {
  SC_CAPTURE_MATCH_NONE,
  SC_CAPTURE_MATCH_REQUEST,   /* the transaction's request again: a retransmission */
  SC_CAPTURE_MATCH_ACK,       /* the ACK of a non-2xx final response, same branch (§17.1.1.3) */
  SC_CAPTURE_MATCH_RESPONSE,  /* one of its responses, new or again */
} ScCaptureMatch;

typedef struct _ScCaptureTransaction ScCaptureTransaction;

struct _ScCaptureTransaction
{
  /*< public, read-only >*/
  char    *method;        /* the request's; CSeq method when only a response was captured */
  guint32  cseq;
  char    *branch;        /* top Via branch, NULL when absent */
  gboolean rfc3261;       /* the branch has the magic cookie z9hG4bK (§8.1.1.7) */
  char    *via_transport; /* top Via sent-by, to tell apart clients that reuse a branch */
  char    *via_host;
  guint    via_port;      /* 0 when absent */
  char    *from_tag;      /* RFC 2543 matching also compares these three */
  char    *to_tag;        /* of the request: set in a dialog */
  char    *request_uri;
  gboolean has_request;   /* FALSE when the capture began after the request */
  gboolean credentials;   /* the request carried Authorization or Proxy-Authorization */
  gint64   request_time;
  guint    acks;
  guint    provisionals;  /* distinct 1xx responses */
  guint    final_status;  /* the first final response; 0 until one */
  gint64   final_time;
  guint    retransmissions; /* the request, an ACK or a response seen again */
  /*< private >*/
  char    *final_to_tag;
  guint8  *seen;          /* status and To tag of each response, to tell a retransmission */
  gsize    seen_len, seen_cap;
};

ScCaptureTransaction *sc_capture_transaction_new          (const ScSipMessage         *message,
                                                           gint64                      time_us);
void                  sc_capture_transaction_free         (ScCaptureTransaction       *self);
ScCaptureMatch        sc_capture_transaction_match        (const ScCaptureTransaction *self,
                                                           const ScSipMessage         *message);
gboolean              sc_capture_transaction_add_request  (ScCaptureTransaction       *self,
                                                           ScCaptureMatch              match);
gboolean              sc_capture_transaction_add_response (ScCaptureTransaction       *self,
                                                           const ScSipMessage         *response,
                                                           gint64                      time_us);
gboolean              sc_capture_transaction_is_challenged (const ScCaptureTransaction *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCaptureTransaction, sc_capture_transaction_free)

G_END_DECLS
