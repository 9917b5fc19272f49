/* A captured message into its call: which transaction it belongs to, whether it was seen
 * before, what it changes in the call's outcome, and what the call still waits for. */
#define G_LOG_DOMAIN "sc-capture-call"

#include "sc-capture-call-private.h"

#include <string.h>

#include "sc-sip-printable.h"

static char *
printable (ScSipSlice s)
{
  return sc_sip_printable (s.p != NULL ? s.p : "", s.len);
}

/* What a person reads as the party: a number from tel: (without its parameters), user@host
 * from sip: and sips:, the URI as sent otherwise. */
static char *
printable_address (const ScSipAddress *address)
{
  const ScSipUri *uri = &address->uri;
  ScSipSlice number = uri->opaque;
  g_autofree char *user = NULL;
  g_autofree char *host = NULL;

  if (sc_sip_slice_equal_case (uri->scheme, "tel"))
    {
      const char *semicolon = number.p != NULL ? memchr (number.p, ';', number.len) : NULL;

      if (semicolon != NULL)
        number.len = semicolon - number.p;
      return printable (number);
    }
  if (!sc_sip_uri_is_sip (uri) || uri->host.len == 0)
    return printable (address->uri_text);
  /* "user@host" as sent, when it is that already and has nothing to make printable. */
  if (uri->user.len > 0 && uri->password.p == NULL && uri->user.p + uri->user.len + 1 == uri->host.p &&
      uri->user.p[uri->user.len] == '@' && sc_sip_printable_is_plain (uri->user.p, uri->user.len + 1 + uri->host.len))
    return g_strndup (uri->user.p, uri->user.len + 1 + uri->host.len);
  host = printable (uri->host);
  if (uri->user.len == 0)
    return g_steal_pointer (&host);
  user = printable (uri->user);
  return g_strconcat (user, "@", host, NULL);
}

static ScCaptureKind
kind_of (const char *method)
{
  if (strcmp (method, "INVITE") == 0)
    return SC_CAPTURE_KIND_CALL;
  if (strcmp (method, "REGISTER") == 0)
    return SC_CAPTURE_KIND_REGISTRATION;
  if (strcmp (method, "OPTIONS") == 0)
    return SC_CAPTURE_KIND_PING;
  return SC_CAPTURE_KIND_OTHER;
}

/* A call named after @first, its Call-ID's first message; sc_capture_call_add() takes the
 * message itself. */
ScCaptureCall *
sc_capture_call_new (const ScSipMessage *first,
                     gint64              time_us,
                     const char         *src,
                     const char         *dst,
                     const char         *transport)
{
  ScCaptureCall *self;

  g_return_val_if_fail (first != NULL && first->call_id.len > 0, NULL);

  self = g_object_new (SC_CAPTURE_TYPE_CALL, NULL);
  self->call_id = sc_sip_slice_dup (first->call_id);
  self->method = sc_sip_slice_dup (first->is_request ? first->method : first->cseq_method);
  self->kind = kind_of (self->method);
  self->from = printable_address (&first->from);
  self->to = printable_address (&first->to);
  self->src = g_strdup (src);
  self->dst = g_strdup (dst);
  self->transport = g_strdup (transport);
  self->start_time = time_us;
  self->last_time = time_us;
  return self;
}

static ScCaptureTransaction *
find_transaction (ScCaptureCall      *self,
                  const ScSipMessage *message,
                  ScCaptureMatch     *match)
{
  /* Newest first: a message is most often about the latest transaction. */
  for (guint i = self->transactions->len; i-- > 0;)
    {
      ScCaptureTransaction *tx = g_ptr_array_index (self->transactions, i);

      *match = sc_capture_transaction_match (tx, message);
      if (*match != SC_CAPTURE_MATCH_NONE)
        return tx;
    }
  return NULL;
}

/* A request of the call's own method outside a dialog: the call's first attempt or its retry
 * after a challenge (a re-INVITE carries a To tag and is not one). */
static gboolean
is_attempt (ScCaptureCall        *self,
            ScCaptureTransaction *tx)
{
  return tx == self->primary || (g_strcmp0 (tx->method, self->method) == 0 && tx->to_tag == NULL);
}

static ScCaptureTransaction *
add_transaction (ScCaptureCall      *self,
                 const ScSipMessage *message,
                 gint64              time_us)
{
  ScCaptureTransaction *tx = sc_capture_transaction_new (message, time_us);

  g_ptr_array_add (self->transactions, tx);
  if (strcmp (tx->method, self->method) == 0 && (self->primary == NULL || tx->to_tag == NULL))
    self->primary = tx;
  return tx;
}

static gboolean
add_request (ScCaptureCall      *self,
             const ScSipMessage *request,
             gint64              time_us)
{
  ScCaptureMatch match;
  ScCaptureTransaction *tx = find_transaction (self, request, &match);

  if (tx != NULL)
    return sc_capture_transaction_add_request (tx, match);
  tx = add_transaction (self, request, time_us);
  if (strcmp (tx->method, "CANCEL") == 0)
    self->cancelled = TRUE;
  else if (strcmp (tx->method, "BYE") == 0 && self->bye == NULL)
    {
      self->bye = tx;
      self->bye_time = time_us;
    }
  return TRUE;
}

