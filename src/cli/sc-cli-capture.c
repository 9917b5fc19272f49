/* sip-codes capture FILE: every call, registration and ping in a pcap or pcapng file, how each
 * ended, and why the failures failed. The file is read as a stream: calls are printed as they
 * end, so memory follows the calls still open, not the size of the file. */
#define G_LOG_DOMAIN "sc-cli-capture"

#include "config.h"

#include "sc-cli-private.h"

#include <stdio.h>
#include <string.h>

#include "sc-capture-address.h"
#include "sc-capture-calls.h"
#include "sc-capture-reader.h"
#include "sc-cli-capture-report.h"
#include "sc-cli-json.h"

/* Malformed messages listed with their frame; the rest are counted. */
#define MAX_MALFORMED_SHOWN 5

typedef enum { MODE_SUMMARY, MODE_CALLS, MODE_FAILURES, MODE_STATS } Mode;

typedef struct {
  Mode           mode;
  gboolean       json;
  ScKbLang       lang;
  ScKbDatabase  *db;
  guint          code;        /* 0: any */
  char          *digits;      /* --number, its digits only; NULL: any */
  ScCliFailures *failures;
  guint64        shown;
  GString       *malformed;
  guint          n_malformed;
} Run;

static gboolean
wanted (Run           *run,
        ScCaptureCall *call)
{
  if (run->code != 0 && sc_capture_call_get_final_code (call) != run->code)
    return FALSE;
  if (run->digits != NULL && !sc_capture_call_has_number (call, run->digits))
    return FALSE;
  return run->mode != MODE_FAILURES || sc_capture_outcome_is_failure (sc_capture_call_get_outcome (call));
}

static void
print_line (const char *text,
            gsize       len)
{
  /* The capture's bytes are the network's: printable, whatever they held. */
  g_autofree char *shown = sc_sip_printable_lines (text, len);

  fputs (shown, stdout);
}

static void
on_call_finished (ScCaptureCalls *calls,
                  ScCaptureCall  *call,
                  Run            *run)
{
  g_autoptr(GString) out = NULL;

  if (!wanted (run, call))
    return;
  if (run->mode == MODE_SUMMARY)
    {
      if (sc_capture_outcome_is_failure (sc_capture_call_get_outcome (call)))
        sc_cli_failures_add (run->failures, call);
      return;
    }
  if (run->mode == MODE_STATS)
    return;
  run->shown++;
  if (run->json)
    {
      g_autoptr(JsonNode) node = sc_cli_capture_call_json (call, run->db, run->lang);
      g_autofree char *text = json_to_string (node, FALSE);

      puts (text);
      return;
    }
  out = g_string_new (NULL);
  if (run->mode == MODE_FAILURES)
    {
      sc_cli_capture_print_failure (out, call, run->db, run->lang);
      g_string_append_c (out, '\n');
    }
  else
    sc_cli_capture_print_call (out, call, run->db);
  print_line (out->str, out->len);
}

static void
note_malformed (Run              *run,
                ScCaptureMessage *message)
{
  if (run->n_malformed++ < MAX_MALFORMED_SHOWN)
    {
      g_autofree char *where = g_strdup_printf (_("frame %llu"), (unsigned long long) message->frame);
      g_string_append_printf (run->malformed, "  %s: %s\n", where, message->error->message);
    }
}

/* Every message of the file into the calls; a message that does not parse is kept aside. */
static gboolean
read_capture (ScCaptureReader *reader,
              ScCaptureCalls  *calls,
              Run             *run,
              GError         **error)
{
  ScCaptureMessage *message;

  while ((message = sc_capture_reader_next (reader, error)) != NULL)
    {
      if (message->sip != NULL)
        {
          char src[SC_CAPTURE_ENDPOINT_LEN], dst[SC_CAPTURE_ENDPOINT_LEN];

          /* Once per message: written on the stack, no allocation. */
          sc_capture_endpoint_format (message->family, message->source, message->source_port, src);
          sc_capture_endpoint_format (message->family, message->destination, message->destination_port, dst);
          sc_capture_calls_add (calls, message->time_us, src, dst, sc_capture_transport_to_string (message->transport),
                                message->sip);
        }
      else
        note_malformed (run, message);
      sc_capture_message_unref (message);
    }
  sc_capture_calls_finish (calls);
  return error == NULL || *error == NULL;
}

static void
print_reading (GString                    *out,
               const ScCaptureReaderStats *stats,
               Run                        *run)
{
  g_string_append_printf (out, _("Read %llu packets: %llu SIP messages (%llu did not parse), %llu not SIP"),
                          (unsigned long long) stats->packets, (unsigned long long) stats->sip_messages,
                          (unsigned long long) stats->sip_errors, (unsigned long long) stats->not_sip);
  g_string_append (out, "\n");
  if (stats->tls_streams > 0)
    {
      g_string_append_printf (out, _("TLS streams, not readable without their keys: %llu"), (unsigned long long) stats->tls_streams);
      g_string_append_c (out, '\n');
    }
  if (stats->fragments_expired > 0 || stats->tcp_gaps > 0 || stats->truncated > 0)
    {
      g_string_append_printf (out, _("Lost to the capture: %llu IP datagrams missing fragments, %llu TCP gaps, %llu packets cut short"),
                              (unsigned long long) stats->fragments_expired, (unsigned long long) stats->tcp_gaps,
                              (unsigned long long) stats->truncated);
      g_string_append_c (out, '\n');
    }
  if (run->n_malformed > 0)
    g_string_append_printf (out, "%s\n%s", _("Messages that did not parse:"), run->malformed->str);
  g_string_append_c (out, '\n');
}

