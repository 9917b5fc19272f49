/* Client transactions on a fake clock: the exact RFC 3261 retransmission schedule, timeouts,
 * the ACK for a non-2xx final, absorbed retransmissions, reliable transports, matching. */
#include <locale.h>
#include <string.h>

#include "sc-sip-transaction.h"

typedef struct {
  ScSipClock   parent;
  gint64       now;
  GArray      *timers;
} FakeClock;

typedef struct {
  guint           id;
  gint64          deadline;
  GSourceOnceFunc fn;
  gpointer        data;
} FakeTimer;

static guint
fake_add (ScSipClock *clock, guint ms, GSourceOnceFunc fn, gpointer data)
{
  FakeClock *self = (FakeClock *) clock;
  static guint next_id = 1;
  FakeTimer timer = { next_id++, self->now + ms, fn, data };

  g_array_append_val (self->timers, timer);
  return timer.id;
}

static void
fake_remove (ScSipClock *clock, guint id)
{
  FakeClock *self = (FakeClock *) clock;

  for (guint i = 0; i < self->timers->len; i++)
    if (g_array_index (self->timers, FakeTimer, i).id == id)
      {
        g_array_remove_index (self->timers, i);
        return;
      }
  g_assert_not_reached ();   /* removing a timer that is not armed is a bug */
}

static gint64
fake_now (ScSipClock *clock)
{
  return ((FakeClock *) clock)->now;
}

/* Fires due timers in deadline order until @ms later. */
static void
advance_to (FakeClock *self,
            gint64     target)
{
  for (;;)
    {
      gint best = -1;
      FakeTimer timer;
      for (guint i = 0; i < self->timers->len; i++)
        if (g_array_index (self->timers, FakeTimer, i).deadline <= target &&
            (best < 0 || g_array_index (self->timers, FakeTimer, i).deadline < g_array_index (self->timers, FakeTimer, best).deadline))
          best = i;
      if (best < 0)
        break;
      timer = g_array_index (self->timers, FakeTimer, best);
      g_array_remove_index (self->timers, best);
      self->now = timer.deadline;
      timer.fn (timer.data);
    }
  self->now = target;
}

typedef struct {
  FakeClock     clock;
  ScSipRequest *request;
  GArray       *send_times;        /* gint64 */
  GPtrArray    *sent;              /* GBytes */
  GPtrArray    *responses;         /* status codes as pointers */
  char         *timeout;
  gboolean      terminated;
} Fixture;

static void
on_send (GBytes *bytes, gboolean retransmission, gpointer data)
{
  Fixture *f = data;
  g_array_append_val (f->send_times, f->clock.now);
  g_ptr_array_add (f->sent, g_bytes_ref (bytes));
}

static void
on_response (const ScSipMessage *response, gpointer data)
{
  g_ptr_array_add (((Fixture *) data)->responses, GUINT_TO_POINTER (response->status));
}

static void
on_timeout (const char *timer, gpointer data)
{
  ((Fixture *) data)->timeout = g_strdup (timer);
}

static void
on_terminated (gpointer data)
{
  ((Fixture *) data)->terminated = TRUE;
}

static const ScSipTransactionCallbacks callbacks = { on_send, on_response, on_timeout, on_terminated };

static void
setup (Fixture *f, const char *method)
{
  memset (f, 0, sizeof *f);
  f->clock.parent = (ScSipClock) { fake_add, fake_remove, fake_now };
  f->clock.timers = g_array_new (FALSE, FALSE, sizeof (FakeTimer));
  f->request = sc_sip_request_new (method, "sip:uas@127.0.0.1:5060", NULL);
  sc_sip_request_set_via (f->request, "UDP", "127.0.0.1", 5070);
  f->send_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->sent = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  f->responses = g_ptr_array_new ();
}

static void
teardown (Fixture *f)
{
  g_assert_cmpuint (f->clock.timers->len, ==, 0);   /* a terminated transaction leaves no timer */
  g_array_unref (f->clock.timers);
  sc_sip_request_free (f->request);
  g_array_unref (f->send_times);
  g_ptr_array_unref (f->sent);
  g_ptr_array_unref (f->responses);
  g_free (f->timeout);
}