static GStrv
header_values (const ScSipMessage *message,
               ScSipHeaderId       id)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  gboolean any = FALSE;

  if (sc_sip_message_find (message, id, 0) == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < message->n_headers; i++)
    if (message->headers[i].id == id)
      {
        g_autofree char *value = printable (message->headers[i].value);

        g_strv_builder_add (builder, value);
        any = TRUE;
      }
  return any ? g_strv_builder_end (builder) : NULL;
}

/* Keep what explains the final response after the message is gone: the phrase, the Reason
 * (RFC 3326) and Warning values, Retry-After, and the response itself for a diagnosis. */
static void
keep_final (ScCaptureCall      *self,
            const ScSipMessage *response)
{
  const ScSipHeader *retry_after = sc_sip_message_find (response, SC_SIP_HEADER_RETRY_AFTER, 0);
  gsize len = 0;
  const char *data = g_bytes_get_data (response->bytes, &len);

  self->final_code = response->status;
  g_free (self->reason_phrase);
  self->reason_phrase = printable (response->reason);
  g_clear_pointer (&self->final_response, g_bytes_unref);
  self->final_response = g_bytes_new (data, MIN (len, response->size));
  g_strfreev (self->reasons);
  self->reasons = header_values (response, SC_SIP_HEADER_REASON);
  g_strfreev (self->warnings);
  self->warnings = header_values (response, SC_SIP_HEADER_WARNING);
  g_free (self->retry_after);
  self->retry_after = retry_after != NULL ? printable (retry_after->value) : NULL;
}

static void
add_final (ScCaptureCall        *self,
           ScCaptureTransaction *tx,
           const ScSipMessage   *response,
           gint64                time_us)
{
  if (!is_attempt (self, tx))
    return;
  if (response->status == 401 || response->status == 407)
    self->challenges++;
  /* The first 2xx answers; a later one is another fork of the same call. */
  if (self->answered)
    return;
  if (response->status < 300)
    {
      self->answered = TRUE;
      self->answer_time = time_us;
    }
  keep_final (self, response);
}

static gboolean
add_response (ScCaptureCall      *self,
              const ScSipMessage *response,
              gint64              time_us)
{
  ScCaptureMatch match;
  ScCaptureTransaction *tx = find_transaction (self, response, &match);

  /* Its request was before the capture began: the response stands for the transaction. */
  if (tx == NULL)
    tx = add_transaction (self, response, time_us);
  if (!sc_capture_transaction_add_response (tx, response, time_us))
    return FALSE;
  g_array_append_val (self->codes, response->status);
  if (response->status >= 200)
    add_final (self, tx, response, time_us);
  return TRUE;
}

/**
 * sc_capture_call_add:
 * @message: a message with the call's Call-ID
 * @copy: (transfer full) (nullable): its copy to keep with the call, or NULL
 *
 * Returns: %FALSE when @message was seen before (a retransmission), %TRUE otherwise.
 */
gboolean
sc_capture_call_add (ScCaptureCall        *self,
                     const ScSipMessage   *message,
                     gint64                time_us,
                     guint64               index,
                     ScCaptureCallMessage *copy)
{
  gboolean is_new;

  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self) && self->transactions != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  self->last_time = time_us;
  self->max_cseq = MAX (self->max_cseq, message->cseq);
  g_array_append_val (self->indexes, index);
  is_new = message->is_request ? add_request (self, message, time_us) : add_response (self, message, time_us);
  if (!is_new)
    self->retransmissions++;
  if (copy != NULL)
    {
      copy->retransmission = !is_new;
      if (self->messages == NULL)
        self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_capture_call_message_free);
      g_ptr_array_add (self->messages, copy);
    }
  return is_new;
}

static ScCaptureCallWait
invite_wait (ScCaptureCall *self)
{
  ScCaptureTransaction *attempt = self->primary;

  if (self->answered)
    {
      if (self->bye == NULL)
        return SC_CAPTURE_CALL_WAIT_DIALOG;
      return self->bye->final_status >= 200 ? SC_CAPTURE_CALL_DONE : SC_CAPTURE_CALL_WAIT_SHORT;
    }
  if (attempt == NULL)
    return SC_CAPTURE_CALL_WAIT_SHORT;
  /* A failure is over once ACKed (§17.1.1.3), but a challenge is followed by a retry. */
  if (attempt->final_status >= 300)
    return attempt->acks > 0 && !sc_capture_transaction_is_challenged (attempt) ? SC_CAPTURE_CALL_DONE
                                                                               : SC_CAPTURE_CALL_WAIT_SHORT;
  return attempt->provisionals > 0 ? SC_CAPTURE_CALL_WAIT_RINGING : SC_CAPTURE_CALL_WAIT_SHORT;
}

/* What the open call waits for, after its latest message. */
ScCaptureCallWait
sc_capture_call_get_wait (ScCaptureCall *self)
{
  ScCaptureTransaction *attempt;

  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), SC_CAPTURE_CALL_DONE);

  if (self->kind == SC_CAPTURE_KIND_CALL)
    return invite_wait (self);
  attempt = self->primary;
  if (attempt != NULL && attempt->final_status >= 200 && !sc_capture_transaction_is_challenged (attempt))
    return SC_CAPTURE_CALL_DONE;
  return SC_CAPTURE_CALL_WAIT_SHORT;
}

gint64
sc_capture_call_get_last_time (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), -1);
  return self->last_time;
}

/* The highest CSeq seen: a request at or below it after the call was handed out is late. */
guint32
sc_capture_call_get_max_cseq (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), 0);
  return self->max_cseq;
}
