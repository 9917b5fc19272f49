/* `sip-codes probe` on top of the probe library, against SIPp on 127.0.0.1: exit statuses,
 * --expect, the JSON shape, and Ctrl+C (SIGINT) during a probe. */
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sc-test-cli.h"
#include "sc-test-probe.h"

static void
test_cli (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-options-200.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", port);
  g_auto(ScTestCliRun) run = { .status = 3 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  /* Until SIPp has bound its port the probe says "unreachable" (exit 3). */
  for (int attempt = 0; attempt < 50 && run.status == 3; attempt++)
    {
      sc_test_cli_run (&run, NULL, "probe", target, "--expect", "4xx", "--lang", "en", NULL);
      if (run.status == 3)
        g_usleep (100 * 1000);
    }
  g_assert_cmpint (run.status, ==, 4);      /* a final 200 arrived, but 4xx was expected */
  g_assert_nonnull (strstr (run.out, "200 OK"));
  g_assert_nonnull (strstr (run.out, "Server: SIPp test UAS"));
  g_assert_nonnull (strstr (run.out, "Supported: replaces, timer"));
  sc_test_stop_sipp (sipp);

  port = sc_test_free_udp_port ("127.0.0.1");
  sipp = sc_test_start_sipp ("uas-options-200.xml", "127.0.0.1", port);
  g_free (target);
  target = g_strdup_printf ("sip:127.0.0.1:%u", port);
  run.status = 3;
  for (int attempt = 0; attempt < 50 && run.status == 3; attempt++)
    {
      sc_test_cli_run (&run, NULL, "probe", target, "--json", "--expect", "2xx", NULL);
      if (run.status == 3)
        g_usleep (100 * 1000);
    }
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "final"), "code"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (o, "transport"), ==, "udp");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "responses")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "allow")), ==, 5);
  g_assert_true (json_object_get_null_member (o, "error"));
  {
    /* Each response carries what sip-codes explain says of it: here, Allow and Supported. */
    JsonObject *response = json_array_get_object_element (json_object_get_array_member (o, "responses"), 0);
    JsonArray *findings = json_object_get_array_member (response, "findings");
    gboolean allow = FALSE;

    for (guint i = 0; findings != NULL && i < json_array_get_length (findings); i++)
      allow |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (findings, i), "link"), "header:allow") == 0;
    g_assert_true (allow);
  }
  sc_test_stop_sipp (sipp);

  g_free (target);
  target = g_strdup_printf ("127.0.0.1:%u", sc_test_free_udp_port ("127.0.0.1"));
  sc_test_cli_run (&run, NULL, "probe", target, "--json", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "\"unreachable\""));
  sc_test_cli_run (&run, NULL, "probe", target, "--transport", "sctp", NULL);
  g_assert_cmpint (run.status, ==, 2);
}


/* Starts a JSON probe, interrupts it after @delay_ms as Ctrl+C would, and parses what it
 * printed. A probe that ended before the signal (SIPp not bound yet: exit 3) is retried. */
static int
interrupt_cli (const char  *target,
               const char  *method,
               guint        delay_ms,
               JsonObject **json)
{
  for (int attempt = 0; attempt < 20; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                                      &error, g_getenv ("SIP_CODES_BIN"), "probe", target,
                                                      "--method", method, "--json", NULL);
      g_autofree char *out = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_no_error (error);
      g_usleep (delay_ms * 1000);
      g_subprocess_send_signal (proc, SIGINT);
      g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (proc));   /* it handles SIGINT, not dies of it */
      if (g_subprocess_get_exit_status (proc) == 3)
        continue;
      g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
      *json = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
      return g_subprocess_get_exit_status (proc);
    }
  g_error ("the probe never reached the server");
}

/* Ctrl+C while nobody answers: the probe stops at once with exit 130 and says so. */
static void
test_interrupt_silent (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-silent.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", port);
  g_autoptr(JsonObject) json = NULL;

  g_assert_cmpint (interrupt_cli (target, "OPTIONS", 700, &json), ==, 130);
  g_assert_true (json_object_get_null_member (json, "final"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json, "error"), "kind"), ==,
                   "cancelled");
  sc_test_stop_sipp (sipp);
}

