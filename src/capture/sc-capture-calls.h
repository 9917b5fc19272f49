#pragma once

#include "sc-capture-call.h"
#include "sc-sip-message.h"

G_BEGIN_DECLS

#define SC_CAPTURE_MAX_CODE 699

/* Counts over a whole capture, for `capture --stats`. */
typedef struct {
  guint64 messages;         /* every message added, unparsed ones too */
  guint64 ungrouped;        /* unparsed, or without a Call-ID: counted, in no call */
  guint64 requests;
  guint64 responses;
  guint64 retransmissions;  /* a request, ACK or response seen again within its call */
  guint64 late;             /* of a call already handed out (most are retransmissions) */
  guint64 calls;            /* handed out */
  guint   max_open;         /* the most calls open at once */
  guint64 outcomes[SC_CAPTURE_N_KINDS][SC_CAPTURE_N_OUTCOMES];
  guint64 final_codes[SC_CAPTURE_N_KINDS][SC_CAPTURE_MAX_CODE + 1];  /* [0]: no final response */
} ScCaptureStats;

#define SC_CAPTURE_TYPE_CALLS (sc_capture_calls_get_type ())
G_DECLARE_FINAL_TYPE (ScCaptureCalls, sc_capture_calls, SC_CAPTURE, CALLS, GObject)

/* Quiet periods of capture time after which an open call is handed out as it stands. */
#define SC_CAPTURE_QUIET_US   (32 * G_USEC_PER_SEC)   /* Timers B, D and F: 64 × T1 */
#define SC_CAPTURE_RINGING_US (180 * G_USEC_PER_SEC)  /* Timer C (§16.6 step 11): over 3 min */

ScCaptureCalls       *sc_capture_calls_new                (void);
void                  sc_capture_calls_set_keep_messages  (ScCaptureCalls     *self,
                                                           gboolean            keep_messages);
gboolean              sc_capture_calls_get_keep_messages  (ScCaptureCalls     *self);
void                  sc_capture_calls_add                (ScCaptureCalls     *self,
                                                           gint64              time_us,
                                                           const char         *src,
                                                           const char         *dst,
                                                           const char         *transport,
                                                           const ScSipMessage *message);
void                  sc_capture_calls_finish             (ScCaptureCalls     *self);
guint                 sc_capture_calls_get_n_open         (ScCaptureCalls     *self);
const ScCaptureStats *sc_capture_calls_get_stats          (ScCaptureCalls     *self);

G_END_DECLS