static ScSipMessage *
response (Fixture *f, guint status, const char *method)
{
  g_autofree char *text = g_strdup_printf (
    "SIP/2.0 %u Reason\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=%s;rport=5070\r\n"
    "From: <sip:probe@invalid>;tag=%s\r\nTo: <sip:uas@127.0.0.1:5060>;tag=uas-tag\r\n"
    "Call-ID: %s\r\nCSeq: 1 %s\r\nContent-Length: 0\r\n\r\n", status, sc_sip_request_get_branch (f->request),
    sc_sip_request_get_from_tag (f->request), sc_sip_request_get_call_id (f->request), method);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  return sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
}

static void
assert_send_times (Fixture *f, const gint64 *expected, guint n)
{
  g_assert_cmpuint (f->send_times->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (f->send_times, gint64, i), ==, expected[i]);
}

static ScSipTransaction *
start (Fixture *f, gboolean reliable)
{
  g_autoptr(GBytes) wire = sc_sip_request_serialize (f->request);
  ScSipTransaction *tx = sc_sip_transaction_new (f->request, wire, reliable, &f->clock.parent, &callbacks, f);

  sc_sip_transaction_start (tx);
  return tx;
}

/* Timer E doubles from T1 up to T2, Timer F ends it at 64*T1. */
static void
test_non_invite_silent (void)
{
  Fixture f;
  static const gint64 expected[] = { 0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500 };

  setup (&f, "OPTIONS");
  {
    g_autoptr(ScSipTransaction) tx = start (&f, FALSE);
    advance_to (&f.clock, 40000);
    assert_send_times (&f, expected, G_N_ELEMENTS (expected));
    g_assert_cmpstr (f.timeout, ==, "Timer F");
    g_assert_true (f.terminated);
    g_assert_cmpuint (sc_sip_transaction_get_retransmissions (tx), ==, 10);
  }
  teardown (&f);
}

/* After a provisional response Timer E runs at T2; a final ends it after Timer K; its
 * retransmissions are absorbed. */
static void
test_non_invite_provisional_then_final (void)
{
  Fixture f;
  static const gint64 expected[] = { 0, 500, 4500, 8500 };

  setup (&f, "REGISTER");
  {
    g_autoptr(ScSipTransaction) tx = start (&f, FALSE);
    g_autoptr(ScSipMessage) trying = response (&f, 100, "REGISTER");
    g_autoptr(ScSipMessage) ok = response (&f, 200, "REGISTER");

    advance_to (&f.clock, 100);
    sc_sip_transaction_receive (tx, trying);
    g_assert_cmpint (sc_sip_transaction_get_state (tx), ==, SC_SIP_TX_PROCEEDING);
    advance_to (&f.clock, 9000);
    sc_sip_transaction_receive (tx, ok);
    sc_sip_transaction_receive (tx, ok);
    g_assert_cmpint (sc_sip_transaction_get_state (tx), ==, SC_SIP_TX_COMPLETED);
    advance_to (&f.clock, 13999);
    g_assert_false (f.terminated);
    advance_to (&f.clock, 14000);
    g_assert_true (f.terminated);
    assert_send_times (&f, expected, G_N_ELEMENTS (expected));
    g_assert_cmpuint (f.responses->len, ==, 2);
    g_assert_null (f.timeout);
  }
  teardown (&f);
}

/* Timer A doubles without bound; Timer B ends it at 64*T1. */
static void
test_invite_silent (void)
{
  Fixture f;
  static const gint64 expected[] = { 0, 500, 1500, 3500, 7500, 15500, 31500 };

  setup (&f, "INVITE");
  {
    g_autoptr(ScSipTransaction) tx = start (&f, FALSE);
    advance_to (&f.clock, 40000);
    assert_send_times (&f, expected, G_N_ELEMENTS (expected));
    g_assert_cmpstr (f.timeout, ==, "Timer B");
  }
  teardown (&f);
}

/* 180 stops retransmissions; 486 is ACKed by the transaction, and again when it is
 * retransmitted; Timer D ends it. */
