/* sip-codes capture on a capture the test writes: the summary with each failure explained,
 * a line or a JSON object per call, filters by code and number, Japanese, hostile bytes made
 * printable, and every kind of bad input with its exit status. */
#include <pcap/pcap.h>
#include <string.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "sc-test-capture.h"
#include "sc-test-cli.h"
#include "sc-test-probe.h"

static JsonObject *
call_with_id (GPtrArray  *objects,
              const char *call_id)
{
  for (guint i = 0; i < objects->len; i++)
    if (g_strcmp0 (json_object_get_string_member (objects->pdata[i], "call_id"), call_id) == 0)
      return objects->pdata[i];
  g_error ("no call %s in the output", call_id);
  return NULL;
}

/* One JSON object per line. */
static GPtrArray *
parse_lines (const char  *out,
             GPtrArray  **parsers)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *objects = g_ptr_array_new ();

  *parsers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      JsonParser *parser;
      g_autoptr(GError) error = NULL;

      if (*lines[i] == '\0')
        continue;
      parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      g_assert_no_error (error);
      g_ptr_array_add (*parsers, parser);
      g_ptr_array_add (objects, json_node_get_object (json_parser_get_root (parser)));
    }
  return objects;
}

static void
test_summary (void)
{
  g_autofree char *path = sc_test_capture_write_calls ();
  g_auto(ScTestCliRun) run = { 0 };

  sc_test_cli_run (&run, NULL, "capture", path, "--lang", "en", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "SIP messages (1 did not parse)"));
  g_assert_nonnull (strstr (run.out, "Calls: 3"));
  g_assert_nonnull (strstr (run.out, "Registrations: 1"));
  g_assert_nonnull (strstr (run.out, "OPTIONS pings: 1"));
  g_assert_nonnull (strstr (run.out, "unanswered"));
  /* Each failure explained: the code, its Reason cause, its Warning, what to do. */
  g_assert_nonnull (strstr (run.out, "Calls: 486 Busy Here — 1"));
  g_assert_nonnull (strstr (run.out, "1 × Q.850;cause=17"));
  g_assert_nonnull (strstr (run.out, "Reason: Q.850 cause 17"));
  g_assert_nonnull (strstr (run.out, "Calls: 503 Service Unavailable — 1"));
  g_assert_nonnull (strstr (run.out, "→ sip-codes lookup 503"));
  g_assert_nonnull (strstr (run.out, "What to do:"));
  /* The capture's escape sequence never reaches the terminal. */
  g_assert_null (strchr (run.out, '\x1b'));
  g_assert_nonnull (strstr (run.out, "frame 20: missing Call-ID"));

  sc_test_cli_run (&run, "ja", "capture", path, "--lang", "ja", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "対処："));
  g_assert_nonnull (strstr (run.out, "通話"));
}

static void
test_calls_json (void)
{
  g_autofree char *path = sc_test_capture_write_calls ();
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(GPtrArray) parsers = NULL, objects = NULL;
  JsonObject *call;

  sc_test_cli_run (&run, NULL, "capture", path, "--calls", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  objects = parse_lines (run.out, &parsers);
  g_assert_cmpuint (objects->len, ==, 5);
  call = call_with_id (objects, "a@uac");
  g_assert_cmpstr (json_object_get_string_member (call, "outcome"), ==, "answered");
  g_assert_cmpint (json_object_get_int_member (call, "final"), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (call, "codes")), ==, 3);   /* 100 200 200 */
  call = call_with_id (objects, "b@uac");
  g_assert_cmpstr (json_object_get_string_member (call, "outcome"), ==, "failed");
  g_assert_cmpint (json_object_get_int_member (call, "final"), ==, 486);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (call, "findings")), >, 1);
  call = call_with_id (objects, "r@uac");
  g_assert_cmpstr (json_object_get_string_member (call, "kind"), ==, "registration");
  g_assert_cmpint (json_object_get_int_member (call, "challenges"), ==, 1);
  call = call_with_id (objects, "p@uac");
  g_assert_cmpstr (json_object_get_string_member (call, "outcome"), ==, "unanswered");
  g_assert_true (json_object_get_null_member (call, "final"));
}

