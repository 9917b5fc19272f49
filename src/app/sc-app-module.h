#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The app's entry point in its module (libsip-codes-app.so), which sip-codes loads when it
 * is asked for no command (src/main.c). */
int sc_app_main (int argc, char **argv);

G_END_DECLS
