#pragma once

#include "sc-kb-entry.h"
#include "sc-kb-pair-notes.h"
#include "sc-kb-topic.h"

G_BEGIN_DECLS

/* Loading and validating the human-written sources of data/ (rules in data/README.md).
 * Every error names the file and the key. Cross-file rules (related codes exist, …) are the
 * compiler's. */

ScKbEntry     *sc_kb_source_load_code  (const char  *path,
                                        GError     **error);
ScKbPairNotes *sc_kb_source_load_pair  (const char  *path,
                                        GError     **error);
ScKbTopic     *sc_kb_source_load_topic (const char     *path,
                                        ScKbTopicKind   kind,
                                        GError        **error);

/* Returns kind → key → lang → label as a GHashTable of "Kind/key/lang" → label. */
GHashTable    *sc_kb_source_load_terms (const char  *path,
                                        GError     **error);

G_END_DECLS
