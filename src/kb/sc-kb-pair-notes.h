#pragma once

#include "sc-kb-entry.h"

G_BEGIN_DECLS

/* Curated notes for a commonly confused pair (data/compare/AAA-BBB.ini); a < b. */
typedef struct {
  char  *summary;
  GStrv  differences;
  GStrv  whens;
} ScKbPairText;

typedef struct {
  guint         a;
  guint         b;
  ScKbPairText  texts[SC_KB_N_LANGS];
  GPtrArray    *citations;  /* of ScKbCitation, in file order */
} ScKbPairNotes;

ScKbPairNotes *sc_kb_pair_notes_new  (guint          a,
                                      guint          b);
void           sc_kb_pair_notes_free (ScKbPairNotes *notes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScKbPairNotes, sc_kb_pair_notes_free)

G_END_DECLS