static void
print_json_summary (const ScCaptureReaderStats *reading,
                    const ScCaptureStats       *stats,
                    Run                        *run)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const struct { const char *name; guint64 value; } counts[] = {
    { "packets", reading->packets }, { "sip_messages", reading->sip_messages }, { "sip_errors", reading->sip_errors },
    { "not_sip", reading->not_sip }, { "tls_streams", reading->tls_streams }, { "tcp_streams", reading->tcp_streams },
    { "fragments_expired", reading->fragments_expired }, { "tcp_gaps", reading->tcp_gaps }, { "truncated", reading->truncated },
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "capture");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (b, counts[i].name);
      json_builder_add_int_value (b, counts[i].value);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "calls");
  sc_cli_capture_stats_json (b, stats, run->db);
  json_builder_end_object (b);
  sc_cli_json_print (json_builder_get_root (b));
}

static int
report (ScCaptureReader *reader,
        ScCaptureCalls  *calls,
        Run             *run)
{
  const ScCaptureReaderStats *reading = sc_capture_reader_get_stats (reader);
  g_autoptr(GString) out = g_string_new (NULL);

  if (reading->sip_messages == 0)
    {
      g_printerr ("sip-codes capture: %s\n", _("no SIP message in this capture (TLS is not readable; other protocols are skipped)"));
      return SC_CLI_EXIT_NOT_FOUND;
    }
  if (run->json && (run->mode == MODE_SUMMARY || run->mode == MODE_STATS))
    print_json_summary (reading, sc_capture_calls_get_stats (calls), run);
  else if (!run->json && (run->mode == MODE_SUMMARY || run->mode == MODE_STATS))
    {
      print_reading (out, reading, run);
      sc_cli_capture_print_stats (out, sc_capture_calls_get_stats (calls), run->db);
      if (run->mode == MODE_SUMMARY)
        sc_cli_failures_print (run->failures, out, run->db, run->lang);
      print_line (out->str, out->len);
    }
  else if (!run->json && run->shown == 0)
    g_printerr ("sip-codes capture: %s\n", _("no call matches"));
  return SC_CLI_EXIT_OK;
}

static gboolean
parse_mode (gboolean  calls,
            gboolean  failures,
            gboolean  stats,
            Mode     *mode)
{
  if (calls + failures + stats > 1)
    return FALSE;
  *mode = calls ? MODE_CALLS : failures ? MODE_FAILURES : stats ? MODE_STATS : MODE_SUMMARY;
  return TRUE;
}

int
sc_cli_capture (int    argc,
                char **argv)
{
  ScCliCommon common = { 0 };
  gboolean calls_mode = FALSE, failures_mode = FALSE, stats_mode = FALSE;
  g_autofree char *code_text = NULL, *number = NULL;
  GOptionEntry entries[] = {
    { "calls", 0, 0, G_OPTION_ARG_NONE, &calls_mode, N_("Every call, registration and ping, a line each"), NULL },
    { "failures", 0, 0, G_OPTION_ARG_NONE, &failures_mode, N_("Every failure, each explained"), NULL },
    { "stats", 0, 0, G_OPTION_ARG_NONE, &stats_mode, N_("Only the counts per outcome and final code"), NULL },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code_text, N_("Only calls whose final response is this code"), "N" },
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("Only calls from or to this number (its digits)"), "TN" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &common.lang_name, N_("Language of the explanations: en or ja"), "en|ja" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &common.json, N_("JSON: one object per call (--calls, --failures), else the counts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ScCaptureReader) reader = NULL;
  g_autoptr(ScCaptureCalls) calls = NULL;
  g_autoptr(ScKbDatabase) db = NULL;
  g_autoptr(ScCliFailures) failures = sc_cli_failures_new ();
  g_autoptr(GString) malformed = g_string_new (NULL);
  Run run = { 0 };
  int status = SC_CLI_EXIT_OK;

  g_option_context_set_summary (context, _("Read a pcap or pcapng capture: every call, registration and ping with how it ended, "
                                           "and each failure explained."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sc_cli_parse (context, &common, &argc, &argv, "capture", &status))
    goto out;
  if (argc != 2)
    {
      status = sc_cli_usage_error ("capture", _("give one capture file (pcap or pcapng)"));
      goto out;
    }
  if (!parse_mode (calls_mode, failures_mode, stats_mode, &run.mode))
    {
      status = sc_cli_usage_error ("capture", _("choose one of --calls, --failures and --stats"));
      goto out;
    }
  if (code_text != NULL && !sc_cli_parse_code (code_text, &run.code))
    {
      status = sc_cli_usage_error ("capture", _("“%s” is not a response code (100 to 699)"), code_text);
      goto out;
    }
  if (number != NULL && *(run.digits = sc_capture_digits_of (number)) == '\0')
    {
      status = sc_cli_usage_error ("capture", _("“%s” holds no digits: give a telephone number"), number);
      goto out;
    }
  if (!(reader = sc_capture_reader_new_for_path (argv[1], &error)))
    {
      g_printerr ("sip-codes capture: %s\n", error->message);
      status = SC_CLI_EXIT_USAGE;
      goto out;
    }
  if (!(db = sc_cli_open_database (&status)))
    goto out;
  run.json = common.json;
  run.lang = common.lang;
  run.db = db;
  run.failures = failures;
  run.malformed = malformed;
  calls = sc_capture_calls_new ();
  g_signal_connect (calls, "call-finished", G_CALLBACK (on_call_finished), &run);
  if (!read_capture (reader, calls, &run, &error))
    g_printerr ("sip-codes capture: %s: %s\n", _("the capture ends early, what came before is shown"), error->message);
  status = report (reader, calls, &run);
out:
  g_free (run.digits);
  g_free (common.lang_name);
  return status;
}
