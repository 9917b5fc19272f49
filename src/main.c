/* sip-codes: one program. A subcommand runs the command-line front end without initialising
 * GTK; no subcommand starts the app. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

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

int
main (int   argc,
      char *argv[])
{
  setup_gettext ();
  if (argc >= 2 && sc_cli_is_subcommand (argv[1]))
    return sc_cli_run (argc, argv);
  return sc_cli_run (argc >= 2 ? argc : 2, argc >= 2 ? argv : (char *[]) { argv[0], "help", NULL });
}
