#pragma once

#include <adwaita.h>

#include "sc-diagnosis-finding.h"

G_BEGIN_DECLS

/* One finding of an explanation, as a list row: what part of the message, what it means,
 * what to do. Activatable when it links to a page (a code, an RFC section). */

#define SC_TYPE_FINDING_ROW (sc_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (ScFindingRow, sc_finding_row, SC, FINDING_ROW, GtkListBoxRow)

GtkWidget  *sc_finding_row_new      (const ScDiagnosisFinding *finding,
                                     guint                     first_line,
                                     const char               *line_format,
                                     const char               *what_to_do);
const char *sc_finding_row_get_link (ScFindingRow             *self);

G_END_DECLS
