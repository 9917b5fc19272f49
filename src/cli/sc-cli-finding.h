#pragma once

#include <json-glib/json-glib.h>

#include "sc-cli-json.h"
#include "sc-diagnosis-finding.h"
#include "sc-kb-database.h"

G_BEGIN_DECLS

void sc_cli_append_labelled  (GString                  *out,
                              const char               *label,
                              const char               *text);
/* @first_line: the message's first line in the whole text, for "line N" */
void sc_cli_finding_print    (GString                  *out,
                              ScKbDatabase             *db,
                              ScKbLang                  lang,
                              const ScDiagnosisFinding *f,
                              guint                     first_line);
void sc_cli_finding_add_json (JsonBuilder              *builder,
                              const ScDiagnosisFinding *f);

G_END_DECLS
