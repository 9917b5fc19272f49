#pragma once

#include <adwaita.h>

#include "sc-kb-database.h"

G_BEGIN_DECLS

/* "What the server may answer" beside the Identity row: 428, 436, 437 and 438, each with its
 * summary from the knowledge base, each opening its page. */
#define SC_TYPE_PROBE_IDENTITY_CODES (sc_probe_identity_codes_get_type ())
G_DECLARE_FINAL_TYPE (ScProbeIdentityCodes, sc_probe_identity_codes, SC, PROBE_IDENTITY_CODES, AdwExpanderRow)

void       sc_probe_identity_codes_explain (ScProbeIdentityCodes *self,
                                            ScKbDatabase         *db,
                                            ScKbLang              lang);
GtkWidget *sc_probe_identity_codes_get_row (ScProbeIdentityCodes *self,
                                            guint                 code);

G_END_DECLS
