#pragma once

#include "sc-sip-probe.h"

G_BEGIN_DECLS

const char *sc_sip_probe_note_describe (ScSipProbeNote              note);
char       *sc_sip_probe_call_describe (const ScSipProbeResult     *result);
char       *sc_sip_probe_not_kept_describe (const ScSipProbeResult *result);
const char *sc_sip_probe_error_advice  (const GError               *error,
                                        const ScSipProbeResult     *result,
                                        const ScSipCertificateInfo *refused);

G_END_DECLS
