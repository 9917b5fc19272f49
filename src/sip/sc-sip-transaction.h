#pragma once

#include "sc-sip-clock.h"
#include "sc-sip-request.h"

G_BEGIN_DECLS

/* Client transactions (RFC 3261 §17.1): INVITE (§17.1.1) and non-INVITE (§17.1.2). */

typedef enum {
  SC_SIP_TX_CALLING,      /* INVITE sent, nothing back yet */
  SC_SIP_TX_TRYING,       /* non-INVITE sent, nothing back yet */
  SC_SIP_TX_PROCEEDING,   /* a provisional response arrived */
  SC_SIP_TX_COMPLETED,    /* a final response arrived; absorbing its retransmissions */
  SC_SIP_TX_TERMINATED,
} ScSipTransactionState;

/* RFC 3261 §17.1.1.1 defaults, in milliseconds. */
#define SC_SIP_T1 500
#define SC_SIP_T2 4000
#define SC_SIP_T4 5000

typedef struct {
  /* Put these bytes on the wire (again, for a retransmission). */
  void (*send)       (GBytes *bytes, gboolean retransmission, gpointer user_data);
  /* A response for the user (not retransmissions of a final one). */
  void (*response)   (const ScSipMessage *response, gpointer user_data);
  /* Nothing final arrived before @timer ("Timer B", "Timer F") fired. */
  void (*timeout)    (const char *timer, gpointer user_data);
  void (*terminated) (gpointer user_data);
} ScSipTransactionCallbacks;

typedef struct _ScSipTransaction ScSipTransaction;

ScSipTransaction     *sc_sip_transaction_new      (ScSipRequest                    *request,
                                                   GBytes                          *wire,
                                                   gboolean                         reliable,
                                                   ScSipClock                      *clock,
                                                   const ScSipTransactionCallbacks *callbacks,
                                                   gpointer                         user_data);
void                  sc_sip_transaction_start    (ScSipTransaction   *self);
gboolean              sc_sip_transaction_matches  (ScSipTransaction   *self,
                                                   const ScSipMessage *response);
void                  sc_sip_transaction_receive  (ScSipTransaction   *self,
                                                   const ScSipMessage *response);
ScSipTransactionState sc_sip_transaction_get_state (ScSipTransaction  *self);
guint                 sc_sip_transaction_get_retransmissions (ScSipTransaction *self);
const char           *sc_sip_transaction_state_name (ScSipTransactionState state);
void                  sc_sip_transaction_free     (ScSipTransaction   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSipTransaction, sc_sip_transaction_free)

G_END_DECLS
