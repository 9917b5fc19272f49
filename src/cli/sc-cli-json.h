#pragma once

#include <json-glib/json-glib.h>

#include "sc-kb-comparison.h"
#include "sc-kb-search.h"

G_BEGIN_DECLS

JsonNode *sc_cli_json_entry      (ScKbEntry      *entry);
JsonNode *sc_cli_json_brief      (ScKbEntry      *entry);
JsonNode *sc_cli_json_hit        (ScKbEntry      *entry,
                                  const ScKbHit  *hit,
                                  ScKbLang        lang);
JsonNode *sc_cli_json_comparison (ScKbComparison *comparison);
void      sc_cli_json_print      (JsonNode       *node);
void      sc_cli_json_add_string (JsonBuilder        *builder,
                                  const char         *member,
                                  const char         *value);
void      sc_cli_json_add_strv   (JsonBuilder        *builder,
                                  const char         *member,
                                  const char * const *items);

G_END_DECLS
