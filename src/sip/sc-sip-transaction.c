/* Client transactions, RFC 3261 §17.1: retransmission over unreliable transports (Timers A
 * and E), the transaction timeouts (Timers B and F), absorbing retransmitted final responses
 * (Timers D and K), and the ACK for a non-2xx final response to INVITE. */
#define G_LOG_DOMAIN "sc-sip-transaction"

#include "sc-sip-transaction.h"

#include <string.h>

typedef enum { TIMER_RETRANSMIT, TIMER_TIMEOUT, TIMER_LINGER, N_TIMERS } TimerSlot;

struct _ScSipTransaction
{
  ScSipRequest                    *request;   /* borrowed: outlives the transaction */
  GBytes                          *wire;
  GBytes                          *ack;       /* INVITE: the ACK sent for a non-2xx final */
  gboolean                         invite;
  gboolean                         reliable;
  char                            *method;
  char                            *branch;
  ScSipTransactionState            state;
  ScSipClock                      *clock;
  guint                            timers[N_TIMERS];
  guint                            interval;  /* current Timer A or E interval */
  guint                            retransmissions;
  const ScSipTransactionCallbacks *callbacks;
  gpointer                         user_data;
};

static const char * const state_names[] = {
  [SC_SIP_TX_CALLING] = "Calling",
  [SC_SIP_TX_TRYING] = "Trying",
  [SC_SIP_TX_PROCEEDING] = "Proceeding",
  [SC_SIP_TX_COMPLETED] = "Completed",
  [SC_SIP_TX_TERMINATED] = "Terminated",
};

const char *
sc_sip_transaction_state_name (ScSipTransactionState state)
{
  return state_names[state];
}

/**
 * sc_sip_transaction_new:
 * @request: the request (borrowed; it must outlive the transaction)
 * @wire: its bytes, as serialized (with credentials, if any)
 * @reliable: TCP or TLS: no retransmissions, no lingering
 */
ScSipTransaction *
sc_sip_transaction_new (ScSipRequest                    *request,
                        GBytes                          *wire,
                        gboolean                         reliable,
                        ScSipClock                      *clock,
                        const ScSipTransactionCallbacks *callbacks,
                        gpointer                         user_data)
{
  ScSipTransaction *self = g_new0 (ScSipTransaction, 1);

  self->request = request;
  self->wire = g_bytes_ref (wire);
  self->method = g_strdup (sc_sip_request_get_method (request));
  self->branch = g_strdup (sc_sip_request_get_branch (request));
  self->invite = g_str_equal (self->method, "INVITE");
  self->reliable = reliable;
  self->state = self->invite ? SC_SIP_TX_CALLING : SC_SIP_TX_TRYING;
  self->clock = clock ? clock : sc_sip_clock_get_default ();
  self->callbacks = callbacks;
  self->user_data = user_data;
  return self;
}

static void
stop_timer (ScSipTransaction *self,
            TimerSlot         slot)
{
  if (self->timers[slot] != 0)
    self->clock->remove (self->clock, self->timers[slot]);
  self->timers[slot] = 0;
}

void
sc_sip_transaction_free (ScSipTransaction *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < N_TIMERS; i++)
    stop_timer (self, i);
  g_bytes_unref (self->wire);
  g_clear_pointer (&self->ack, g_bytes_unref);
  g_free (self->method);
  g_free (self->branch);
  g_free (self);
}

static void retransmit_fired (gpointer data);
static void timeout_fired (gpointer data);
static void linger_fired (gpointer data);

static const GSourceOnceFunc timer_functions[N_TIMERS] = { retransmit_fired, timeout_fired, linger_fired };

static void
start_timer (ScSipTransaction *self,
             TimerSlot         slot,
             guint             ms)
{
  stop_timer (self, slot);
  self->timers[slot] = self->clock->add (self->clock, ms, timer_functions[slot], self);
}

static void
terminate (ScSipTransaction *self)
{
  for (guint i = 0; i < N_TIMERS; i++)
    stop_timer (self, i);
  self->state = SC_SIP_TX_TERMINATED;
  if (self->callbacks->terminated != NULL)
    self->callbacks->terminated (self->user_data);
}

void
sc_sip_transaction_start (ScSipTransaction *self)
{
  g_return_if_fail (self->state == SC_SIP_TX_CALLING || self->state == SC_SIP_TX_TRYING);

  self->callbacks->send (self->wire, FALSE, self->user_data);
  if (!self->reliable)
    {
      self->interval = SC_SIP_T1;
      start_timer (self, TIMER_RETRANSMIT, self->interval);   /* Timer A or E */
    }
  start_timer (self, TIMER_TIMEOUT, 64 * SC_SIP_T1);          /* Timer B or F */
}

