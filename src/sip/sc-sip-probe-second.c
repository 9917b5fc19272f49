/* After the INVITE: the probe leaves nothing up on the server. An answered call is ACKed and
 * hung up; a ringing one is cancelled. Each runs in a second client transaction, whose
 * responses the probe's datagram handler routes here. */
#define G_LOG_DOMAIN "sc-sip-probe-second"

#include "sc-sip-probe-second.h"

#include <glib/gi18n-lib.h>

static void
on_second_response (const ScSipMessage *response,
                    gpointer            data)
{
  ProbeRun *run = data;

  /* The BYE's final ends a probe whose INVITE was answered; a CANCEL's 200 changes nothing,
   * the INVITE's 487 does. */
  if (response->status >= 200 && run->ack_2xx != NULL)
    sc_sip_probe_finish (run, NULL);
}

static void
on_second_timeout (const char *timer,
                   gpointer    data)
{
  ProbeRun *run = data;

  if (run->ack_2xx != NULL)
    sc_sip_probe_finish (run, NULL);   /* answered and ACKed; the BYE went unanswered: the timeline shows it */
}

static void
on_second_terminated (gpointer data)
{
}

static const ScSipTransactionCallbacks second_callbacks = { sc_sip_probe_on_send, on_second_response, on_second_timeout,
                                                            on_second_terminated };

static void
start_second (ProbeRun     *run,
              ScSipRequest *request)
{
  g_autoptr(GBytes) wire = sc_sip_request_serialize (request);

  g_clear_pointer (&run->second_transaction, sc_sip_transaction_free);
  g_clear_pointer (&run->second_request, sc_sip_request_free);
  run->second_request = request;
  run->second_transaction = sc_sip_transaction_new (request, wire, sc_sip_transport_is_reliable (run->transport),
                                                    NULL, &second_callbacks, run);
  sc_sip_transaction_start (run->second_transaction);
}

/* A 2xx to INVITE set up a call on the server: ACK it end to end and hang up with BYE
 * (RFC 3261 §13.2.2.4, §15.1.1); the BYE's answer ends the probe. */
void
sc_sip_probe_hang_up (ProbeRun           *run,
                      const ScSipMessage *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipRequest) ack = sc_sip_request_new_in_dialog (run->request, response, "ACK", &error);
  ScSipRequest *bye = ack ? sc_sip_request_new_in_dialog (run->request, response, "BYE", &error) : NULL;

  if (bye == NULL)
    {
      sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_MALFORMED,
                                             _("the %u's Contact cannot be used to ACK and hang up: %s"),
                                             response->status, error->message));
      return;
    }
  run->ack_2xx = sc_sip_request_serialize (ack);
  sc_sip_probe_on_send (run->ack_2xx, FALSE, run);
  start_second (run, bye);
}

static gboolean
on_cancel_guard (gpointer data)
{
  ProbeRun *run = data;

  run->guard_id = 0;
  sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT,
                                         _("no final response from %s within 32 s after CANCEL"), run->result->remote));
  return G_SOURCE_REMOVE;
}

/* CANCEL a ringing INVITE (RFC 3261 §9.1); its 487 ends the probe, or a guard does. */
void
sc_sip_probe_send_cancel (ProbeRun *run)
{
  start_second (run, sc_sip_request_new_cancel (run->request));
  run->guard_id = g_timeout_add (64 * SC_SIP_T1, on_cancel_guard, run);
}
