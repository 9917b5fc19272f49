#pragma once

/* What follows an INVITE in a probe, in a transaction of its own: the ACK and BYE of an
 * answered call, or the CANCEL of a ringing one. */

#include "sc-sip-probe-private.h"

G_BEGIN_DECLS

void sc_sip_probe_hang_up     (ProbeRun           *run,
                               const ScSipMessage *response);
void sc_sip_probe_send_cancel (ProbeRun           *run);

G_END_DECLS