/* Timer A doubles without bound (§17.1.1.2); Timer E doubles up to T2, and stays at T2 once
 * a provisional response has come (§17.1.2.2). */
static void
retransmit_fired (gpointer data)
{
  ScSipTransaction *self = data;

  self->timers[TIMER_RETRANSMIT] = 0;
  if (self->state != SC_SIP_TX_CALLING && self->state != SC_SIP_TX_TRYING && self->state != SC_SIP_TX_PROCEEDING)
    return;
  self->retransmissions++;
  self->callbacks->send (self->wire, TRUE, self->user_data);
  if (self->invite)
    self->interval *= 2;
  else
    self->interval = self->state == SC_SIP_TX_PROCEEDING ? SC_SIP_T2 : MIN (self->interval * 2, SC_SIP_T2);
  start_timer (self, TIMER_RETRANSMIT, self->interval);
}

static void
timeout_fired (gpointer data)
{
  ScSipTransaction *self = data;

  self->timers[TIMER_TIMEOUT] = 0;
  if (self->callbacks->timeout != NULL)
    self->callbacks->timeout (self->invite ? "Timer B" : "Timer F", self->user_data);
  terminate (self);
}

static void
linger_fired (gpointer data)
{
  ScSipTransaction *self = data;

  self->timers[TIMER_LINGER] = 0;
  terminate (self);
}

/* §17.1.3: the top Via's branch and the CSeq method say which transaction a response is for. */
gboolean
sc_sip_transaction_matches (ScSipTransaction   *self,
                            const ScSipMessage *response)
{
  return !response->is_request && response->n_vias > 0 &&
         sc_sip_slice_equal (response->vias[0].branch, self->branch) &&
         sc_sip_slice_equal (response->cseq_method, self->method);
}

/* Completed absorbs retransmitted finals for Timer D (INVITE, 32 s) or K (T4) on unreliable
 * transports, and not at all on reliable ones. */
static void
complete (ScSipTransaction *self)
{
  guint linger = self->reliable ? 0 : (self->invite ? 32000 : SC_SIP_T4);

  stop_timer (self, TIMER_RETRANSMIT);
  stop_timer (self, TIMER_TIMEOUT);
  self->state = SC_SIP_TX_COMPLETED;
  if (linger == 0)
    terminate (self);
  else
    start_timer (self, TIMER_LINGER, linger);
}

static void
receive_invite (ScSipTransaction   *self,
                const ScSipMessage *response)
{
  guint status = response->status;

  if (self->state == SC_SIP_TX_COMPLETED)
    {
      /* A retransmitted final: the ACK was lost. */
      if (status >= 300 && self->ack != NULL)
        self->callbacks->send (self->ack, TRUE, self->user_data);
      return;
    }
  if (status < 200)
    {
      self->state = SC_SIP_TX_PROCEEDING;
      stop_timer (self, TIMER_RETRANSMIT);
      stop_timer (self, TIMER_TIMEOUT);   /* Timer B guards only Calling (§17.1.1.2) */
      self->callbacks->response (response, self->user_data);
    }
  else if (status < 300)
    {
      /* The 2xx goes to the user, who ACKs it end to end (§13.2.2.4). */
      self->callbacks->response (response, self->user_data);
      terminate (self);
    }
  else
    {
      g_clear_pointer (&self->ack, g_bytes_unref);
      self->ack = sc_sip_request_ack_for (self->request, response);
      self->callbacks->send (self->ack, FALSE, self->user_data);
      self->callbacks->response (response, self->user_data);
      complete (self);
    }
}

static void
receive_non_invite (ScSipTransaction   *self,
                    const ScSipMessage *response)
{
  if (self->state == SC_SIP_TX_COMPLETED)
    return;
  if (response->status < 200)
    {
      self->state = SC_SIP_TX_PROCEEDING;
      self->callbacks->response (response, self->user_data);
      return;
    }
  self->callbacks->response (response, self->user_data);
  complete (self);
}

/* Feed a response that sc_sip_transaction_matches(). */
void
sc_sip_transaction_receive (ScSipTransaction   *self,
                            const ScSipMessage *response)
{
  g_return_if_fail (sc_sip_transaction_matches (self, response));

  if (self->state == SC_SIP_TX_TERMINATED)
    return;
  if (self->invite)
    receive_invite (self, response);
  else
    receive_non_invite (self, response);
}

ScSipTransactionState
sc_sip_transaction_get_state (ScSipTransaction *self)
{
  return self->state;
}

guint
sc_sip_transaction_get_retransmissions (ScSipTransaction *self)
{
  return self->retransmissions;
}
