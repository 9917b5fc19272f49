#pragma once

#include <adwaita.h>

#include "sc-kb-database.h"
#include "sc-sip-probe.h"

G_BEGIN_DECLS

/* One message of a probe's exchange: when, which way, the code chip with its explanation, and
 * the message as on the wire when expanded. */

#define SC_TYPE_PROBE_EVENT_ROW (sc_probe_event_row_get_type ())
G_DECLARE_FINAL_TYPE (ScProbeEventRow, sc_probe_event_row, SC, PROBE_EVENT_ROW, AdwExpanderRow)

GtkWidget  *sc_probe_event_row_new      (const ScSipProbeEvent *event,
                                         ScKbDatabase          *db,
                                         ScKbLang               lang,
                                         const char            *secret);
void        sc_probe_event_row_explain  (ScProbeEventRow       *self,
                                         ScKbDatabase          *db,
                                         ScKbLang               lang);
guint       sc_probe_event_row_get_code (ScProbeEventRow       *self);
const char *sc_probe_event_row_get_raw  (ScProbeEventRow       *self);

char       *sc_probe_event_row_format_time (gint64 t_us);

G_END_DECLS
