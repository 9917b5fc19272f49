/* Running the probe from a test against a server started on a free loopback port. */
#pragma once

#include <gio/gio.h>

#include "sc-sip-probe.h"

G_BEGIN_DECLS

typedef struct {
  GMainLoop        *loop;
  ScSipProbeResult *result;
  GError           *error;
} ScTestOutcome;

guint sc_test_free_udp_port (const char *ip);
void  sc_test_run_probe_once (const ScSipProbeOptions *options,
                              GCancellable            *cancellable,
                              ScTestOutcome           *outcome);
void  sc_test_run_probe      (const ScSipProbeOptions *options,
                              ScTestOutcome           *outcome);
void  sc_test_outcome_clear  (ScTestOutcome           *outcome);

G_END_DECLS
