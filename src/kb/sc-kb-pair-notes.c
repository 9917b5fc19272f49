#include "sc-kb-pair-notes.h"

ScKbPairNotes *
sc_kb_pair_notes_new (guint a,
                      guint b)
{
  ScKbPairNotes *notes = g_new0 (ScKbPairNotes, 1);

  notes->a = MIN (a, b);
  notes->b = MAX (a, b);
  notes->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_kb_citation_free);
  return notes;
}

void
sc_kb_pair_notes_free (ScKbPairNotes *notes)
{
  if (notes == NULL)
    return;
  for (guint i = 0; i < SC_KB_N_LANGS; i++)
    {
      g_free (notes->texts[i].summary);
      g_strfreev (notes->texts[i].differences);
      g_strfreev (notes->texts[i].whens);
    }
  g_clear_pointer (&notes->citations, g_ptr_array_unref);
  g_free (notes);
}
