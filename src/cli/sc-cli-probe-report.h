#pragma once

/* What `sip-codes probe` prints: the exchange line by line with each response explained, or
 * one JSON document; both say what was seen before a failure and what became of a call. */

#include <json-glib/json-glib.h>

#include "sc-kb-database.h"
#include "sc-sip-probe.h"

G_BEGIN_DECLS

typedef struct {
  GMainLoop            *loop;
  GCancellable         *cancellable;
  ScSipProbeResult     *result;    /* what happened, also when error is set */
  GError               *error;
  ScSipCertificateInfo *refused;   /* the server's certificate, when it failed the probe */
  gboolean              json;
} ScCliProbeOutcome;

void      sc_cli_probe_print       (const ScCliProbeOutcome *outcome,
                                    ScKbDatabase            *db,
                                    ScKbLang                 lang,
                                    gboolean                 verbose);
JsonNode *sc_cli_probe_json        (const char              *target,
                                    const char              *transport,
                                    const ScCliProbeOutcome *outcome,
                                    ScKbDatabase            *db,
                                    ScKbLang                 lang);

G_END_DECLS