/* Ctrl+C while it rings: CANCEL goes out, the 487 comes back and is the final response; SIPp
 * exiting 0 proves CANCEL and the ACK of the 487 arrived. */
static void
test_interrupt_ringing (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-invite-ring.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("sip:uas@127.0.0.1:%u", port);
  g_autoptr(JsonObject) json = NULL;
  JsonArray *responses;

  g_assert_cmpint (interrupt_cli (target, "INVITE", 1000, &json), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json, "final"), "code"), ==, 487);
  responses = json_object_get_array_member (json, "responses");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (responses, 0), "code"), ==, 180);
  g_assert_true (json_object_get_null_member (json, "error"));
  sc_test_assert_sipp_succeeded (sipp);
}

/* --timeout is a number of seconds, more than nothing and at most an hour: "nan", "1e-9" and
 * "0.0009" once meant 32 s. --expires belongs to REGISTER. A CA file that is not PEM is bad
 * usage (exit 2), not a network error. */
static void
test_bad_options (void)
{
  const char *bad[] = { "nan", "inf", "1e-9", "0.0009", "0", "-1", "3601", "abc", "", "1s" };
  g_autofree char *junk = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "meson.build", NULL);
  g_auto(ScTestCliRun) run = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      sc_test_cli_run (&run, NULL, "probe", "127.0.0.1:9", "--timeout", bad[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "--timeout"));
    }
  sc_test_cli_run (&run, NULL, "probe", "127.0.0.1:9", "--expires", "60", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "probe", "sips:127.0.0.1:9", "--ca-file", junk, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "PEM"));
  sc_test_cli_run (&run, NULL, "probe", "127.0.0.1:9", "--method", "REGISTER", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "address of record"));

  /* Endless files end at their limit with the reason (they once grew to 4–6 GB). */
  sc_test_cli_run (&run, NULL, "probe", "127.0.0.1:9", "--user", "a", "--password-file", "/dev/zero", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "larger than"));
  sc_test_cli_run (&run, NULL, "probe", "127.0.0.1:9", "--body-file", "/dev/zero", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "larger than"));
  sc_test_cli_run (&run, NULL, "parse", "/dev/zero", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "larger than"));
}

/* INVITE → 180 → nothing, until the time limit: the 180 and the CANCEL are shown, and the
 * probe says the phone may ring on, a few seconds after the limit, not a minute. */
static void
test_time_limit_while_ringing (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-invite-ring-deaf.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("sip:uas@127.0.0.1:%u", port);
  g_auto(ScTestCliRun) run = { .status = 3 };
  gint64 start = 0;

  for (int attempt = 0; attempt < 50 && run.status == 3 && strstr (run.out ? run.out : "", "180") == NULL; attempt++)
    {
      start = g_get_monotonic_time ();
      sc_test_cli_run (&run, NULL, "probe", target, "--method", "INVITE", "--timeout", "1", NULL);
      if (strstr (run.out, "180") == NULL)
        g_usleep (100 * 1000);
    }
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.out, "180 Ringing  (INVITE)"));
  g_assert_nonnull (strstr (run.out, "→ CANCEL sip:uas@"));
  g_assert_nonnull (strstr (run.err, "may ring on"));
  g_assert_nonnull (strstr (run.err, "within 1 second"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
  sc_test_assert_sipp_succeeded (sipp);   /* it received the CANCEL */
}

/* Ctrl+C while it rings, and the server ignores the CANCEL: the probe still ends within a few
 * seconds, with what it saw. */
static void
test_interrupt_ringing_deaf (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp ("uas-invite-ring-deaf.xml", "127.0.0.1", port);
  g_autofree char *target = g_strdup_printf ("sip:uas@127.0.0.1:%u", port);
  g_autoptr(JsonObject) json = NULL;
  gint64 start = g_get_monotonic_time ();
  JsonArray *messages;
  JsonObject *call;

  g_assert_cmpint (interrupt_cli (target, "INVITE", 700, &json), ==, 130);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
  messages = json_object_get_array_member (json, "messages");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (messages, 1), "code"), ==, 180);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1), "method"), ==, "INVITE");
  call = json_object_get_object_member (json, "call");
  g_assert_cmpstr (json_object_get_string_member (call, "state"), ==, "cancel-unanswered");
  sc_test_stop_sipp (sipp);
}

