#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses shared by every subcommand. */
typedef enum {
  SC_CLI_EXIT_OK = 0,
  SC_CLI_EXIT_NOT_FOUND = 1,
  SC_CLI_EXIT_USAGE = 2,
  SC_CLI_EXIT_NETWORK = 3,
  SC_CLI_EXIT_UNEXPECTED = 4,
  SC_CLI_EXIT_INTERRUPTED = 130,  /* 128 + SIGINT, as shells report it */
} ScCliExit;

int      sc_cli_run           (int         argc,
                               char      **argv);

G_END_DECLS
