/* The app as a module (libsip-codes-app.so, with the rooms it uses): sip-codes loads it when
 * it is asked for no command (src/main.c). */
#include "config.h"

#include <glib.h>

#include "sc-app-module.h"
#include "sc-application.h"

int
sc_app_main (int    argc,
             char **argv)
{
  g_autoptr(ScApplication) app = sc_application_new ();

  if (app == NULL)
    return 1;
  return g_application_run (G_APPLICATION (app), argc, argv);
}
