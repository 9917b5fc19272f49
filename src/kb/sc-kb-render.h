#pragma once

#include "sc-kb-comparison.h"

G_BEGIN_DECLS

typedef enum {
  SC_KB_RENDER_MARKDOWN,
  SC_KB_RENDER_PLAIN,     /* for a terminal: no markup, headings underlined */
} ScKbRenderStyle;

char *sc_kb_render_rfc        (const ScKbRfcRef *ref,
                               ScKbLang          lang);
char *sc_kb_render_entry      (ScKbDatabase     *db,
                               ScKbEntry        *entry,
                               ScKbLang          lang,
                               ScKbRenderStyle   style);
char *sc_kb_render_comparison (ScKbDatabase     *db,
                               ScKbComparison   *comparison,
                               ScKbLang          lang,
                               ScKbRenderStyle   style);

G_END_DECLS
