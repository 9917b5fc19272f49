#pragma once

#include "sc-kb-entry.h"
#include "sc-kb-pair-notes.h"
#include "sc-kb-topic.h"
#include "sc-kb-rfc.h"

G_BEGIN_DECLS

/* Builds a knowledge-base database file from loaded sources. Used by the build-time compiler
 * and by the benchmark's synthetic database; the app never writes to the knowledge base. */

typedef struct _ScKbWriter ScKbWriter;

ScKbWriter *sc_kb_writer_new        (const char     *path,
                                     GError        **error);
gboolean    sc_kb_writer_add_entry  (ScKbWriter     *self,
                                     ScKbEntry      *entry,
                                     GError        **error);
gboolean    sc_kb_writer_add_pair   (ScKbWriter     *self,
                                     ScKbPairNotes  *notes,
                                     GError        **error);
gboolean    sc_kb_writer_add_topic  (ScKbWriter       *self,
                                     const ScKbTopic  *topic,
                                     GError          **error);
gboolean    sc_kb_writer_add_rfc    (ScKbWriter     *self,
                                     const ScKbRfc  *rfc,
                                     GError        **error);
gboolean    sc_kb_writer_add_terms  (ScKbWriter     *self,
                                     GHashTable     *terms,
                                     GError        **error);
gboolean    sc_kb_writer_finish     (ScKbWriter     *self,
                                     GError        **error);
void        sc_kb_writer_free       (ScKbWriter     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScKbWriter, sc_kb_writer_free)

G_END_DECLS
