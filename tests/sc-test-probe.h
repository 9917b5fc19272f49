/* Running the probe from a test against a server started on a free loopback port. */
#pragma once

#include <gio/gio.h>

#include "sc-sip-probe.h"

G_BEGIN_DECLS

typedef struct {
  GMainLoop            *loop;
  ScSipProbeResult     *result;
  GError               *error;
  ScSipCertificateInfo *refused;   /* sc_sip_probe_get_rejected_certificate() */
} ScTestOutcome;

guint sc_test_free_udp_port (const char *ip);
void  sc_test_run_probe_once (const ScSipProbeOptions *options,
                              GCancellable            *cancellable,
                              ScTestOutcome           *outcome);
void  sc_test_run_probe      (const ScSipProbeOptions *options,
                              ScTestOutcome           *outcome);
typedef GCancellable *(*ScTestPrepareFunc) (ScSipProbeOptions *options,
                                            gpointer           data);
void  sc_test_run_probe_prepared (ScSipProbeOptions   *options,
                                  ScTestPrepareFunc    prepare,
                                  gpointer             data,
                                  ScTestOutcome       *outcome);
void  sc_test_outcome_clear  (ScTestOutcome           *outcome);

/* SIPp as a UAS running one scenario of tests/sipp/ for one call ("u1" is UDP, "t1" TCP). */
GSubprocess *sc_test_start_sipp_on         (const char  *scenario,
                                            const char  *ip,
                                            guint        port,
                                            const char  *transport);
GSubprocess *sc_test_start_sipp            (const char  *scenario,
                                            const char  *ip,
                                            guint        port);
void         sc_test_stop_sipp             (GSubprocess *sipp);
/* Waits for SIPp to end its scenario: exit 0 proves every expected request arrived. */
void         sc_test_assert_sipp_succeeded (GSubprocess *sipp);

/* A UDP peer on 127.0.0.1 that answers the first request with @n_junk datagrams of junk (and
 * a response it cannot be matched to) before, if @status is not 0, the response itself. */
typedef struct _ScTestFlood ScTestFlood;
ScTestFlood *sc_test_flood_start  (guint        n_junk,
                                   guint        status);
ScTestFlood *sc_test_flood_start_with_reason (guint       n_junk,
                                              guint       status,
                                              const char *reason);
guint        sc_test_flood_port   (ScTestFlood *flood);
void         sc_test_flood_finish (ScTestFlood *flood);

G_END_DECLS
