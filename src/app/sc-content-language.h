#pragma once

#include "sc-kb-entry.h"

G_BEGIN_DECLS

/* The "content-language" setting: which knowledge-base languages the pages show. */
typedef enum {
  SC_CONTENT_LANGUAGE_AUTO,   /* the interface language */
  SC_CONTENT_LANGUAGE_EN,
  SC_CONTENT_LANGUAGE_JA,
  SC_CONTENT_LANGUAGE_BOTH,   /* side by side, the interface language first */
} ScContentLanguage;

/* Fills @langs (room for SC_KB_N_LANGS) and returns how many; the first is the primary one. */
guint sc_content_language_resolve (ScContentLanguage mode,
                                   ScKbLang          langs[SC_KB_N_LANGS]);

G_END_DECLS
