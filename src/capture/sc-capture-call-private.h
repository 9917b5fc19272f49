#pragma once

#include "sc-capture-call.h"
#include "sc-capture-transaction.h"
#include "sc-sip-message.h"

G_BEGIN_DECLS

/* Shared by sc-capture-call.c (the type, its outcome) and sc-capture-call-track.c (messages
 * in). The open part is freed when the call closes: a handed-out call holds no transaction. */
struct _ScCaptureCall
{
  GObject parent_instance;

  char   *call_id;
  char   *method;
  ScCaptureKind kind;
  char   *from, *to, *src, *dst, *transport;
  gint64  start_time, answer_time, end_time, last_time, bye_time;
  ScCaptureOutcome outcome;
  guint   final_code;
  char   *reason_phrase;
  GBytes *final_response;
  GStrv   reasons, warnings;
  char   *retry_after;
  GArray *codes;            /* guint: every response once, in capture order */
  GArray *indexes;          /* guint64: which messages of the capture */
  GPtrArray *messages;      /* ScCaptureCallMessage, or NULL when not kept */
  guint   challenges, retransmissions;
  guint32 max_cseq;
  gboolean cancelled, answered;

  /* While open */
  GPtrArray *transactions;  /* ScCaptureTransaction, oldest first */
  ScCaptureTransaction *primary;  /* the latest out-of-dialog request of the call's method */
  ScCaptureTransaction *bye;
};

/* What an open call waits for before it can be handed out: decides which quiet period of
 * capture time closes it when nothing more comes. */
typedef enum {
  SC_CAPTURE_CALL_DONE,         /* complete: hand it out now */
  SC_CAPTURE_CALL_WAIT_SHORT,   /* a response, an ACK or a retry after a challenge (Timers B, D, F) */
  SC_CAPTURE_CALL_WAIT_RINGING, /* the final response of an INVITE that had a provisional one (Timer C) */
  SC_CAPTURE_CALL_WAIT_DIALOG,  /* an answered call: open until its BYE or the end of the capture */
} ScCaptureCallWait;

ScCaptureCall     *sc_capture_call_new      (const ScSipMessage *first,
                                             gint64              time_us,
                                             const char         *src,
                                             const char         *dst,
                                             const char         *transport);
gboolean           sc_capture_call_add      (ScCaptureCall      *self,
                                             const ScSipMessage *message,
                                             gint64              time_us,
                                             guint64             index,
                                             ScCaptureCallMessage *copy);
ScCaptureCallWait  sc_capture_call_get_wait (ScCaptureCall      *self);
gint64             sc_capture_call_get_last_time (ScCaptureCall *self);
guint32            sc_capture_call_get_max_cseq  (ScCaptureCall *self);
void               sc_capture_call_close    (ScCaptureCall      *self);
/* sc-capture-calls.c: g_str_hash() of a Call-ID, faster. */
guint              sc_capture_calls_hash_call_id (gconstpointer key);

G_END_DECLS
