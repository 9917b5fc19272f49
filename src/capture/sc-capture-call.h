#pragma once

#include <glib-object.h>

#include "sc-capture-call-message.h"

G_BEGIN_DECLS

/* What a Call-ID was for: its first request's method. */
typedef enum {
  SC_CAPTURE_KIND_CALL,          /* INVITE */
  SC_CAPTURE_KIND_REGISTRATION,  /* REGISTER */
  SC_CAPTURE_KIND_PING,          /* OPTIONS */
  SC_CAPTURE_KIND_OTHER,         /* any other method, or a capture begun in the middle */
  SC_CAPTURE_N_KINDS
} ScCaptureKind;

/* How it ended, read from its first request's transactions (a retry after a challenge
 * replaces the challenged one). */
typedef enum {
  SC_CAPTURE_OUTCOME_ANSWERED,      /* a 2xx: a call answered, a registration accepted, a ping answered */
  SC_CAPTURE_OUTCOME_FAILED,        /* a final 3xx–6xx (a challenge never retried included) */
  SC_CAPTURE_OUTCOME_CANCELLED,     /* CANCEL, then 487 or no final response */
  SC_CAPTURE_OUTCOME_AUTH_REJECTED, /* challenged again after sending credentials: a challenge loop */
  SC_CAPTURE_OUTCOME_NO_FINAL,      /* provisional responses only: timed out within the capture */
  SC_CAPTURE_OUTCOME_UNANSWERED,    /* no response at all: an abandoned INVITE, an unanswered ping */
  SC_CAPTURE_N_OUTCOMES
} ScCaptureOutcome;

#define SC_CAPTURE_TYPE_CALL (sc_capture_call_get_type ())
G_DECLARE_FINAL_TYPE (ScCaptureCall, sc_capture_call, SC_CAPTURE, CALL, GObject)

const char         *sc_capture_call_get_call_id       (ScCaptureCall *self);
const char         *sc_capture_call_get_method        (ScCaptureCall *self);
ScCaptureKind       sc_capture_call_get_kind          (ScCaptureCall *self);
const char         *sc_capture_call_get_from          (ScCaptureCall *self);
const char         *sc_capture_call_get_to            (ScCaptureCall *self);
const char         *sc_capture_call_get_src           (ScCaptureCall *self);
const char         *sc_capture_call_get_dst           (ScCaptureCall *self);
const char         *sc_capture_call_get_transport     (ScCaptureCall *self);
gint64              sc_capture_call_get_start_time    (ScCaptureCall *self);
gint64              sc_capture_call_get_answer_time   (ScCaptureCall *self);
gint64              sc_capture_call_get_end_time      (ScCaptureCall *self);
gint64              sc_capture_call_get_duration      (ScCaptureCall *self);
gboolean            sc_capture_call_is_up             (ScCaptureCall *self);
ScCaptureOutcome    sc_capture_call_get_outcome       (ScCaptureCall *self);
guint               sc_capture_call_get_final_code    (ScCaptureCall *self);
const char         *sc_capture_call_get_reason_phrase (ScCaptureCall *self);
GBytes             *sc_capture_call_get_final_response (ScCaptureCall *self);
const char * const *sc_capture_call_get_reasons       (ScCaptureCall *self);
const char * const *sc_capture_call_get_warnings      (ScCaptureCall *self);
const char         *sc_capture_call_get_retry_after   (ScCaptureCall *self);
const guint        *sc_capture_call_get_codes         (ScCaptureCall *self,
                                                       guint         *n_codes);
guint               sc_capture_call_get_challenges    (ScCaptureCall *self);
guint               sc_capture_call_get_retransmissions (ScCaptureCall *self);
guint               sc_capture_call_get_n_messages    (ScCaptureCall *self);
const guint64      *sc_capture_call_get_message_indexes (ScCaptureCall *self,
                                                         guint         *n_indexes);
GPtrArray          *sc_capture_call_get_messages      (ScCaptureCall *self);
gboolean            sc_capture_call_has_number        (ScCaptureCall *self,
                                                       const char    *digits);

const char         *sc_capture_kind_to_string         (ScCaptureKind    kind);
const char         *sc_capture_outcome_to_string      (ScCaptureOutcome outcome);
gboolean            sc_capture_outcome_is_failure     (ScCaptureOutcome outcome);
const char         *sc_capture_kind_title             (ScCaptureKind    kind);
const char         *sc_capture_outcome_name           (ScCaptureOutcome outcome);
char               *sc_capture_digits_of              (const char      *text);

G_END_DECLS
