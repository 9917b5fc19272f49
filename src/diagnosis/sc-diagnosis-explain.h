#pragma once

#include "sc-diagnosis-finding.h"
#include "sc-kb-database.h"
#include "sc-sip-message.h"

G_BEGIN_DECLS

/* Returns: (element-type ScDiagnosisFinding): what @message's status, Reason causes, Warning
 * codes and diagnostic headers mean, in @lang, in the order of the message's lines. */
GPtrArray *sc_diagnosis_explain (ScKbDatabase       *db,
                                 const ScSipMessage *message,
                                 ScKbLang            lang);

G_END_DECLS