static void
test_invite_rejected (void)
{
  Fixture f;

  setup (&f, "INVITE");
  {
    g_autoptr(ScSipTransaction) tx = start (&f, FALSE);
    g_autoptr(ScSipMessage) ringing = response (&f, 180, "INVITE");
    g_autoptr(ScSipMessage) busy = response (&f, 486, "INVITE");
    g_autoptr(ScSipMessage) ack = NULL;

    advance_to (&f.clock, 200);
    sc_sip_transaction_receive (tx, ringing);
    advance_to (&f.clock, 20000);
    g_assert_cmpuint (f.send_times->len, ==, 1);
    sc_sip_transaction_receive (tx, busy);
    g_assert_cmpuint (f.send_times->len, ==, 2);
    ack = sc_sip_message_parse (g_ptr_array_index (f.sent, 1), SC_SIP_FRAMING_DATAGRAM, NULL);
    g_assert_nonnull (ack);
    g_assert_true (sc_sip_slice_equal (ack->method, "ACK"));
    g_assert_true (sc_sip_slice_equal (ack->cseq_method, "ACK"));
    g_assert_true (sc_sip_slice_equal (ack->vias[0].branch, sc_sip_request_get_branch (f.request)));
    g_assert_true (sc_sip_slice_equal (ack->to.tag, "uas-tag"));
    sc_sip_transaction_receive (tx, busy);
    g_assert_cmpuint (f.send_times->len, ==, 3);
    g_assert_cmpuint (f.responses->len, ==, 2);
    advance_to (&f.clock, 20000 + 32000);
    g_assert_true (f.terminated);
    g_assert_null (f.timeout);
  }
  teardown (&f);
}

static void
test_invite_accepted (void)
{
  Fixture f;

  setup (&f, "INVITE");
  {
    g_autoptr(ScSipTransaction) tx = start (&f, FALSE);
    g_autoptr(ScSipMessage) ok = response (&f, 200, "INVITE");

    sc_sip_transaction_receive (tx, ok);
    g_assert_true (f.terminated);
    g_assert_cmpuint (f.send_times->len, ==, 1);   /* the 2xx ACK is the user's, end to end */
  }
  teardown (&f);
}

/* Over TCP or TLS: no retransmission, no lingering after the final response. */
static void
test_reliable (void)
{
  Fixture f;

  setup (&f, "OPTIONS");
  {
    g_autoptr(ScSipTransaction) tx = start (&f, TRUE);
    g_autoptr(ScSipMessage) ok = response (&f, 200, "OPTIONS");

    advance_to (&f.clock, 20000);
    g_assert_cmpuint (f.send_times->len, ==, 1);
    sc_sip_transaction_receive (tx, ok);
    g_assert_true (f.terminated);
  }
  teardown (&f);
}

static void
test_matching (void)
{
  Fixture f;

  setup (&f, "OPTIONS");
  {
    g_autoptr(ScSipTransaction) tx = start (&f, TRUE);
    g_autoptr(ScSipMessage) ours = response (&f, 200, "OPTIONS");
    g_autoptr(ScSipMessage) other_method = response (&f, 200, "INVITE");
    g_autoptr(ScSipMessage) other_branch = NULL;

    sc_sip_request_new_branch (f.request);
    other_branch = response (&f, 200, "OPTIONS");
    g_assert_true (sc_sip_transaction_matches (tx, ours));
    g_assert_false (sc_sip_transaction_matches (tx, other_method));
    g_assert_false (sc_sip_transaction_matches (tx, other_branch));
    sc_sip_transaction_receive (tx, ours);
  }
  teardown (&f);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/sip/transaction/non-invite-silent", test_non_invite_silent);
  g_test_add_func ("/sc/sip/transaction/non-invite-provisional-then-final", test_non_invite_provisional_then_final);
  g_test_add_func ("/sc/sip/transaction/invite-silent", test_invite_silent);
  g_test_add_func ("/sc/sip/transaction/invite-rejected", test_invite_rejected);
  g_test_add_func ("/sc/sip/transaction/invite-accepted", test_invite_accepted);
  g_test_add_func ("/sc/sip/transaction/reliable", test_reliable);
  g_test_add_func ("/sc/sip/transaction/matching", test_matching);
  return g_test_run ();
}
