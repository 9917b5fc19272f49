#pragma once

#include <glib-object.h>

#include "sc-kb-citation.h"

G_BEGIN_DECLS

typedef enum {
  SC_KB_LANG_EN,
  SC_KB_LANG_JA,
  SC_KB_N_LANGS
} ScKbLang;

const char *sc_kb_lang_to_string   (ScKbLang     lang);
gboolean    sc_kb_lang_from_string (const char  *str,
                                    ScKbLang    *out_lang);
ScKbLang    sc_kb_lang_from_locale (void);

/* The text of one entry in one language. Lists are NULL-terminated and never NULL. */
typedef struct {
  char  *name;
  char  *summary;
  char  *description;
  char  *next_step_detail;
  char  *origin;            /* non-standard codes only, else NULL */
  GStrv  causes;
  GStrv  fixes;
  GStrv  notes;
} ScKbText;

ScKbText *sc_kb_text_new  (void);
void      sc_kb_text_free (ScKbText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScKbText, sc_kb_text_free)

typedef struct {
  guint  number;
  char  *section;
} ScKbRfcRef;

#define SC_KB_TYPE_ENTRY (sc_kb_entry_get_type ())
G_DECLARE_FINAL_TYPE (ScKbEntry, sc_kb_entry, SC_KB, ENTRY, GObject)

/* Facts, language-independent. The setters are for the loaders only. */
typedef struct {
  guint   code;
  char   *reason;
  GStrv   other_reasons;
  char   *status;               /* current | deprecated | non-standard */
  GArray *rfcs;                 /* of ScKbRfcRef */
  GArray *obsoleted_rfcs;       /* of guint */
  GArray *standard_alternatives;/* of guint */
  GStrv   senders;
  char   *next_step;
  GStrv   headers;
  GStrv   methods;
  GArray *related;              /* of guint */
  GPtrArray *citations;         /* of ScKbCitation, in file order */
} ScKbFacts;

ScKbEntry      *sc_kb_entry_new        (ScKbFacts  *facts,
                                        ScKbText   *texts[SC_KB_N_LANGS]);

guint           sc_kb_entry_get_code   (ScKbEntry *self);
guint           sc_kb_entry_get_class  (ScKbEntry *self);
gboolean        sc_kb_entry_is_final   (ScKbEntry *self);
const char     *sc_kb_entry_get_reason (ScKbEntry *self);
const ScKbFacts *sc_kb_entry_get_facts (ScKbEntry *self);
const ScKbText *sc_kb_entry_get_text   (ScKbEntry *self,
                                        ScKbLang   lang);

ScKbFacts *sc_kb_facts_new  (void);
void       sc_kb_facts_free (ScKbFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScKbFacts, sc_kb_facts_free)

G_END_DECLS

G_BEGIN_DECLS
/* g_strv_builder_take() arrived in GLib 2.80; our floor is 2.74. */
static inline void
sc_strv_builder_add_owned (GStrvBuilder *builder,
                           char         *value)
{
  g_strv_builder_add (builder, value);
  g_free (value);
}
G_END_DECLS
