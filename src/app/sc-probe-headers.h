#pragma once

#include <adwaita.h>

#include "sc-sip-request.h"

G_BEGIN_DECLS

/* The probe form's extra headers: a row per "Name: value" line, each checked as it is typed
 * by the request builder itself. */
#define SC_TYPE_PROBE_HEADERS (sc_probe_headers_get_type ())
G_DECLARE_FINAL_TYPE (ScProbeHeaders, sc_probe_headers, SC, PROBE_HEADERS, AdwBin)

GtkEditable *sc_probe_headers_add_row     (ScProbeHeaders *self,
                                           const char     *line);
void         sc_probe_headers_clear       (ScProbeHeaders *self);
void         sc_probe_headers_add_lines   (ScProbeHeaders *self,
                                           GStrvBuilder   *lines);
gboolean     sc_probe_headers_check       (ScProbeHeaders *self,
                                           ScSipRequest   *scratch);
const char  *sc_probe_headers_get_problem (ScProbeHeaders *self);

G_END_DECLS
