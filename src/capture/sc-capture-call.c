/* One Call-ID of a capture as it was handed out: a call, a registration, a ping or another
 * request, with its outcome, its response codes in order and, when asked, its messages. */
#define G_LOG_DOMAIN "sc-capture-call"

#include "sc-capture-call-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (ScCaptureCall, sc_capture_call, G_TYPE_OBJECT)

static void
sc_capture_call_finalize (GObject *object)
{
  ScCaptureCall *self = SC_CAPTURE_CALL (object);

  g_free (self->call_id);
  g_free (self->method);
  g_free (self->from);
  g_free (self->to);
  g_free (self->src);
  g_free (self->dst);
  g_free (self->transport);
  g_free (self->reason_phrase);
  g_clear_pointer (&self->final_response, g_bytes_unref);
  g_strfreev (self->reasons);
  g_strfreev (self->warnings);
  g_free (self->retry_after);
  g_array_unref (self->codes);
  g_array_unref (self->indexes);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_clear_pointer (&self->transactions, g_ptr_array_unref);

  G_OBJECT_CLASS (sc_capture_call_parent_class)->finalize (object);
}

static void
sc_capture_call_class_init (ScCaptureCallClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_capture_call_finalize;
}

static void
sc_capture_call_init (ScCaptureCall *self)
{
  /* Room for an ordinary call's responses and messages from the start. */
  self->codes = g_array_sized_new (FALSE, FALSE, sizeof (guint), 8);
  self->indexes = g_array_sized_new (FALSE, FALSE, sizeof (guint64), 8);
  self->transactions = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_capture_transaction_free);
  self->answer_time = -1;
  self->end_time = -1;
  self->bye_time = -1;
}

/* Without a final response: the caller gave up, or nothing but provisional responses came,
 * or nothing at all. */
static ScCaptureOutcome
outcome_without_final (ScCaptureCall *self)
{
  if (self->cancelled)
    return SC_CAPTURE_OUTCOME_CANCELLED;
  if (self->primary != NULL && self->primary->provisionals > 0)
    return SC_CAPTURE_OUTCOME_NO_FINAL;
  return SC_CAPTURE_OUTCOME_UNANSWERED;
}

static ScCaptureOutcome
outcome_of_failure (ScCaptureCall *self)
{
  if (self->final_code == 487 && self->cancelled)
    return SC_CAPTURE_OUTCOME_CANCELLED;
  /* The credentials sent were challenged again: wrong password, realm or algorithm. */
  if (sc_capture_transaction_is_challenged (self->primary) && self->primary->credentials)
    return SC_CAPTURE_OUTCOME_AUTH_REJECTED;
  return SC_CAPTURE_OUTCOME_FAILED;
}

/* A challenge whose retry got no final response explains nothing about how the call ended. */
static void
forget_final (ScCaptureCall *self)
{
  self->final_code = 0;
  g_clear_pointer (&self->reason_phrase, g_free);
  g_clear_pointer (&self->final_response, g_bytes_unref);
  g_clear_pointer (&self->reasons, g_strfreev);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->retry_after, g_free);
}

/* The outcome, final code and end, from the transactions; then they go: a call handed out
 * keeps only what it reports. */
void
sc_capture_call_close (ScCaptureCall *self)
{
  g_return_if_fail (SC_CAPTURE_IS_CALL (self));

  if (self->answered)
    {
      self->outcome = SC_CAPTURE_OUTCOME_ANSWERED;
      self->end_time = self->kind == SC_CAPTURE_KIND_CALL ? self->bye_time : self->answer_time;
    }
  else if (self->primary != NULL && self->primary->final_status >= 300)
    {
      self->outcome = outcome_of_failure (self);
      self->end_time = self->primary->final_time;
    }
  else
    {
      self->outcome = outcome_without_final (self);
      forget_final (self);
      self->end_time = self->last_time;
    }
  self->primary = NULL;
  self->bye = NULL;
  g_clear_pointer (&self->transactions, g_ptr_array_unref);
}

const char *
sc_capture_call_get_call_id (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->call_id;
}

/* The method of the Call-ID's first request (of the first response's CSeq when the capture
 * began after the request). */
const char *
sc_capture_call_get_method (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->method;
}

ScCaptureKind
sc_capture_call_get_kind (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), SC_CAPTURE_KIND_OTHER);
  return self->kind;
}

/* "user@host", a number, or the URI as sent when it is neither sip: nor tel:. */
const char *
sc_capture_call_get_from (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->from;
}

const char *
sc_capture_call_get_to (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->to;
}

/* Where the first message came from and went, as given to sc_capture_calls_add(). */
const char *
sc_capture_call_get_src (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->src;
}

const char *
sc_capture_call_get_dst (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->dst;
}

const char *
sc_capture_call_get_transport (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->transport;
}

/* Capture times in microseconds; -1 for what did not happen. */
gint64
sc_capture_call_get_start_time (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), -1);
  return self->start_time;
}

gint64
sc_capture_call_get_answer_time (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), -1);
  return self->answer_time;
}

/* The BYE of an answered call (-1: still up at the end of the capture), the final response
 * of a failed or cancelled one, the last message of one without a final response. */
gint64
sc_capture_call_get_end_time (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), -1);
  return self->end_time;
}

/* From the 2xx to the BYE; -1 when the call was not answered or is still up. */
gint64
sc_capture_call_get_duration (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), -1);
  if (self->kind != SC_CAPTURE_KIND_CALL || self->answer_time < 0 || self->end_time < 0)
    return -1;
  return self->end_time - self->answer_time;
}

