/* Which transaction a captured message belongs to. A capture sees both ends of a hop, so the
 * client's rule (§17.1.3: branch and CSeq method of a response) and the server's (§17.2.3:
 * branch, sent-by and method of a request, ACK and CANCEL apart) apply to one object. */
#define G_LOG_DOMAIN "sc-capture-transaction"

#include "sc-capture-transaction.h"

#include <string.h>

#define MAGIC_COOKIE "z9hG4bK"

static const ScSipVia *
top_via (const ScSipMessage *message)
{
  return message->n_vias > 0 ? &message->vias[0] : NULL;
}

static char *
dup_or_null (ScSipSlice s)
{
  return s.p != NULL ? sc_sip_slice_dup (s) : NULL;
}
/* A stored value against a slice: NULL stands for an absent one. */
static gboolean
same (const char *stored,
      ScSipSlice  s)
{
  if (stored == NULL)
    return s.p == NULL;
  return s.p != NULL && sc_sip_slice_equal (s, stored);
}

static gboolean
same_case (const char *stored,
           ScSipSlice  s)
{
  if (stored == NULL)
    return s.p == NULL;
  return s.p != NULL && sc_sip_slice_equal_case (s, stored);
}

static gboolean
has_cookie (ScSipSlice branch)
{
  return branch.len > strlen (MAGIC_COOKIE) && memcmp (branch.p, MAGIC_COOKIE, strlen (MAGIC_COOKIE)) == 0;
}

/* Same top Via: branch and sent-by (not received or rport, which the server adds to the copy
 * it returns in responses, §18.2.1). */
static gboolean
same_via (const ScCaptureTransaction *self,
          const ScSipMessage         *message)
{
  const ScSipVia *via = top_via (message);

  if (via == NULL)
    return self->via_host == NULL;
  return same (self->branch, via->branch) && same_case (self->via_transport, via->transport) &&
         same_case (self->via_host, via->host) && self->via_port == via->port;
}

/* The strings a transaction keeps are copied after it, in the same block: one allocation
 * where there was one per string. Each is cut at a NUL, as g_strndup() would cut it; a field
 * stays NULL for a value absent (but the method, never NULL). */
typedef struct {
  glong      offset;  /* of the char * field */
  ScSipSlice value;
} Copy;

static gsize
copy_len (ScSipSlice s)
{
  return s.p != NULL ? strnlen (s.p, s.len) : 0;
}

#define FIELD(name) G_STRUCT_OFFSET (ScCaptureTransaction, name)

ScCaptureTransaction *
sc_capture_transaction_new (const ScSipMessage *message,
                            gint64              time_us)
{
  ScCaptureTransaction *self;
  const ScSipVia *via = top_via (message);
  ScSipSlice method = message->is_request ? message->method : message->cseq_method;
  Copy copies[7];
  guint n = 0;
  gsize size = 0;
  char *p;

  copies[n++] = (Copy) { FIELD (method), method.p != NULL ? method : (ScSipSlice) { "", 0 } };
  copies[n++] = (Copy) { FIELD (from_tag), message->from.tag };
  if (via != NULL)
    {
      copies[n++] = (Copy) { FIELD (branch), via->branch };
      copies[n++] = (Copy) { FIELD (via_transport), via->transport };
      copies[n++] = (Copy) { FIELD (via_host), via->host };
    }
  if (message->is_request)
    {
      copies[n++] = (Copy) { FIELD (to_tag), message->to.tag };
      copies[n++] = (Copy) { FIELD (request_uri), message->request_uri_text };
    }
  for (guint i = 0; i < n; i++)
    size += copy_len (copies[i].value) + 1;
  self = g_malloc0 (sizeof *self + size);
  p = (char *) (self + 1);
  for (guint i = 0; i < n; i++)
    {
      gsize len = copy_len (copies[i].value);

      if (copies[i].value.p == NULL)
        continue;
      memcpy (p, copies[i].value.p, len);
      p[len] = '\0';
      G_STRUCT_MEMBER (char *, self, copies[i].offset) = p;
      p += len + 1;
    }
  self->cseq = message->cseq;
  if (via != NULL)
    {
      self->rfc3261 = has_cookie (via->branch);
      self->via_port = via->port;
    }
  if (!message->is_request)
    return self;
  self->has_request = TRUE;
  self->request_time = time_us;
  self->credentials = sc_sip_message_find (message, SC_SIP_HEADER_AUTHORIZATION, 0) != NULL ||
                      sc_sip_message_find (message, SC_SIP_HEADER_PROXY_AUTHORIZATION, 0) != NULL;
  return self;
}

