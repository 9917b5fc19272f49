#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The app's entry point in the module the program loads (libsip-codes-app.so): the command
 * line never loads GTK, only a window does. */
typedef int (*ScAppMain) (int argc, char **argv);

int sc_app_main (int argc, char **argv);

G_END_DECLS
