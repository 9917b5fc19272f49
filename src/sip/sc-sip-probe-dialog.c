/* After the INVITE: the probe leaves nothing up on the server. An answered call is ACKed and
 * hung up with BYE, answering a challenge to the BYE once; a ringing one is cancelled. Each
 * runs in a follow-up transaction, whose responses the probe's datagram handler routes here. */
#define G_LOG_DOMAIN "sc-sip-probe"

#include "sc-sip-probe-private.h"

#include <glib/gi18n-lib.h>

static const ScSipTransactionCallbacks follow_up_callbacks;

static gboolean
is_bye (ProbeRun *run)
{
  return run->follow_up.request != NULL && g_str_equal (sc_sip_request_get_method (run->follow_up.request), "BYE");
}

static gboolean
resend_bye (gpointer data)
{
  ProbeRun *run = data;

  run->retry_id = 0;
  if (run->done)
    return G_SOURCE_REMOVE;
  sc_sip_probe_answer_challenge (run, &run->follow_up);
  sc_sip_probe_start_transaction (run, &run->follow_up, &follow_up_callbacks);
  return G_SOURCE_REMOVE;
}

/* A challenged BYE is sent again with credentials (a proxy may guard in-dialog requests too);
 * its final ends a probe whose INVITE was answered. A CANCEL's answer changes nothing: the
 * INVITE's 487 ends the probe. */
static void
on_follow_up_response (const ScSipMessage *response,
                       gpointer            data)
{
  ProbeRun *run = data;

  if (run->done || response->status < 200)
    return;
  run->result->follow_up_status = response->status;
  if (!is_bye (run))
    return;
  if (run->challenge != NULL)
    {
      run->retry_id = sc_sip_probe_defer (resend_bye, run);
      return;
    }
  run->result->call = response->status < 300 ? SC_SIP_PROBE_CALL_HUNG_UP : SC_SIP_PROBE_CALL_HANG_UP_FAILED;
  sc_sip_probe_finish (run, NULL);
}

static void
on_follow_up_timeout (const char *timer,
                      gpointer    data)
{
  ProbeRun *run = data;

  /* Answered and ACKed; nothing answered the BYE. A CANCEL's silence is the grace timer's. */
  if (is_bye (run))
    {
      run->result->call = SC_SIP_PROBE_CALL_HANG_UP_UNANSWERED;
      sc_sip_probe_finish (run, NULL);
    }
}

static const ScSipTransactionCallbacks follow_up_callbacks = { sc_sip_probe_on_send, on_follow_up_response,
                                                               on_follow_up_timeout, NULL };

void
sc_sip_probe_follow_up_receive (ProbeRun     *run,
                                ScSipMessage *msg,
                                GBytes       *datagram)
{
  /* A BYE may be challenged and sent again; a CANCEL cannot be (RFC 3261 §22.1). */
  sc_sip_probe_receive (run, &run->follow_up, msg, datagram, is_bye (run));
}

static void
start_follow_up (ProbeRun     *run,
                 ScSipRequest *request)
{
  sc_sip_probe_request_clear (&run->follow_up);
  run->follow_up.request = request;
  sc_sip_probe_start_transaction (run, &run->follow_up, &follow_up_callbacks);
}

/* A 2xx to INVITE set up a call on the server: ACK it end to end and hang up with BYE
 * (RFC 3261 §13.2.2.4, §15.1.1); the BYE's answer ends the probe. */
void
sc_sip_probe_hang_up (ProbeRun           *run,
                      const ScSipMessage *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipRequest) ack = sc_sip_request_new_in_dialog (run->main.request, response, "ACK", &error);
  ScSipRequest *bye = ack ? sc_sip_request_new_in_dialog (run->main.request, response, "BYE", &error) : NULL;

  if (bye == NULL)
    {
      run->result->call = SC_SIP_PROBE_CALL_HANG_UP_FAILED;
      sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_MALFORMED,
                                             _("the %u’s Contact cannot be used to ACK and hang up: %s"),
                                             response->status, error->message));
      return;
    }
  run->ack_2xx = sc_sip_request_serialize (ack);
  sc_sip_probe_on_send (run->ack_2xx, FALSE, run);
  if (!run->done)
    start_follow_up (run, bye);
  else
    sc_sip_request_free (bye);
}

static gboolean
on_cancel_grace (gpointer data)
{
  ProbeRun *run = data;

  run->grace_id = 0;
  if (run->follow_up.request != NULL)
    run->result->call = SC_SIP_PROBE_CALL_CANCEL_UNANSWERED;
  if (run->timed_out)
    sc_sip_probe_finish_timed_out (run);
  else
    sc_sip_probe_finish (run, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   run->follow_up.request != NULL
                                                   ? _("the probe was cancelled; the server did not end the call "
                                                       "within 4 s of the CANCEL")
                                                   : _("the probe was cancelled before the server answered")));
  return G_SOURCE_REMOVE;
}

/* The 487 (or a 1xx that allows CANCEL) is waited for a few seconds, no longer. */
void
sc_sip_probe_start_grace (ProbeRun *run)
{
  if (run->grace_id == 0)
    run->grace_id = g_timeout_add (SC_SIP_PROBE_CANCEL_GRACE_MS, on_cancel_grace, run);
}

/* CANCEL a ringing INVITE (RFC 3261 §9.1); its 487 ends the probe, or the grace period does. */
void
sc_sip_probe_send_cancel (ProbeRun *run)
{
  start_follow_up (run, sc_sip_request_new_cancel (run->main.request));
  g_clear_handle_id (&run->grace_id, g_source_remove);
  sc_sip_probe_start_grace (run);
}