void
sc_capture_transaction_free (ScCaptureTransaction *self)
{
  if (self == NULL)
    return;
  /* The strings but this one are in the transaction's block. */
  g_free (self->final_to_tag);
  g_free (self->seen);
  g_free (self);
}

static gboolean
is_invite_ack (const ScCaptureTransaction *self,
               const ScSipMessage         *request)
{
  return sc_sip_slice_equal (request->method, "ACK") && g_strcmp0 (self->method, "INVITE") == 0;
}

/* §17.2.3: branch, sent-by and method; an ACK goes to the INVITE it acknowledges. A 2xx's ACK
 * has a branch of its own (§13.2.2.4) and so never matches the INVITE. */
static ScCaptureMatch
match_request_3261 (const ScCaptureTransaction *self,
                    const ScSipMessage         *request)
{
  if (!self->rfc3261 || !same_via (self, request))
    return SC_CAPTURE_MATCH_NONE;
  if (sc_sip_slice_equal (request->method, self->method))
    return self->has_request ? SC_CAPTURE_MATCH_REQUEST : SC_CAPTURE_MATCH_NONE;
  return is_invite_ack (self, request) ? SC_CAPTURE_MATCH_ACK : SC_CAPTURE_MATCH_NONE;
}

/* The RFC 2543 rule (§17.2.3, last paragraphs): Request-URI, tags, Call-ID (the caller's
 * grouping), CSeq and top Via; the ACK carries the To tag of the response it acknowledges. */
static ScCaptureMatch
match_request_2543 (const ScCaptureTransaction *self,
                    const ScSipMessage         *request)
{
  if (!self->has_request || self->rfc3261 || request->cseq != self->cseq ||
      !same (self->from_tag, request->from.tag) || !same (self->request_uri, request->request_uri_text) ||
      !same_via (self, request))
    return SC_CAPTURE_MATCH_NONE;
  if (sc_sip_slice_equal (request->method, self->method))
    return same (self->to_tag, request->to.tag) ? SC_CAPTURE_MATCH_REQUEST : SC_CAPTURE_MATCH_NONE;
  if (is_invite_ack (self, request) && self->final_status >= 300 &&
      (same (self->final_to_tag, request->to.tag) || same (self->to_tag, request->to.tag)))
    return SC_CAPTURE_MATCH_ACK;
  return SC_CAPTURE_MATCH_NONE;
}

/* §17.1.3: the branch of the top Via and the CSeq method; without a cookie, the RFC 2543
 * fields a response copies from its request (not the To tag, which the server adds). */
static ScCaptureMatch
match_response (const ScCaptureTransaction *self,
                const ScSipMessage         *response)
{
  const ScSipVia *via = top_via (response);
  gboolean cookie = via != NULL && has_cookie (via->branch);

  if (!sc_sip_slice_equal (response->cseq_method, self->method) || cookie != self->rfc3261 ||
      !same_via (self, response))
    return SC_CAPTURE_MATCH_NONE;
  if (!cookie && (response->cseq != self->cseq || !same (self->from_tag, response->from.tag)))
    return SC_CAPTURE_MATCH_NONE;
  return SC_CAPTURE_MATCH_RESPONSE;
}

/**
 * sc_capture_transaction_match:
 * @message: a message with the same Call-ID as the transaction's
 *
 * Returns: how @message belongs to the transaction, or %SC_CAPTURE_MATCH_NONE.
 */
