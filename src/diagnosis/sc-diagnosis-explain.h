#pragma once

#include "sc-diagnosis-finding.h"
#include "sc-kb-database.h"
#include "sc-sip-message.h"

G_BEGIN_DECLS

/* Returns: (element-type ScDiagnosisFinding): what @message's status, Reason causes, Warning
 * codes and diagnostic headers mean, in @lang, in the order of the message's lines.
 * @certificate: (nullable): PEM; Identity signatures are checked against it when given. */
GPtrArray *sc_diagnosis_explain (ScKbDatabase       *db,
                                 const ScSipMessage *message,
                                 ScKbLang            lang,
                                 GBytes             *certificate);

G_END_DECLS
