/* sip-codes: one program. A subcommand runs the command-line front end, which never loads
 * GTK; no subcommand loads the app's module (libsip-codes-app.so) and starts the app. */
#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <locale.h>
#include <string.h>

#include "sc-app-module.h"
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

/* The module beside the program when it runs from the build tree, else the installed one. */
static const char *
app_module_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  return g_strcmp0 (self, SC_BUILT_PROGRAM) == 0 ? SC_BUILT_APP_MODULE : SC_APP_MODULE_PATH;
}

static int
run_app (int    argc,
         char **argv)
{
  const char *path = app_module_path ();
  /* Never closed: the app's types live in it until the process ends. */
  GModule *module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  ScAppMain app_main = NULL;

  if (module == NULL || !g_module_symbol (module, "sc_app_main", (gpointer *) &app_main) || app_main == NULL)
    {
      /* TRANSLATORS: %s is the module's path, then the system's reason */
      g_printerr (_("sip-codes: cannot load the app from %s (%s); reinstall SIP Codes. "
                    "The command line still works: sip-codes help\n"),
                  path, g_module_error ());
      return 1;
    }
  return app_main (argc, argv);
}

int
main (int   argc,
      char *argv[])
{
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
  return run_app (argc, argv);
}