ScCaptureMatch
sc_capture_transaction_match (const ScCaptureTransaction *self,
                              const ScSipMessage         *message)
{
  const ScSipVia *via;

  g_return_val_if_fail (self != NULL && message != NULL, SC_CAPTURE_MATCH_NONE);

  if (!message->is_request)
    return match_response (self, message);
  via = top_via (message);
  if (via != NULL && has_cookie (via->branch))
    return match_request_3261 (self, message);
  return match_request_2543 (self, message);
}

/**
 * sc_capture_transaction_add_request:
 * @match: what sc_capture_transaction_match() said of the request
 *
 * Returns: %TRUE for a first ACK, %FALSE for a request or an ACK seen again.
 */
gboolean
sc_capture_transaction_add_request (ScCaptureTransaction *self,
                                    ScCaptureMatch        match)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (match == SC_CAPTURE_MATCH_REQUEST || match == SC_CAPTURE_MATCH_ACK, FALSE);

  /* An ACK is sent again only for a final response sent again (§17.1.1.2). */
  if (match == SC_CAPTURE_MATCH_ACK && self->acks++ == 0)
    return TRUE;
  self->retransmissions++;
  return FALSE;
}

/* A response told apart from the others of its transaction: status and To tag, packed one
 * after the other in the transaction's seen buffer. */
typedef struct {
  guint32 status;
  guint32 tag_len;
  char    tag[];
} Seen;

static gsize
seen_size (gsize tag_len)
{
  return (sizeof (Seen) + tag_len + 3) & ~(gsize) 3;
}

/* The To tag as a string would hold it: up to a NUL, if one was sent. */
static gsize
tag_len (ScSipSlice tag)
{
  return tag.p != NULL ? strnlen (tag.p, tag.len) : 0;
}

static gboolean
was_seen (const ScCaptureTransaction *self,
          guint                       status,
          ScSipSlice                  tag,
          gsize                       len)
{
  for (gsize at = 0; at < self->seen_len; )
    {
      const Seen *other = (const Seen *) (gpointer) (self->seen + at);

      if (other->status == status && other->tag_len == len && (len == 0 || memcmp (other->tag, tag.p, len) == 0))
        return TRUE;
      at += seen_size (other->tag_len);
    }
  return FALSE;
}

static void
add_seen (ScCaptureTransaction *self,
          guint                 status,
          ScSipSlice            tag,
          gsize                 len)
{
  gsize size = seen_size (len);
  Seen *seen;

  if (self->seen_len + size > self->seen_cap)
    {
      self->seen_cap = MAX (self->seen_cap * 2, self->seen_len + size + 64);
      self->seen = g_realloc (self->seen, self->seen_cap);
    }
  seen = (Seen *) (gpointer) (self->seen + self->seen_len);
  seen->status = status;
  seen->tag_len = (guint32) len;
  if (len > 0)
    memcpy (seen->tag, tag.p, len);
  self->seen_len += size;
}

/**
 * sc_capture_transaction_add_response:
 *
 * Returns: %TRUE for a response not seen before in this transaction, %FALSE for a
 *   retransmission (the same status from the same dialog: forked 180s or 2xx with other To
 *   tags are new).
 */
gboolean
sc_capture_transaction_add_response (ScCaptureTransaction *self,
                                     const ScSipMessage   *response,
                                     gint64                time_us)
{
  gsize len;

  g_return_val_if_fail (self != NULL && response != NULL && !response->is_request, FALSE);

  len = tag_len (response->to.tag);
  if (was_seen (self, response->status, response->to.tag, len))
    {
      self->retransmissions++;
      return FALSE;
    }
  add_seen (self, response->status, response->to.tag, len);
  if (response->status < 200)
    self->provisionals++;
  else if (self->final_status == 0)
    {
      self->final_status = response->status;
      self->final_time = time_us;
      self->final_to_tag = dup_or_null (response->to.tag);
    }
  return TRUE;
}

/* A 401 or 407 final response: the request is expected again with credentials (§22.2). */
gboolean
sc_capture_transaction_is_challenged (const ScCaptureTransaction *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->final_status == 401 || self->final_status == 407;
}
