/* Calls, registrations and pings from captured messages: transactions matched (RFC 3261
 * §17.1.3, §17.2.3 and the RFC 2543 fallback), retransmissions counted once, outcomes, codes in
 * order as the capture generator's truth lists them, and calls handed out as they finish. */
#include <string.h>

#include "sc-capture-calls.h"

#define A "192.0.2.1:5060"
#define B "203.0.113.5:5060"

/* A request's top Via as sent, and as a response returns it (received added, §18.2.1). */
#define VIA(br)   "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=" br "\n"
#define VIA_R(br) "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=" br ";received=192.0.2.1\n"
#define PARTIES(cid, to_tag) \
  "From: \"Alice\" <sip:alice@example.com>;tag=a1\nTo: <sip:bob@example.com>" to_tag "\nCall-ID: " cid "\n"
#define C1    PARTIES ("call-1@test", "")
#define C1_B  PARTIES ("call-1@test", ";tag=b1")
#define C1_B2 PARTIES ("call-1@test", ";tag=b2")
#define INVITE "INVITE sip:bob@example.com SIP/2.0\n"
#define ACK    "ACK sip:bob@example.com SIP/2.0\n"
#define ACK2XX "ACK sip:bob@203.0.113.5 SIP/2.0\n"
#define BYE    "BYE sip:bob@203.0.113.5 SIP/2.0\n"

typedef struct {
  gint64      ms;
  gboolean    from_b;
  const char *text;    /* lines ending in \n; Content-Length and the blank line are added */
} Step;

typedef struct {
  const char      *name;
  const Step      *steps;
  const char      *method;
  ScCaptureOutcome outcome;
  guint            final_code;
  const char      *codes;            /* as gen_pcap.py's truth: each response once, in order */
  guint            retransmissions;
  gboolean         before_finish;    /* complete: handed out without waiting for the end */
  gint64           duration_ms;      /* -1: none */
  guint            challenges;
} Scenario;

static ScSipMessage *
parse (const char *text)
{
  g_autoptr(GString) wire = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ScSipMessage *message;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      g_string_append (wire, "\r\n");
    else
      g_string_append_c (wire, *p);
  g_string_append (wire, "Content-Length: 0\r\n\r\n");
  bytes = g_bytes_new (wire->str, wire->len);
  message = sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, &error);
  g_assert_no_error (error);
  return message;
}

static void
on_finished (ScCaptureCalls *calls,
             ScCaptureCall  *call,
             GPtrArray      *finished)
{
  g_ptr_array_add (finished, g_object_ref (call));
}

static ScCaptureCalls *
calls_new (GPtrArray *finished)
{
  ScCaptureCalls *calls = sc_capture_calls_new ();

  g_signal_connect (calls, "call-finished", G_CALLBACK (on_finished), finished);
  return calls;
}

static void
feed (ScCaptureCalls *calls,
      gint64          ms,
      gboolean        from_b,
      const char     *text)
{
  g_autoptr(ScSipMessage) message = parse (text);

  sc_capture_calls_add (calls, ms * 1000, from_b ? B : A, from_b ? A : B, "UDP", message);
}

static void
feed_steps (ScCaptureCalls *calls,
            const Step     *steps)
{
  for (const Step *s = steps; s->text != NULL; s++)
    feed (calls, s->ms, s->from_b, s->text);
}