/* An answered call with no BYE by the end of the capture. */
gboolean
sc_capture_call_is_up (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), FALSE);
  return self->kind == SC_CAPTURE_KIND_CALL && self->answered && self->bye_time < 0;
}

ScCaptureOutcome
sc_capture_call_get_outcome (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), SC_CAPTURE_OUTCOME_UNANSWERED);
  return self->outcome;
}

/* The first 2xx of an answered one, else the final response of its last attempt; 0 for none. */
guint
sc_capture_call_get_final_code (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), 0);
  return self->final_code;
}

const char *
sc_capture_call_get_reason_phrase (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->reason_phrase;
}

/**
 * sc_capture_call_get_final_response:
 *
 * Returns: (transfer none) (nullable): a copy of the final response the final code comes from,
 *   for a diagnosis; NULL without one.
 */
GBytes *
sc_capture_call_get_final_response (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->final_response;
}

/* The Reason header values (RFC 3326) of the final response, in wire order; never NULL. */
const char * const *
sc_capture_call_get_reasons (ScCaptureCall *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), none);
  return self->reasons != NULL ? (const char * const *) self->reasons : none;
}

/* The Warning header values (RFC 3261 §20.43) of the final response; never NULL. */
const char * const *
sc_capture_call_get_warnings (ScCaptureCall *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), none);
  return self->warnings != NULL ? (const char * const *) self->warnings : none;
}

const char *
sc_capture_call_get_retry_after (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->retry_after;
}

/**
 * sc_capture_call_get_codes:
 *
 * Returns: (array length=n_codes): the status of every response of the Call-ID in capture
 *   order, each retransmitted one once: provisional ones and those of CANCEL and BYE included.
 */
const guint *
sc_capture_call_get_codes (ScCaptureCall *self,
                           guint         *n_codes)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  g_return_val_if_fail (n_codes != NULL, NULL);
  *n_codes = self->codes->len;
  return (const guint *) (gpointer) self->codes->data;
}

/* The 401s and 407s its requests drew. */
guint
sc_capture_call_get_challenges (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), 0);
  return self->challenges;
}

guint
sc_capture_call_get_retransmissions (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), 0);
  return self->retransmissions;
}

guint
sc_capture_call_get_n_messages (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), 0);
  return self->indexes->len;
}

/**
 * sc_capture_call_get_message_indexes:
 *
 * Returns: (array length=n_indexes): which messages of the capture are the call's, counted
 *   from 0 in the order they were added, retransmissions included.
 */
const guint64 *
sc_capture_call_get_message_indexes (ScCaptureCall *self,
                                     guint         *n_indexes)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  g_return_val_if_fail (n_indexes != NULL, NULL);
  *n_indexes = self->indexes->len;
  return (const guint64 *) (gpointer) self->indexes->data;
}

/**
 * sc_capture_call_get_messages:
 *
 * Returns: (transfer none) (nullable) (element-type ScCaptureCallMessage): copies of its
 *   messages in capture order when ScCaptureCalls:keep-messages was on, else NULL.
 */
GPtrArray *
sc_capture_call_get_messages (ScCaptureCall *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), NULL);
  return self->messages;
}

const char *
sc_capture_kind_to_string (ScCaptureKind kind)
{
  static const char * const names[] = { "call", "registration", "ping", "other" };

  return kind < G_N_ELEMENTS (names) ? names[kind] : "unknown";
}

const char *
sc_capture_outcome_to_string (ScCaptureOutcome outcome)
{
  static const char * const names[] = {
    "answered", "failed", "cancelled", "auth-rejected", "no-final", "unanswered",
  };

  return outcome < G_N_ELEMENTS (names) ? names[outcome] : "unknown";
}

/* The kind as a heading over its counts, translated: "Registrations". */
const char *
sc_capture_kind_title (ScCaptureKind kind)
{
  static const char * const titles[] = { N_("Calls"), N_("Registrations"), N_("OPTIONS pings"), N_("Other requests") };

  return _(titles[kind < G_N_ELEMENTS (titles) ? kind : SC_CAPTURE_KIND_OTHER]);
}

/* The outcome in words, translated: "no final response". */
const char *
sc_capture_outcome_name (ScCaptureOutcome outcome)
{
  static const char * const names[] = { N_("answered"), N_("failed"), N_("cancelled"), N_("credentials rejected"),
                                        N_("no final response"), N_("unanswered") };

  return outcome < G_N_ELEMENTS (names) ? _(names[outcome]) : "?";
}

/* What counts as a failure when failures are listed: everything that did not end in a 2xx or
 * a cancellation. */
gboolean
sc_capture_outcome_is_failure (ScCaptureOutcome outcome)
{
  return outcome == SC_CAPTURE_OUTCOME_FAILED || outcome == SC_CAPTURE_OUTCOME_AUTH_REJECTED ||
         outcome == SC_CAPTURE_OUTCOME_NO_FINAL || outcome == SC_CAPTURE_OUTCOME_UNANSWERED;
}

/**
 * sc_capture_digits_of:
 *
 * Returns: (transfer full): the digits of a number as typed ("+81 3-1234-5678" →
 * "81312345678"): numbers are compared as digits, never as text with separators
 */
char *
sc_capture_digits_of (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Whether @digits (sc_capture_digits_of()) appear in the From or the To number. */
gboolean
sc_capture_call_has_number (ScCaptureCall *self,
                            const char    *digits)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (SC_CAPTURE_IS_CALL (self), FALSE);
  from = sc_capture_digits_of (sc_capture_call_get_from (self));
  if (strstr (from, digits) != NULL)
    return TRUE;
  to = sc_capture_digits_of (sc_capture_call_get_to (self));
  return strstr (to, digits) != NULL;
}