static void
test_filters (void)
{
  g_autofree char *path = sc_test_capture_write_calls ();
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(GPtrArray) parsers = NULL, objects = NULL;

  sc_test_cli_run (&run, NULL, "capture", path, "--failures", "--code", "486", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "486 Busy Here"));
  g_assert_null (strstr (run.out, "503"));
  g_assert_nonnull (strstr (run.out, "Reason: Q.850 cause 17"));

  sc_test_cli_run (&run, NULL, "capture", path, "--calls", "--json", "--number", "+81 3-9999-9999", NULL);
  objects = parse_lines (run.out, &parsers);
  g_assert_cmpuint (objects->len, ==, 1);
  call_with_id (objects, "c@uac");

  sc_test_cli_run (&run, NULL, "capture", path, "--calls", "--code", "600", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "no call matches"));

  sc_test_cli_run (&run, NULL, "capture", path, "--stats", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *calls;

    g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
    calls = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "calls");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (calls, "call"), "total"), ==, 3);
  }
}

/* Bad input: each says what was wrong, with the exit status of the other subcommands. */
static void
test_bad_input (void)
{
  g_autofree char *path = sc_test_capture_write_calls ();
  g_autofree char *garbage = g_build_filename (sc_test_capture_dir (), "garbage.pcap", NULL);
  g_autofree char *empty = g_build_filename (sc_test_capture_dir (), "empty.pcap", NULL);
  g_autofree char *nosip = NULL;
  g_auto(ScTestCliRun) run = { 0 };
  g_autoptr(ScTestCapture) dns = sc_test_capture_new (DLT_EN10MB);
  const char dns_query[] = "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x07" "example\x02jp\x00\x00\x01\x00\x01";

  sc_test_capture_add (dns, SC_TEST_T0, sc_test_ethernet (sc_test_ipv4 ("192.0.2.10", "192.0.2.20", 17, 1, 0, sc_test_udp (53000, 53, dns_query, sizeof dns_query - 1)), 0), 0, 0);
  nosip = sc_test_capture_write_pcap (dns, "dns.pcap");
  g_assert_true (g_file_set_contents (garbage, "this is not a capture at all\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  sc_test_cli_run (&run, NULL, "capture", nosip, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no SIP message"));
  sc_test_cli_run (&run, NULL, "capture", garbage, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "garbage.pcap"));
  sc_test_cli_run (&run, NULL, "capture", empty, NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "capture", "/nonexistent/x.pcap", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "capture", path, "--calls", "--failures", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "capture", path, "--code", "abc", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "capture", path, "--number", "alice", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sc_test_cli_run (&run, NULL, "capture", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* probe --pcap: the exchange with SIPp written as packets (UDP, then TCP), which capture reads
 * back as the answered call it was; an existing file is never overwritten. */
static void
probe_to_capture (const char *transport)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp_on ("uas-invite-200.xml", "127.0.0.1", port, g_str_equal (transport, "tcp") ? "t1" : "u1");
  g_autofree char *target = g_strdup_printf ("sip:bob@127.0.0.1:%u;transport=%s", port, transport);
  g_autofree char *name = g_strdup_printf ("probe-%s.pcap", transport);
  g_autofree char *path = g_build_filename (sc_test_capture_dir (), name, NULL);
  g_auto(ScTestCliRun) run = { .status = 3 };
  g_autoptr(GPtrArray) parsers = NULL, objects = NULL;
  JsonObject *call;

  for (int attempt = 0; attempt < 50 && run.status == 3; attempt++)
    {
      g_remove (path);
      sc_test_cli_run (&run, NULL, "probe", target, "--method", "INVITE", "--pcap", path, NULL);
      if (run.status == 3)
        g_usleep (100 * 1000);
    }
  g_assert_cmpint (run.status, ==, 0);
  sc_test_assert_sipp_succeeded (sipp);
  sc_test_cli_run (&run, NULL, "capture", path, "--calls", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  objects = parse_lines (run.out, &parsers);
  g_assert_cmpuint (objects->len, ==, 1);
  call = objects->pdata[0];
  g_assert_cmpstr (json_object_get_string_member (call, "outcome"), ==, "answered");
  g_assert_cmpint (json_object_get_int_member (call, "final"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (call, "transport"), ==, transport);
  g_assert_false (json_object_get_boolean_member (call, "still_up"));   /* the BYE was answered */

  sc_test_cli_run (&run, NULL, "probe", target, "--pcap", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "exists"));
}

static void
test_probe_pcap (void)
{
  probe_to_capture ("udp");
  probe_to_capture ("tcp");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/cli/capture/summary", test_summary);
  g_test_add_func ("/sc/cli/capture/calls-json", test_calls_json);
  g_test_add_func ("/sc/cli/capture/filters", test_filters);
  g_test_add_func ("/sc/cli/capture/bad-input", test_bad_input);
  g_test_add_func ("/sc/cli/capture/probe-pcap", test_probe_pcap);
  status = g_test_run ();
  sc_test_capture_cleanup ();
  return status;
}
