/* sip-codes: one program. A subcommand runs the command-line front end without initialising
 * GTK; no subcommand starts the app. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ScApplication) app = NULL;

  setup_gettext ();
  /* Any word is a command (an unknown one is a usage error); options go to the app. */
  if (argc >= 2 && (sc_cli_is_subcommand (argv[1]) || argv[1][0] != '-'))
    return sc_cli_run (argc, argv);
  app = sc_application_new ();
  if (app == NULL)
    return 1;
  return g_application_run (G_APPLICATION (app), argc, argv);
}
