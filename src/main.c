/* sip-codes: one program. A subcommand runs the command-line front end without initialising
 * GTK; no subcommand starts the app. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "sc-application.h"
#include "sc-cli.h"

static void
setup_gettext (void)
{
  const char *localedir = g_getenv ("SIP_CODES_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* `sip-codes 428` opens the app on that code, as `sip-codes --code 428` does. */
static gboolean
is_code_word (const char *word)
{
  return strlen (word) == 3 && word[0] >= '1' && word[0] <= '6' &&
         g_ascii_isdigit (word[1]) && g_ascii_isdigit (word[2]);
}

/* `sip-codes trace.pcap` opens the capture in the app, as `sip-codes --capture trace.pcap` does. */
static gboolean
is_capture_path (const char *word)
{
  return (g_str_has_suffix (word, ".pcap") || g_str_has_suffix (word, ".pcapng") || g_str_has_suffix (word, ".cap")) &&
         g_file_test (word, G_FILE_TEST_IS_REGULAR);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ScApplication) app = NULL;
  char *code_argv[] = { argv[0], (char *) "--code", NULL, NULL };
  char *capture_argv[] = { argv[0], (char *) "--capture", NULL, NULL };

  setup_gettext ();
  if (argc == 2 && is_code_word (argv[1]))
    {
      code_argv[2] = argv[1];
      argv = code_argv;
      argc = 3;
    }
  else if (argc == 2 && is_capture_path (argv[1]))
    {
      capture_argv[2] = argv[1];
      argv = capture_argv;
      argc = 3;
    }
  /* Any word is a command (an unknown one is a usage error); options go to the app. */
  if (argc >= 2 && (sc_cli_is_subcommand (argv[1]) || argv[1][0] != '-'))
    return sc_cli_run (argc, argv);
  app = sc_application_new ();
  if (app == NULL)
    return 1;
  return g_application_run (G_APPLICATION (app), argc, argv);
}
