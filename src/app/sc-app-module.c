/* The app as a module: everything below the front ends (kb, sip, stir, capture, diagnosis)
 * comes from the program that loads it, which exports them; GTK comes with the module. */
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
