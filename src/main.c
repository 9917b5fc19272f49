/* sip-codes: one program, two front ends. A command loads the command line's module
 * (libsip-codes-cli.so), which never loads GTK; no command loads the app's
 * (libsip-codes-app.so). The program itself links only GLib, so that each front end's
 * libraries are the first the dynamic loader searches. */
#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <locale.h>
#include <string.h>

typedef int (*ScFrontEnd) (int argc, char **argv);

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

/* Any word is a command (an unknown one is the command line's usage error), and so are
 * --help and -h; other options go to the app. */
static gboolean
is_command (const char *word)
{
  return word[0] != '-' || strcmp (word, "--help") == 0 || strcmp (word, "-h") == 0;
}

/* The modules built beside the program when it runs from the build tree, else the installed. */
static char *
module_path (const char *built,
             const char *name)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (g_strcmp0 (self, SC_BUILT_PROGRAM) == 0)
    return g_strdup (built);
  return g_build_filename (SC_MODULE_DIR, name, NULL);
}

static int
run (const char  *path,
     const char  *entry,
     int          argc,
     char       **argv)
{
  /* Never closed: the front end's types live in it until the process ends. */
  GModule *module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  ScFrontEnd front_end = NULL;

  if (module == NULL || !g_module_symbol (module, entry, (gpointer *) &front_end) || front_end == NULL)
    {
      /* TRANSLATORS: %s is the module's path, then the system's reason */
      g_printerr (_("sip-codes: cannot load %s (%s); reinstall SIP Codes\n"), path, g_module_error ());
      return 4;
    }
  return front_end (argc, argv);
}

int
main (int   argc,
      char *argv[])
{
  char *code_argv[] = { argv[0], (char *) "--code", NULL, NULL };
  char *capture_argv[] = { argv[0], (char *) "--capture", NULL, NULL };
  g_autofree char *path = NULL;

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
  if (argc >= 2 && is_command (argv[1]))
    {
      path = module_path (SC_BUILT_CLI_MODULE, "libsip-codes-cli.so");
      return run (path, "sc_cli_run", argc, argv);
    }
  path = module_path (SC_BUILT_APP_MODULE, "libsip-codes-app.so");
  return run (path, "sc_app_main", argc, argv);
}
