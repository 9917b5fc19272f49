/* The probe against SIP implementations we did not configure to agree with us: ejabberd's
 * SIP module, a strict registrar (To must name the user whose credentials are sent) and an
 * authenticating proxy that challenges in-dialog requests such as BYE; and baresip, a
 * softphone that answers (or rings until cancelled), on 127.0.0.1 and ::1. */
#include <locale.h>
#include <string.h>

#include "sc-sip-message.h"
#include "sc-sip-probe.h"
#include "sc-test-peers.h"
#include "sc-test-probe.h"

/* The @nth message sent with @method (0-based), or NULL. */
static ScSipMessage *
sent (const ScSipProbeResult *result,
      const char             *method,
      guint                   nth)
{
  for (guint i = 0; i < result->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (result->events, i);
      if (event->outgoing && !event->retransmission && g_strcmp0 (event->method, method) == 0 && nth-- == 0)
        return sc_sip_message_parse (event->bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
    }
  return NULL;
}

/* The first response with @status to @method, or NULL. */
static const ScSipProbeEvent *
received (const ScSipProbeResult *result,
          const char             *method,
          guint                   status)
{
  for (guint i = 0; i < result->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (result->events, i);
      if (!event->outgoing && event->status == status && g_strcmp0 (event->method, method) == 0)
        return event;
    }
  return NULL;
}

static char *
header_value (const ScSipMessage *msg,
              ScSipHeaderId       id)
{
  const ScSipHeader *h = sc_sip_message_find (msg, id, 0);

  return h ? sc_sip_slice_dup (h->value) : NULL;
}

/* REGISTER with only --user: before, To was the registrar's own URI, which ejabberd answers
 * with 401 whatever the password. Now the address of record is the user at the domain, the
 * Request-URI the domain alone (RFC 3261 §10.2). */
static void
test_register_names_the_user (void)
{
  ScTestPeer *ejabberd = sc_test_ejabberd_start ();
  g_autofree char *target = sc_test_peer_uri (ejabberd, NULL);
  ScSipProbeOptions options = { .target = target, .method = "REGISTER", .username = "alice", .password = "secret" };
  g_autoptr(ScSipMessage) second = NULL;
  g_autofree char *request_line = NULL;
  g_autofree char *expires = NULL;
  ScTestOutcome outcome = { 0 };

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_cmpuint (outcome.result->auth_attempts, ==, 1);
  second = sent (outcome.result, "REGISTER", 1);
  g_assert_nonnull (second);
  request_line = sc_sip_slice_dup (second->request_uri_text);
  g_assert_cmpstr (request_line, ==, target);
  g_assert_true (sc_sip_slice_equal (second->to.uri.user, "alice"));
  g_assert_true (sc_sip_slice_equal (second->from.uri.user, "alice"));
  g_assert_true (sc_sip_slice_equal (second->contacts[0].uri.user, "alice"));
  expires = header_value (second, SC_SIP_HEADER_EXPIRES);
  g_assert_cmpstr (expires, ==, "60");
  sc_test_outcome_clear (&outcome);

  /* The user in the target: the Request-URI still goes to the domain. */
  g_free (target);
  target = sc_test_peer_uri (ejabberd, "alice");
  options.target = target;
  sc_test_run_probe (&options, &outcome);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_clear_pointer (&second, sc_sip_message_unref);
  second = sent (outcome.result, "REGISTER", 0);
  g_assert_cmpuint (second->request_uri.user.len, ==, 0);
  sc_test_outcome_clear (&outcome);

  /* Another address of record, with its own credentials. */
  options.aor = "bob@127.0.0.1";
  options.username = "bob";
  options.password = "bobpw";
  sc_test_run_probe (&options, &outcome);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  sc_test_outcome_clear (&outcome);
  sc_test_peer_stop (ejabberd);
}

/* A wrong password: ejabberd challenges again. That second 401 says the credentials were
 * refused, and the probe does not loop. */
static void
test_register_wrong_password (void)
{
  ScTestPeer *ejabberd = sc_test_ejabberd_start ();
  g_autofree char *target = sc_test_peer_uri (ejabberd, "alice");
  ScSipProbeOptions options = { .target = target, .method = "REGISTER", .username = "alice", .password = "wrong" };
  ScTestOutcome outcome = { 0 };
  const ScSipProbeEvent *last;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 401);
  g_assert_true (outcome.result->credentials_rejected);
  g_assert_cmpuint (outcome.result->auth_attempts, ==, 1);
  last = g_ptr_array_index (outcome.result->events, outcome.result->events->len - 1);
  g_assert_cmpint (last->note, ==, SC_SIP_PROBE_NOTE_CREDENTIALS_REJECTED);
  g_assert_cmpint (((ScSipProbeEvent *) g_ptr_array_index (outcome.result->events, 1))->note, ==,
                   SC_SIP_PROBE_NOTE_CHALLENGE);
  sc_test_outcome_clear (&outcome);
  sc_test_peer_stop (ejabberd);
}

