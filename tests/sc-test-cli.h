/* Running the sip-codes program from a test. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int   status;
  char *out;
  char *err;
} ScTestCliRun;

void sc_test_cli_run_clear (ScTestCliRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScTestCliRun, sc_test_cli_run_clear)

void sc_test_cli_run (ScTestCliRun *run,
                      const char   *language,
                      ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
