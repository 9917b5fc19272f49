#pragma once

#include <json-glib/json-glib.h>

#include "sc-capture-calls.h"
#include "sc-kb-database.h"

G_BEGIN_DECLS

/* The failures of a capture by final code: how many calls each, the Reason and Warning values
 * met, and one call's final response to explain. Bounded: a code keeps at most a few values. */
typedef struct _ScCliFailures ScCliFailures;

ScCliFailures *sc_cli_failures_new   (void);
void           sc_cli_failures_add   (ScCliFailures *self,
                                      ScCaptureCall *call);
void           sc_cli_failures_print (ScCliFailures *self,
                                      GString       *out,
                                      ScKbDatabase  *db,
                                      ScKbLang       lang);
void           sc_cli_failures_free  (ScCliFailures *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCliFailures, sc_cli_failures_free)

void      sc_cli_capture_print_call   (GString              *out,
                                       ScCaptureCall        *call,
                                       ScKbDatabase         *db);
void      sc_cli_capture_print_failure (GString             *out,
                                        ScCaptureCall       *call,
                                        ScKbDatabase        *db,
                                        ScKbLang             lang);
JsonNode *sc_cli_capture_call_json    (ScCaptureCall        *call,
                                       ScKbDatabase         *db,
                                       ScKbLang              lang);
void      sc_cli_capture_print_stats  (GString              *out,
                                       const ScCaptureStats *stats,
                                       ScKbDatabase         *db);
void      sc_cli_capture_stats_json   (JsonBuilder          *builder,
                                       const ScCaptureStats *stats,
                                       ScKbDatabase         *db);

G_END_DECLS
