#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The controlled vocabularies of data/README.md. Their labels live in data/terms.ini. */
extern const char * const sc_kb_senders[];
extern const char * const sc_kb_next_steps[];
extern const char * const sc_kb_statuses[];
extern const char * const sc_kb_labels[];
extern const char * const sc_kb_dialog_effects[];

gboolean sc_kb_vocab_contains (const char * const *vocab,
                               const char         *word);
/* Where @word is among the first @n of @names (an enum's names), for parsing an enum. */
gboolean sc_kb_vocab_index    (const char * const *names,
                               guint               n,
                               const char         *word,
                               guint              *index);

/* Which term kinds data/terms.ini must define, and from which vocabulary. */
typedef struct {
  const char         *kind;
  const char * const *keys;
} ScKbTermKind;

extern const ScKbTermKind sc_kb_term_kinds[];

G_END_DECLS
