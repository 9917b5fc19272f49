#define G_LOG_DOMAIN "sc-cli"

#include "config.h"

#include "sc-cli-private.h"

#include <stdio.h>
#include <string.h>

#include "sc-kb-normalize.h"

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *synopsis;
} Command;

static const Command commands[] = {
  { "lookup", sc_cli_lookup, N_("CODE — explain one response code") },
  { "search", sc_cli_search, N_("QUERY — find codes by number, range, phrase or words, in English or Japanese") },
  { "compare", sc_cli_compare, N_("CODE CODE — compare two codes side by side") },
  { "list", sc_cli_list, N_("list the codes, optionally of one class") },
  { "probe", sc_cli_probe, N_("URI — send a request to a SIP server and explain every response") },
  { "rfc", sc_cli_rfc, N_("[NUMBER [SECTION]] — read an RFC section the knowledge base cites, offline") },
  { "parse", sc_cli_parse_message, N_("[FILE] — parse a SIP message and show what is in it, or what is wrong") },
  { "identity", sc_cli_identity, N_("sign | verify — make a fresh STIR/SHAKEN Identity header, or decode and check one") },
  { "explain", sc_cli_explain, N_("[FILE] — explain a SIP message or trace: status, Reason causes, Warning codes, headers") },
  { "capture", sc_cli_capture, N_("FILE — every call in a pcap or pcapng capture, how it ended, each failure explained") },
  { NULL, NULL, NULL }
};

static int
print_help (FILE *stream)
{
  fprintf (stream, "%s\n  sip-codes COMMAND [OPTION…]\n\n%s\n", _("Usage:"), _("Commands:"));
  for (const Command *c = commands; c->name != NULL; c++)
    fprintf (stream, "  %-8s %s\n", c->name, _(c->synopsis));
  fprintf (stream, "\n%s\n", _("Run “sip-codes COMMAND --help” for a command’s options. Without a command, sip-codes starts the app."));
  fprintf (stream, "\n%s\n  sip-codes [--code CODE | --compare CODE,CODE | --search QUERY]\n", _("The app:"));
  return stream == stdout ? SC_CLI_EXIT_OK : SC_CLI_EXIT_USAGE;
}

int
sc_cli_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("sip-codes %s: %s\n", command, message);
  g_printerr (_("Run “sip-codes %s --help” for usage."), command);
  g_printerr ("\n");
  return SC_CLI_EXIT_USAGE;
}

/**
 * sc_cli_parse:
 * Parses the options and validates --lang; on failure sets @exit_status to a usage error.
 */
gboolean
sc_cli_parse (GOptionContext *context,
              ScCliCommon    *common,
              int            *argc,
              char         ***argv,
              const char     *command,
              int            *exit_status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_status = sc_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }
  if (common->lang_name == NULL)
    common->lang = sc_kb_lang_from_locale ();
  else if (!sc_kb_lang_from_string (common->lang_name, &common->lang))
    {
      *exit_status = sc_cli_usage_error (command, _("unknown language “%s”: use en or ja"), common->lang_name);
      return FALSE;
    }
  return TRUE;
}

/* A code as a person types it: "428", "４２８", " 428 ". Only 100-699 is a SIP response code. */
gboolean
sc_cli_parse_code (const char *text,
                   guint      *out_code)
{
  g_autofree char *normalized = sc_kb_normalize (text);
  guint64 value;

  if (strlen (normalized) != 3 || !g_ascii_string_to_unsigned (normalized, 10, 100, 699, &value, NULL))
    return FALSE;
  *out_code = (guint) value;
  return TRUE;
}

ScKbDatabase *
sc_cli_open_database (int *exit_status)
{
  g_autoptr(GError) error = NULL;
  ScKbDatabase *db = sc_kb_database_open_default (&error);

  if (db == NULL)
    {
      g_printerr ("sip-codes: %s\n", error->message);
      *exit_status = SC_CLI_EXIT_UNEXPECTED;
    }
  return db;
}

void
sc_cli_print_nearest (ScKbDatabase *db,
                      GArray       *codes,
                      ScKbLang      lang)
{
  if (codes->len == 0)
    return;
  g_printerr ("%s\n", _("Nearest codes:"));
  for (guint i = 0; i < codes->len; i++)
    {
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, g_array_index (codes, guint, i), NULL);
      if (entry != NULL)
        g_printerr ("  %u %s — %s\n", sc_kb_entry_get_code (entry), sc_kb_entry_get_reason (entry),
                    sc_kb_entry_get_text (entry, lang)->summary);
    }
}

int
sc_cli_run (int    argc,
            char **argv)
{
  g_return_val_if_fail (argc >= 2, SC_CLI_EXIT_USAGE);

  for (const Command *c = commands; c->name != NULL; c++)
    if (strcmp (argv[1], c->name) == 0)
      return c->run (argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "help") == 0 || g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0)
    return print_help (stdout);
  g_printerr (_("sip-codes: unknown command “%s”"), argv[1]);
  g_printerr ("\n");
  return print_help (stderr);
}