/* A server that answers with escape sequences and bytes that are not UTF-8 in its reason
 * phrase and Server header. */
static gpointer
hostile_peer (gpointer data)
{
  GSocket *socket = data;
  char buffer[65536];
  gssize n;
  g_autoptr(GSocketAddress) from = NULL;
  g_autoptr(GString) reply = g_string_new ("SIP/2.0 200 O\x1b[2J\x1b]0;pwned\x07K\xff\r\n");
  g_auto(GStrv) lines = NULL;

  n = g_socket_receive_from (socket, &from, buffer, sizeof buffer - 1, NULL, NULL);
  g_assert_cmpint (n, >, 0);
  buffer[n] = '\0';
  lines = g_strsplit (buffer, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Via:") || g_str_has_prefix (lines[i], "From:") ||
        g_str_has_prefix (lines[i], "To:") || g_str_has_prefix (lines[i], "Call-ID:") || g_str_has_prefix (lines[i], "CSeq:"))
      g_string_append_printf (reply, "%s\r\n", lines[i]);
  g_string_append (reply, "Server: evil\x1b]2;title\x07\xc2\x9b" "31m\r\nUser-Agent: evil-ua\r\nContent-Length: 0\r\n\r\n");
  g_socket_send_to (socket, from, reply->str, reply->len, NULL, NULL);
  return NULL;
}

/* Nothing the server sends reaches the terminal as a control sequence, and --json stays JSON. */
static void
test_hostile_server (void)
{
  for (int json = 0; json < 2; json++)
    {
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
      g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
      g_autoptr(GSocketAddress) bound = NULL;
      g_autoptr(GThread) thread = NULL;
      g_autofree char *target = NULL;
      g_auto(ScTestCliRun) run = { 0 };

      g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
      bound = g_socket_get_local_address (socket, NULL);
      target = g_strdup_printf ("127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
      thread = g_thread_new ("hostile", hostile_peer, socket);
      sc_test_cli_run (&run, NULL, "probe", target, json ? "--json" : "--verbose", NULL);   /* output is UTF-8 */
      g_thread_join (g_steal_pointer (&thread));
      g_assert_cmpint (run.status, ==, 0);
      g_assert_null (strchr (run.out, '\x1b'));
      g_assert_null (strchr (run.out, '\x07'));
      g_assert_null (strstr (run.out, "\xc2\x9b"));
      if (json)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
        }
      else
        {
          g_assert_nonnull (strstr (run.out, "O\\x1B[2J"));
          g_assert_nonnull (strstr (run.out, "\nServer: evil\\x1B]2;title"));
          g_assert_nonnull (strstr (run.out, "\nUser-Agent: evil-ua\n"));   /* under its own name */
        }
    }
}

/* A peer that floods the probe with 100,000 datagrams (junk, and responses for another
 * transaction) before answering: the answer is still found, the flood counted and not kept,
 * and the program's memory stays small (it once kept every datagram: 1.19 GB). */
static void
test_flood (void)
{
  ScTestFlood *flood = sc_test_flood_start (100000, 200);
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%u", sc_test_flood_port (flood));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(ScTestCliRun) run = { 0 };
  struct rusage usage;
  JsonObject *o;

  sc_test_cli_run (&run, NULL, "probe", target, "--json", "--timeout", "20", NULL);
  sc_test_flood_finish (flood);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "final"), "code"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "not_kept"), "messages"), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "messages")), <=, 200 + 20);
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_assert_cmpint (usage.ru_maxrss, <, 200 * 1024);   /* kB: far below what keeping everything took */
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/cli/probe/exit-and-json", test_cli);
  g_test_add_func ("/sc/cli/probe/interrupt-silent", test_interrupt_silent);
  g_test_add_func ("/sc/cli/probe/interrupt-ringing", test_interrupt_ringing);
  g_test_add_func ("/sc/cli/probe/bad-options", test_bad_options);
  g_test_add_func ("/sc/cli/probe/time-limit-while-ringing", test_time_limit_while_ringing);
  g_test_add_func ("/sc/cli/probe/interrupt-ringing-deaf", test_interrupt_ringing_deaf);
  g_test_add_func ("/sc/cli/probe/hostile-server", test_hostile_server);
  g_test_add_func ("/sc/cli/probe/flood", test_flood);
  return g_test_run ();
}