/* Expires is what the user asks: 30 s is below ejabberd's minimum (423), the default 60 s
 * binds, and unregistering removes the bindings with Contact: * and Expires: 0. */
static void
test_register_expires (void)
{
  ScTestPeer *ejabberd = sc_test_ejabberd_start ();
  g_autofree char *target = sc_test_peer_uri (ejabberd, "alice");
  ScSipProbeOptions options = { .target = target, .method = "REGISTER", .username = "alice", .password = "secret",
                                .expires = 30 };
  g_autoptr(ScSipMessage) removal = NULL;
  g_autofree char *expires = NULL;
  ScTestOutcome outcome = { 0 };

  sc_test_run_probe (&options, &outcome);
  g_assert_cmpuint (outcome.result->status, ==, 423);
  sc_test_outcome_clear (&outcome);

  /* Removing needs something to remove: ejabberd answers 404 for an address without bindings. */
  options.expires = 0;
  sc_test_run_probe (&options, &outcome);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  sc_test_outcome_clear (&outcome);
  options.unregister = TRUE;
  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  removal = sent (outcome.result, "REGISTER", 1);
  g_assert_true (removal->contact_star);
  expires = header_value (removal, SC_SIP_HEADER_EXPIRES);
  g_assert_cmpstr (expires, ==, "0");
  sc_test_outcome_clear (&outcome);
  sc_test_peer_stop (ejabberd);
}

static guint
status_through (const char *target,
                const char *method)
{
  ScSipProbeOptions options = { .target = target, .method = method, .username = "alice", .password = "secret",
                                .timeout_ms = 3000 };
  ScTestOutcome outcome = { 0 };
  guint status;

  sc_test_run_probe (&options, &outcome);
  status = outcome.result->status;
  sc_test_outcome_clear (&outcome);
  return status;
}

/* A call through ejabberd to baresip: the INVITE is challenged (407) and answered, baresip
 * picks up, and the BYE is challenged too. Before, that BYE was never sent again: the call
 * stayed up while the probe reported success. */
