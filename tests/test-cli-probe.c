/* `sip-codes probe` on top of the probe library, against SIPp on 127.0.0.1: exit statuses,
 * --expect, the JSON shape, and Ctrl+C (SIGINT) during a probe. */
#include <locale.h>
#include <signal.h>
#include <string.h>

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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/cli/probe/exit-and-json", test_cli);
  g_test_add_func ("/sc/cli/probe/interrupt-silent", test_interrupt_silent);
  g_test_add_func ("/sc/cli/probe/interrupt-ringing", test_interrupt_ringing);
  return g_test_run ();
}