static char *
codes_string (ScCaptureCall *call)
{
  guint n = 0;
  const guint *codes = sc_capture_call_get_codes (call, &n);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%u", i > 0 ? " " : "", codes[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- The scenarios ---- */

/* gen_pcap.py "answered": INVITE 100 180 200 ACK … BYE 200. */
static const Step answered[] = {
  { 0,     FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 10,    TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 300,   TRUE,  "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 3000,  TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 3010,  FALSE, ACK2XX VIA ("z9hG4bK2") C1_B "CSeq: 1 ACK\n" },
  { 63000, FALSE, BYE VIA ("z9hG4bK3") C1_B "CSeq: 2 BYE\n" },
  { 63020, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK3") C1_B "CSeq: 2 BYE\n" },
  { 0 }
};

/* gen_pcap.py "failed" with a 183 first. */
static const Step busy[] = {
  { 0,    FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 10,   TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 200,  TRUE,  "SIP/2.0 183 Session Progress\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 1200, TRUE,  "SIP/2.0 486 Busy Here\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 1201, FALSE, ACK VIA ("z9hG4bK1") C1_B "CSeq: 1 ACK\n" },
  { 0 }
};

static const Step unavailable[] = {
  { 0,   FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 10,  TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 900, TRUE,  "SIP/2.0 503 Service Unavailable\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n"
                "Retry-After: 120\nReason: Q.850;cause=34;text=\"No circuit available\"\n"
                "Warning: 399 sbc.example.net \"Trunk group full\"\n" },
  { 901, FALSE, ACK VIA ("z9hG4bK1") C1_B "CSeq: 1 ACK\n" },
  { 0 }
};

/* gen_pcap.py "cancel": the CANCEL's 200 is among the codes, before the 487. */
static const Step cancelled[] = {
  { 0,    FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 10,   TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 300,  TRUE,  "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 5000, FALSE, "CANCEL sip:bob@example.com SIP/2.0\n" VIA ("z9hG4bK1") C1 "CSeq: 1 CANCEL\n" },
  { 5010, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 CANCEL\n" },
  { 5011, TRUE,  "SIP/2.0 487 Request Terminated\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 5012, FALSE, ACK VIA ("z9hG4bK1") C1_B "CSeq: 1 ACK\n" },
  { 0 }
};

/* gen_pcap.py "auth": 407, its ACK, the INVITE again with credentials, answered. */
static const Step challenged[] = {
  { 0,     FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 10,    TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 30,    TRUE,  "SIP/2.0 407 Proxy Authentication Required\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n"
                  "Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"n1\"\n" },
  { 31,    FALSE, ACK VIA ("z9hG4bK1") C1_B "CSeq: 1 ACK\n" },
  { 41,    FALSE, INVITE VIA ("z9hG4bK4") C1 "CSeq: 2 INVITE\n"
                  "Proxy-Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"n1\", "
                  "uri=\"sip:bob@example.com\", response=\"00112233445566778899aabbccddeeff\"\n" },
  { 51,    TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK4") C1 "CSeq: 2 INVITE\n" },
  { 351,   TRUE,  "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK4") C1_B2 "CSeq: 2 INVITE\n" },
  { 2351,  TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK4") C1_B2 "CSeq: 2 INVITE\n" },
  { 2361,  FALSE, ACK2XX VIA ("z9hG4bK5") C1_B2 "CSeq: 2 ACK\n" },
  { 12361, FALSE, BYE VIA ("z9hG4bK6") C1_B2 "CSeq: 3 BYE\n" },
  { 12381, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK6") C1_B2 "CSeq: 3 BYE\n" },
  { 0 }
};

#define REGISTER "REGISTER sip:example.com SIP/2.0\n"
#define AUTHORIZATION "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"n1\", " \
                      "uri=\"sip:example.com\", response=\"00112233445566778899aabbccddeeff\"\n"

/* gen_pcap.py "register". */
static const Step registered[] = {
  { 0,  FALSE, REGISTER VIA ("z9hG4bK1") C1 "CSeq: 1 REGISTER\nExpires: 3600\n" },
  { 20, TRUE,  "SIP/2.0 401 Unauthorized\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 REGISTER\n"
               "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"n1\"\n" },
  { 30, FALSE, REGISTER VIA ("z9hG4bK2") C1 "CSeq: 2 REGISTER\nExpires: 3600\n" AUTHORIZATION },
  { 50, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK2") C1_B "CSeq: 2 REGISTER\n" },
  { 0 }
};

/* The credentials are challenged again: wrong password. */
static const Step register_loop[] = {
  { 0,  FALSE, REGISTER VIA ("z9hG4bK1") C1 "CSeq: 1 REGISTER\n" },
  { 20, TRUE,  "SIP/2.0 401 Unauthorized\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 REGISTER\n" },
  { 30, FALSE, REGISTER VIA ("z9hG4bK2") C1 "CSeq: 2 REGISTER\n" AUTHORIZATION },
  { 50, TRUE,  "SIP/2.0 401 Unauthorized\n" VIA_R ("z9hG4bK2") C1_B "CSeq: 2 REGISTER\n" },
  { 0 }
};

#define OPTIONS "OPTIONS sip:example.com SIP/2.0\n"

static const Step ping[] = {
  { 0,  FALSE, OPTIONS VIA ("z9hG4bK1") C1 "CSeq: 1 OPTIONS\n" },
  { 10, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 OPTIONS\n" },
  { 0 }
};

/* gen_pcap.py: an unanswered OPTIONS sent again at T1, 2·T1, 4·T1. */
static const Step ping_unanswered[] = {
  { 0,    FALSE, OPTIONS VIA ("z9hG4bK1") C1 "CSeq: 1 OPTIONS\n" },
  { 500,  FALSE, OPTIONS VIA ("z9hG4bK1") C1 "CSeq: 1 OPTIONS\n" },
  { 1500, FALSE, OPTIONS VIA ("z9hG4bK1") C1 "CSeq: 1 OPTIONS\n" },
  { 3500, FALSE, OPTIONS VIA ("z9hG4bK1") C1 "CSeq: 1 OPTIONS\n" },
  { 0 }
};

/* Over UDP: the INVITE sent again before the 100, the 200 sent again and ACKed again. */
static const Step retransmitted[] = {
  { 0,    FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 500,  FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 510,  TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 800,  TRUE,  "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 2000, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 2010, FALSE, ACK2XX VIA ("z9hG4bK2") C1_B "CSeq: 1 ACK\n" },
  { 2500, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 2510, FALSE, ACK2XX VIA ("z9hG4bK2") C1_B "CSeq: 1 ACK\n" },
  { 9000, TRUE,  "BYE sip:alice@192.0.2.1 SIP/2.0\nVia: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bK7\n"
                 "From: <sip:bob@example.com>;tag=b1\nTo: \"Alice\" <sip:alice@example.com>;tag=a1\n"
                 "Call-ID: call-1@test\nCSeq: 1 BYE\n" },
  { 9010, FALSE, "SIP/2.0 200 OK\nVia: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bK7\n"
                 "From: <sip:bob@example.com>;tag=b1\nTo: \"Alice\" <sip:alice@example.com>;tag=a1\n"
                 "Call-ID: call-1@test\nCSeq: 1 BYE\n" },
  { 0 }
};

/* A final response sent again (its ACK lost) and ACKed again: one 486, no new transaction. */
static const Step busy_retransmitted[] = {
  { 0,    FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 10,   TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 1000, TRUE,  "SIP/2.0 486 Busy Here\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 1500, TRUE,  "SIP/2.0 486 Busy Here\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 1501, FALSE, ACK VIA ("z9hG4bK1") C1_B "CSeq: 1 ACK\n" },
  { 0 }
};

/* Forked by a proxy: two early dialogs (two To tags), one answers; a 180 comes twice. */
static const Step forked[] = {
  { 0,    FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 10,   TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 300,  TRUE,  "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 310,  TRUE,  "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK1") C1_B2 "CSeq: 1 INVITE\n" },
  { 800,  TRUE,  "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 4000, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK1") C1_B2 "CSeq: 1 INVITE\n" },
  { 4010, FALSE, ACK2XX VIA ("z9hG4bK2") C1_B2 "CSeq: 1 ACK\n" },
  { 8000, FALSE, BYE VIA ("z9hG4bK3") C1_B2 "CSeq: 2 BYE\n" },
  { 8020, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK3") C1_B2 "CSeq: 2 BYE\n" },
  { 0 }
};

/* RFC 2543: no magic cookie, so the request's fields identify the transaction (§17.2.3). */
#define VIA_2543 "Via: SIP/2.0/UDP 192.0.2.1:5060\n"
static const Step rfc2543[] = {
  { 0,    FALSE, INVITE VIA_2543 C1 "CSeq: 1 INVITE\n" },
  { 500,  FALSE, INVITE VIA_2543 C1 "CSeq: 1 INVITE\n" },
  { 510,  TRUE,  "SIP/2.0 100 Trying\n" VIA_2543 C1 "CSeq: 1 INVITE\n" },
  { 1000, TRUE,  "SIP/2.0 480 Temporarily Unavailable\n" VIA_2543 C1_B "CSeq: 1 INVITE\n" },
  { 1001, FALSE, ACK VIA_2543 C1_B "CSeq: 1 ACK\n" },
  { 0 }
};

static const Step ringing_forever[] = {
  { 0,   FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 10,  TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 300, TRUE,  "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 0 }
};

static const Step abandoned[] = {
  { 0,    FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 500,  FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 1500, FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 0 }
};

/* Answered, and no BYE by the end of the capture. */
static const Step still_up[] = {
  { 0,    FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
  { 2000, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
  { 2010, FALSE, ACK2XX VIA ("z9hG4bK2") C1_B "CSeq: 1 ACK\n" },
  { 0 }
};

static const Scenario scenarios[] = {
  { "answered", answered, "INVITE", SC_CAPTURE_OUTCOME_ANSWERED, 200, "100 180 200 200", 0, TRUE, 60000, 0 },
  { "busy", busy, "INVITE", SC_CAPTURE_OUTCOME_FAILED, 486, "100 183 486", 0, TRUE, -1, 0 },
  { "unavailable", unavailable, "INVITE", SC_CAPTURE_OUTCOME_FAILED, 503, "100 503", 0, TRUE, -1, 0 },
  { "cancelled", cancelled, "INVITE", SC_CAPTURE_OUTCOME_CANCELLED, 487, "100 180 200 487", 0, TRUE, -1, 0 },
  { "challenged", challenged, "INVITE", SC_CAPTURE_OUTCOME_ANSWERED, 200, "100 407 100 180 200 200", 0, TRUE, 10010, 1 },
  { "registered", registered, "REGISTER", SC_CAPTURE_OUTCOME_ANSWERED, 200, "401 200", 0, TRUE, -1, 1 },
  { "register-loop", register_loop, "REGISTER", SC_CAPTURE_OUTCOME_AUTH_REJECTED, 401, "401 401", 0, FALSE, -1, 2 },
  { "ping", ping, "OPTIONS", SC_CAPTURE_OUTCOME_ANSWERED, 200, "200", 0, TRUE, -1, 0 },
  { "ping-unanswered", ping_unanswered, "OPTIONS", SC_CAPTURE_OUTCOME_UNANSWERED, 0, "", 3, FALSE, -1, 0 },
  { "retransmitted", retransmitted, "INVITE", SC_CAPTURE_OUTCOME_ANSWERED, 200, "100 180 200 200", 3, TRUE, 7000, 0 },
  { "busy-retransmitted", busy_retransmitted, "INVITE", SC_CAPTURE_OUTCOME_FAILED, 486, "100 486", 1, TRUE, -1, 0 },
  { "forked", forked, "INVITE", SC_CAPTURE_OUTCOME_ANSWERED, 200, "100 180 180 200 200", 1, TRUE, 4000, 0 },
  { "rfc2543", rfc2543, "INVITE", SC_CAPTURE_OUTCOME_FAILED, 480, "100 480", 1, TRUE, -1, 0 },
  { "ringing-forever", ringing_forever, "INVITE", SC_CAPTURE_OUTCOME_NO_FINAL, 0, "100 180", 0, FALSE, -1, 0 },
  { "abandoned", abandoned, "INVITE", SC_CAPTURE_OUTCOME_UNANSWERED, 0, "", 2, FALSE, -1, 0 },
  { "still-up", still_up, "INVITE", SC_CAPTURE_OUTCOME_ANSWERED, 200, "200", 0, FALSE, -1, 0 },
};

static void
test_scenario (gconstpointer data)
{
  const Scenario *sc = data;
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ScCaptureCalls) calls = calls_new (finished);
  g_autofree char *codes = NULL;
  ScCaptureCall *call;

  feed_steps (calls, sc->steps);
  g_assert_cmpuint (finished->len, ==, sc->before_finish ? 1 : 0);
  g_assert_cmpuint (sc_capture_calls_get_n_open (calls), ==, sc->before_finish ? 0 : 1);
  sc_capture_calls_finish (calls);
  g_assert_cmpuint (finished->len, ==, 1);
  call = g_ptr_array_index (finished, 0);
  codes = codes_string (call);
  g_assert_cmpstr (sc_capture_call_get_call_id (call), ==, "call-1@test");
  g_assert_cmpstr (sc_capture_call_get_method (call), ==, sc->method);
  g_assert_cmpstr (sc_capture_outcome_to_string (sc_capture_call_get_outcome (call)), ==,
                   sc_capture_outcome_to_string (sc->outcome));
  g_assert_cmpuint (sc_capture_call_get_final_code (call), ==, sc->final_code);
  g_assert_cmpstr (codes, ==, sc->codes);
  g_assert_cmpuint (sc_capture_call_get_retransmissions (call), ==, sc->retransmissions);
  g_assert_cmpuint (sc_capture_calls_get_stats (calls)->retransmissions, ==, sc->retransmissions);
  g_assert_cmpint (sc_capture_call_get_duration (call), ==, sc->duration_ms < 0 ? -1 : sc->duration_ms * 1000);
  g_assert_cmpuint (sc_capture_call_get_challenges (call), ==, sc->challenges);
  g_assert_cmpstr (sc_capture_call_get_from (call), ==, "alice@example.com");
  g_assert_cmpstr (sc_capture_call_get_src (call), ==, A);
  g_assert_null (sc_capture_call_get_messages (call));
  g_assert_cmpuint (sc_capture_calls_get_stats (calls)->outcomes[sc_capture_call_get_kind (call)][sc->outcome], ==, 1);
  g_assert_cmpuint (sc_capture_calls_get_stats (calls)->final_codes[sc_capture_call_get_kind (call)][sc->final_code], ==, 1);
}

/* One scenario fed alone; the call it gave. */
static ScCaptureCall *
run (const Step *steps,
     gboolean    keep_messages)
{
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ScCaptureCalls) calls = calls_new (finished);

  sc_capture_calls_set_keep_messages (calls, keep_messages);
  feed_steps (calls, steps);
  sc_capture_calls_finish (calls);
  g_assert_cmpuint (finished->len, ==, 1);
  return g_object_ref (g_ptr_array_index (finished, 0));
}

/* What explains a failure is kept after its message is gone. */
static void
test_failure_explained (void)
{
  g_autoptr(ScCaptureCall) call = run (unavailable, FALSE);
  const char * const *reasons = sc_capture_call_get_reasons (call);
  const char * const *warnings = sc_capture_call_get_warnings (call);
  g_autoptr(GBytes) start = g_bytes_new_static ("SIP/2.0 503", 11);
  GBytes *response = sc_capture_call_get_final_response (call);

  g_assert_cmpstr (sc_capture_call_get_reason_phrase (call), ==, "Service Unavailable");
  g_assert_cmpuint (g_strv_length ((GStrv) reasons), ==, 1);
  g_assert_cmpstr (reasons[0], ==, "Q.850;cause=34;text=\"No circuit available\"");
  g_assert_cmpuint (g_strv_length ((GStrv) warnings), ==, 1);
  g_assert_cmpstr (warnings[0], ==, "399 sbc.example.net \"Trunk group full\"");
  g_assert_cmpstr (sc_capture_call_get_retry_after (call), ==, "120");
  g_assert_nonnull (response);
  g_assert_true (memcmp (g_bytes_get_data (response, NULL), "SIP/2.0 503", 11) == 0);
  g_assert_cmpint (sc_capture_call_get_start_time (call), ==, 0);
  g_assert_cmpint (sc_capture_call_get_end_time (call), ==, 900 * 1000);
  g_assert_cmpint (sc_capture_call_get_answer_time (call), ==, -1);
  g_assert_cmpstr (sc_capture_call_get_to (call), ==, "bob@example.com");
}

/* Forked and answered twice (two 2xx with other To tags, RFC 3261 §13.2.2.4): the first
 * answer stands, the second is another response, not a retransmission. */
static void
test_answered_twice (void)
{
  static const Step steps[] = {
    { 0,    FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
    { 300,  TRUE,  "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
    { 310,  TRUE,  "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK1") C1_B2 "CSeq: 1 INVITE\n" },
    { 2000, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK1") C1_B2 "CSeq: 1 INVITE\n" },
    { 2100, TRUE,  "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
    { 0 }
  };
  g_autoptr(ScCaptureCall) call = run (steps, FALSE);
  g_autofree char *codes = codes_string (call);

  g_assert_cmpstr (codes, ==, "180 180 200 200");
  g_assert_cmpint (sc_capture_call_get_answer_time (call), ==, 2000 * 1000);
  g_assert_cmpuint (sc_capture_call_get_retransmissions (call), ==, 0);
}

static void
test_still_up (void)
{
  g_autoptr(ScCaptureCall) call = run (still_up, FALSE);

  g_assert_true (sc_capture_call_is_up (call));
  g_assert_cmpint (sc_capture_call_get_answer_time (call), ==, 2000 * 1000);
  g_assert_cmpint (sc_capture_call_get_end_time (call), ==, -1);
}

/* A challenge whose retry got nothing final: the 407 does not explain the call. */
static void
test_retry_unanswered (void)
{
  static const Step steps[] = {
    { 0,  FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n" },
    { 30, TRUE,  "SIP/2.0 407 Proxy Authentication Required\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n" },
    { 31, FALSE, ACK VIA ("z9hG4bK1") C1_B "CSeq: 1 ACK\n" },
    { 41, FALSE, INVITE VIA ("z9hG4bK4") C1 "CSeq: 2 INVITE\n" AUTHORIZATION },
    { 51, TRUE,  "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK4") C1 "CSeq: 2 INVITE\n" },
    { 0 }
  };
  g_autoptr(ScCaptureCall) call = run (steps, FALSE);

  g_assert_cmpint (sc_capture_call_get_outcome (call), ==, SC_CAPTURE_OUTCOME_NO_FINAL);
  g_assert_cmpuint (sc_capture_call_get_final_code (call), ==, 0);
  g_assert_null (sc_capture_call_get_reason_phrase (call));
  g_assert_null (sc_capture_call_get_final_response (call));
  g_assert_cmpuint (sc_capture_call_get_challenges (call), ==, 1);
}

/* Copies of the messages only when asked, with their ends and retransmissions marked. */
static void
test_keep_messages (void)
{
  g_autoptr(ScCaptureCall) call = run (retransmitted, TRUE);
  GPtrArray *messages = sc_capture_call_get_messages (call);
  ScCaptureCallMessage *second, *bye;
  guint n = 0;
  const guint64 *indexes = sc_capture_call_get_message_indexes (call, &n);

  g_assert_nonnull (messages);
  g_assert_cmpuint (messages->len, ==, 10);
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpuint (indexes[9], ==, 9);
  second = g_ptr_array_index (messages, 1);
  g_assert_true (second->retransmission);
  g_assert_cmpint (second->time_us, ==, 500 * 1000);
  g_assert_cmpstr (second->src, ==, A);
  g_assert_cmpstr (second->dst, ==, B);
  g_assert_cmpstr (second->transport, ==, "UDP");
  bye = g_ptr_array_index (messages, 8);
  g_assert_false (bye->retransmission);
  g_assert_cmpstr (bye->src, ==, B);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bye->bytes, NULL), "BYE "));
  g_assert_cmpuint (g_bytes_get_size (bye->bytes), >, 100);
}

#define C2   PARTIES ("call-2@test", "")
#define C2_B PARTIES ("call-2@test", ";tag=b1")

/* Two calls whose messages alternate, plus a message that did not parse: each call keeps its
 * own codes, and the counts add up. */
static void
test_interleaved (void)
{
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ScCaptureCalls) calls = calls_new (finished);
  const ScCaptureStats *stats = sc_capture_calls_get_stats (calls);
  g_autofree char *codes_1 = NULL;
  g_autofree char *codes_2 = NULL;

  feed (calls, 0, FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n");
  feed (calls, 5, FALSE, INVITE VIA ("z9hG4bKx1") C2 "CSeq: 1 INVITE\n");
  feed (calls, 10, TRUE, "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bK1") C1 "CSeq: 1 INVITE\n");
  sc_capture_calls_add (calls, 12 * 1000, A, B, "UDP", NULL);
  feed (calls, 15, TRUE, "SIP/2.0 100 Trying\n" VIA_R ("z9hG4bKx1") C2 "CSeq: 1 INVITE\n");
  feed (calls, 20, TRUE, "SIP/2.0 404 Not Found\n" VIA_R ("z9hG4bKx1") C2_B "CSeq: 1 INVITE\n");
  feed (calls, 25, TRUE, "SIP/2.0 180 Ringing\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n");
  feed (calls, 30, FALSE, ACK VIA ("z9hG4bKx1") C2_B "CSeq: 1 ACK\n");
  g_assert_cmpuint (finished->len, ==, 1);
  g_assert_cmpstr (sc_capture_call_get_call_id (g_ptr_array_index (finished, 0)), ==, "call-2@test");
  feed (calls, 40, TRUE, "SIP/2.0 603 Decline\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n");
  feed (calls, 41, FALSE, ACK VIA ("z9hG4bK1") C1_B "CSeq: 1 ACK\n");
  sc_capture_calls_finish (calls);
  g_assert_cmpuint (finished->len, ==, 2);
  codes_2 = codes_string (g_ptr_array_index (finished, 0));
  codes_1 = codes_string (g_ptr_array_index (finished, 1));
  g_assert_cmpstr (codes_2, ==, "100 404");
  g_assert_cmpstr (codes_1, ==, "100 180 603");
  g_assert_cmpuint (stats->messages, ==, 10);
  g_assert_cmpuint (stats->ungrouped, ==, 1);
  g_assert_cmpuint (stats->requests, ==, 4);
  g_assert_cmpuint (stats->responses, ==, 5);
  g_assert_cmpuint (stats->calls, ==, 2);
  g_assert_cmpuint (stats->max_open, ==, 2);
  g_assert_cmpuint (stats->outcomes[SC_CAPTURE_KIND_CALL][SC_CAPTURE_OUTCOME_FAILED], ==, 2);
  g_assert_cmpuint (stats->final_codes[SC_CAPTURE_KIND_CALL][404], ==, 1);
  g_assert_cmpuint (stats->final_codes[SC_CAPTURE_KIND_CALL][603], ==, 1);
}

/* Calls are handed out after a quiet period of capture time, without waiting for the end:
 * Timer B's 32 s for an INVITE with no response, Timer C's 3 min once it rang; an answered
 * call stays open however quiet. */
static void
test_quiet (void)
{
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ScCaptureCalls) calls = calls_new (finished);

  feed_steps (calls, ringing_forever);                                              /* call-1 rings */
  feed (calls, 1000, FALSE, OPTIONS VIA ("z9hG4bKo") C2 "CSeq: 1 OPTIONS\n");          /* call-2 */
  feed (calls, 2000, FALSE, INVITE VIA ("z9hG4bK9") PARTIES ("call-3@test", "") "CSeq: 1 INVITE\n");
  feed (calls, 3000, TRUE, "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK9") PARTIES ("call-3@test", ";tag=b3") "CSeq: 1 INVITE\n");
  g_assert_cmpuint (sc_capture_calls_get_n_open (calls), ==, 3);
  feed (calls, 40000, FALSE, OPTIONS VIA ("z9hG4bKp") PARTIES ("call-4@test", "") "CSeq: 1 OPTIONS\n");
  g_assert_cmpuint (finished->len, ==, 1);
  g_assert_cmpstr (sc_capture_call_get_call_id (g_ptr_array_index (finished, 0)), ==, "call-2@test");
  g_assert_cmpint (sc_capture_call_get_outcome (g_ptr_array_index (finished, 0)), ==, SC_CAPTURE_OUTCOME_UNANSWERED);
  feed (calls, 200000, FALSE, OPTIONS VIA ("z9hG4bKq") PARTIES ("call-5@test", "") "CSeq: 1 OPTIONS\n");
  g_assert_cmpuint (finished->len, ==, 3);
  /* In the order their waits ran out: call-4's at 72 s, call-1's at 180.3 s. */
  g_assert_cmpstr (sc_capture_call_get_call_id (g_ptr_array_index (finished, 1)), ==, "call-4@test");
  g_assert_cmpstr (sc_capture_call_get_call_id (g_ptr_array_index (finished, 2)), ==, "call-1@test");
  g_assert_cmpint (sc_capture_call_get_outcome (g_ptr_array_index (finished, 2)), ==, SC_CAPTURE_OUTCOME_NO_FINAL);
  /* call-3 (answered, no BYE) and call-5 are still open. */
  g_assert_cmpuint (sc_capture_calls_get_n_open (calls), ==, 2);
}

/* A final response sent again after the call was handed out is late, not a new call; a
 * registration refreshed on the same Call-ID (higher CSeq) is a new one. */
static void
test_late (void)
{
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ScCaptureCalls) calls = calls_new (finished);

  feed_steps (calls, busy);
  feed (calls, 1700, TRUE, "SIP/2.0 486 Busy Here\n" VIA_R ("z9hG4bK1") C1_B "CSeq: 1 INVITE\n");
  feed (calls, 1701, FALSE, ACK VIA ("z9hG4bK1") C1_B "CSeq: 1 ACK\n");
  feed (calls, 1800, FALSE, INVITE VIA ("z9hG4bK1") C1 "CSeq: 1 INVITE\n");
  /* A response is late whatever its CSeq: it cannot start anything. */
  feed (calls, 1900, TRUE, "SIP/2.0 200 OK\n" VIA_R ("z9hG4bK8") C1_B "CSeq: 7 INFO\n");
  g_assert_cmpuint (sc_capture_calls_get_n_open (calls), ==, 0);
  g_assert_cmpuint (sc_capture_calls_get_stats (calls)->late, ==, 4);
  feed (calls, 2000, FALSE, REGISTER VIA ("z9hG4bKr1") C2 "CSeq: 1 REGISTER\n");
  feed (calls, 2010, TRUE, "SIP/2.0 200 OK\n" VIA_R ("z9hG4bKr1") C2_B "CSeq: 1 REGISTER\n");
  feed (calls, 3000, FALSE, REGISTER VIA ("z9hG4bKr2") C2 "CSeq: 2 REGISTER\n");
  feed (calls, 3010, TRUE, "SIP/2.0 200 OK\n" VIA_R ("z9hG4bKr2") C2_B "CSeq: 2 REGISTER\n");
  sc_capture_calls_finish (calls);
  g_assert_cmpuint (finished->len, ==, 3);
  g_assert_cmpuint (sc_capture_calls_get_stats (calls)->outcomes[SC_CAPTURE_KIND_REGISTRATION][SC_CAPTURE_OUTCOME_ANSWERED], ==, 2);
}

/* A capture of many short calls never holds the finished ones: what is open at any time stays
 * small however many calls pass. Each call's messages follow one another a step apart while
 * the next calls start, so several overlap; one in a hundred is a ping nobody answers, open
 * for its quiet period. */
#define N_CALLS 200000
#define STEP_MS 10

static char *
synthetic_message (guint n,
                   guint k)
{
  static const char * const short_call[] = {
    "INVITE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKs%u\n%sCSeq: 1 INVITE\n",
    "SIP/2.0 100 Trying\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKs%u\n%sCSeq: 1 INVITE\n",
    "SIP/2.0 486 Busy Here\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKs%u\n%sCSeq: 1 INVITE\n",
    "ACK sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKs%u\n%sCSeq: 1 ACK\n",
  };
  g_autofree char *parties = g_strdup_printf ("From: <sip:a@example.com>;tag=a\nTo: <sip:b@example.com>%s\n"
                                              "Call-ID: m%u@test\n", k >= 2 ? ";tag=b" : "", n);

  if (n % 100 == 0)
    return k == 0 ? g_strdup_printf ("OPTIONS sip:example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKs%u\n"
                                     "%sCSeq: 1 OPTIONS\n", n, parties)
                  : NULL;
  return g_strdup_printf (short_call[k], n, parties);
}

static void
test_memory (void)
{
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ScCaptureCalls) calls = calls_new (finished);
  const ScCaptureStats *stats = sc_capture_calls_get_stats (calls);
  guint max_open = 0;

  for (guint step = 0; step < N_CALLS + 4; step++)
    {
      for (guint k = 0; k < 4; k++)
        {
          g_autofree char *text = step >= k && step - k < N_CALLS ? synthetic_message (step - k, k) : NULL;

          if (text != NULL)
            feed (calls, (gint64) step * STEP_MS, k % 2 == 1, text);
        }
      max_open = MAX (max_open, sc_capture_calls_get_n_open (calls));
      /* Hand-outs are not kept here either. */
      g_ptr_array_set_size (finished, 0);
    }
  sc_capture_calls_finish (calls);
  g_assert_cmpuint (max_open, <, 100);
  g_assert_cmpuint (stats->max_open, <, 100);
  g_assert_cmpuint (stats->calls, ==, N_CALLS);
  g_assert_cmpuint (stats->outcomes[SC_CAPTURE_KIND_CALL][SC_CAPTURE_OUTCOME_FAILED], ==, N_CALLS - N_CALLS / 100);
  g_assert_cmpuint (stats->outcomes[SC_CAPTURE_KIND_PING][SC_CAPTURE_OUTCOME_UNANSWERED], ==, N_CALLS / 100);
  g_assert_cmpuint (stats->retransmissions, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sc/capture/calls/scenario/%s", scenarios[i].name);

      g_test_add_data_func (path, &scenarios[i], test_scenario);
    }
  g_test_add_func ("/sc/capture/calls/failure-explained", test_failure_explained);
  g_test_add_func ("/sc/capture/calls/answered-twice", test_answered_twice);
  g_test_add_func ("/sc/capture/calls/still-up", test_still_up);
  g_test_add_func ("/sc/capture/calls/retry-unanswered", test_retry_unanswered);
  g_test_add_func ("/sc/capture/calls/keep-messages", test_keep_messages);
  g_test_add_func ("/sc/capture/calls/interleaved", test_interleaved);
  g_test_add_func ("/sc/capture/calls/quiet", test_quiet);
  g_test_add_func ("/sc/capture/calls/late", test_late);
  g_test_add_func ("/sc/capture/calls/memory", test_memory);
  return g_test_run ();
}