static void
test_call_through_proxy (void)
{
  ScTestPeer *ejabberd = sc_test_ejabberd_start ();
  ScTestPeer *baresip = sc_test_baresip_start ("127.0.0.1", "auto", ejabberd);
  g_autofree char *target = sc_test_peer_uri (ejabberd, "bob");
  ScSipProbeOptions options = { .target = target, .method = "INVITE", .username = "alice", .password = "secret" };
  g_autoptr(ScSipMessage) second_bye = NULL;
  ScTestOutcome outcome = { 0 };
  const ScSipProbeEvent *bye_challenge;

  /* baresip registers in its own time: until then ejabberd answers 480. */
  for (int attempt = 0; attempt < 100 && status_through (target, "OPTIONS") != 200; attempt++)
    g_usleep (100 * 1000);
  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_nonnull (received (outcome.result, "INVITE", 407));
  bye_challenge = received (outcome.result, "BYE", 407);
  g_assert_nonnull (bye_challenge);
  g_assert_cmpint (bye_challenge->note, ==, SC_SIP_PROBE_NOTE_CHALLENGE);
  second_bye = sent (outcome.result, "BYE", 1);
  g_assert_nonnull (second_bye);
  g_assert_nonnull (sc_sip_message_find (second_bye, SC_SIP_HEADER_PROXY_AUTHORIZATION, 0));
  g_assert_nonnull (received (outcome.result, "BYE", 200));
  g_assert_cmpint (outcome.result->call, ==, SC_SIP_PROBE_CALL_HUNG_UP);
  g_assert_cmpuint (outcome.result->follow_up_status, ==, 200);
  g_assert_cmpuint (outcome.result->auth_attempts, ==, 2);
  sc_test_outcome_clear (&outcome);
  sc_test_peer_stop (baresip);
  sc_test_peer_stop (ejabberd);
}

/* A softphone answers: 180, 200, our ACK, our BYE, its 200. */
static void
assert_answered (const char *ip)
{
  ScTestPeer *baresip = sc_test_baresip_start (ip, "auto", NULL);
  g_autofree char *target = sc_test_peer_uri (baresip, "bob");
  ScSipProbeOptions options = { .target = target, .method = "INVITE" };
  g_autoptr(ScSipMessage) ack = NULL;
  ScTestOutcome outcome = { 0 };

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_nonnull (received (outcome.result, "INVITE", 180));
  ack = sent (outcome.result, "ACK", 0);
  g_assert_nonnull (ack);
  g_assert_cmpuint (ack->to.tag.len, >, 0);
  g_assert_nonnull (received (outcome.result, "BYE", 200));
  g_assert_cmpint (outcome.result->call, ==, SC_SIP_PROBE_CALL_HUNG_UP);
  sc_test_outcome_clear (&outcome);
  sc_test_peer_stop (baresip);
}

static void
test_answered_ipv4 (void)
{
  assert_answered ("127.0.0.1");
}

static void
test_answered_ipv6 (void)
{
  assert_answered ("::1");
}

/* A phone that rings until cancelled: when the time limit runs out, the probe cancels the
 * call and reports the 180 and the 487 it saw, as a timeout. */
static void
test_time_limit_cancels_ringing (void)
{
  ScTestPeer *baresip = sc_test_baresip_start ("127.0.0.1", "manual", NULL);
  g_autofree char *target = sc_test_peer_uri (baresip, "bob");
  ScSipProbeOptions options = { .target = target, .method = "INVITE", .timeout_ms = 1500 };
  ScTestOutcome outcome = { 0 };

  sc_test_run_probe (&options, &outcome);
  g_assert_error (outcome.error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT);
  g_assert_nonnull (received (outcome.result, "INVITE", 180));
  g_assert_nonnull (received (outcome.result, "CANCEL", 200));
  g_assert_cmpuint (outcome.result->status, ==, 487);
  g_assert_cmpint (outcome.result->call, ==, SC_SIP_PROBE_CALL_CANCELLED);
  sc_test_outcome_clear (&outcome);
  sc_test_peer_stop (baresip);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/sip/peers/ejabberd/register-names-the-user", test_register_names_the_user);
  g_test_add_func ("/sc/sip/peers/ejabberd/register-wrong-password", test_register_wrong_password);
  g_test_add_func ("/sc/sip/peers/ejabberd/register-expires", test_register_expires);
  g_test_add_func ("/sc/sip/peers/ejabberd/call-through-proxy", test_call_through_proxy);
  g_test_add_func ("/sc/sip/peers/baresip/answered-ipv4", test_answered_ipv4);
  g_test_add_func ("/sc/sip/peers/baresip/answered-ipv6", test_answered_ipv6);
  g_test_add_func ("/sc/sip/peers/baresip/time-limit-cancels-ringing", test_time_limit_cancels_ringing);
  return g_test_run ();
}
