#pragma once

#include <adwaita.h>

#include "sc-kb-database.h"
#include "sc-sip-probe.h"

G_BEGIN_DECLS

/* How a probe ended: the final code with its explanation and how to fix it, or why there was
 * none and what to check; round trip, retransmissions and authentication steps. */

#define SC_TYPE_PROBE_OUTCOME (sc_probe_outcome_get_type ())
G_DECLARE_FINAL_TYPE (ScProbeOutcome, sc_probe_outcome, SC, PROBE_OUTCOME, GtkWidget)

void     sc_probe_outcome_show_result  (ScProbeOutcome         *self,
                                        const ScSipProbeResult *result,
                                        ScKbDatabase           *db,
                                        ScKbLang                lang);
void     sc_probe_outcome_set_language (ScProbeOutcome         *self,
                                        ScKbDatabase           *db,
                                        ScKbLang                lang);
void     sc_probe_outcome_show_failure (ScProbeOutcome             *self,
                                        const GError               *error,
                                        const ScSipProbeResult     *result,
                                        const ScSipCertificateInfo *refused);
const char *sc_probe_outcome_get_title (ScProbeOutcome         *self);
const char *sc_probe_outcome_failure_title (const GError *error);
char       *sc_probe_outcome_failure_key   (const GError *error);
const char *sc_probe_outcome_title_of_kept (const char   *outcome);
guint    sc_probe_outcome_get_status   (ScProbeOutcome         *self);
char    *sc_probe_outcome_get_text     (ScProbeOutcome         *self);
char    *sc_probe_outcome_describe_certificate (const ScSipCertificateInfo *info);
gboolean sc_probe_outcome_can_trust    (ScProbeOutcome         *self);

G_END_DECLS
