#pragma once

#include "sc-kb-topic.h"
#include "sc-kb-entry.h"
#include "sc-kb-pair-notes.h"
#include "sc-kb-rfc.h"

G_BEGIN_DECLS

#define SC_KB_TYPE_DATABASE (sc_kb_database_get_type ())
G_DECLARE_FINAL_TYPE (ScKbDatabase, sc_kb_database, SC_KB, DATABASE, GObject)

ScKbDatabase  *sc_kb_database_open           (const char    *path,
                                              GError       **error);
ScKbDatabase  *sc_kb_database_open_default   (GError       **error);
const char    *sc_kb_database_default_path   (void);

gboolean       sc_kb_database_has_code       (ScKbDatabase  *self,
                                              guint          code);
GArray        *sc_kb_database_get_codes      (ScKbDatabase  *self);
ScKbEntry     *sc_kb_database_lookup         (ScKbDatabase  *self,
                                              guint          code,
                                              GError       **error);
GPtrArray     *sc_kb_database_list           (ScKbDatabase  *self,
                                              guint          klass,
                                              GError       **error);
ScKbPairNotes *sc_kb_database_get_pair_notes (ScKbDatabase  *self,
                                              guint          a,
                                              guint          b,
                                              GError       **error);
ScKbTopic     *sc_kb_database_get_topic      (ScKbDatabase   *self,
                                              ScKbTopicKind   kind,
                                              const char     *key,
                                              GError        **error);
gboolean       sc_kb_database_get_brief      (ScKbDatabase  *self,
                                              guint          code,
                                              ScKbLang       lang,
                                              char         **reason,
                                              char         **name,
                                              char         **summary);
GArray        *sc_kb_database_get_partners   (ScKbDatabase  *self,
                                              guint          code);
GArray        *sc_kb_database_nearest_codes  (ScKbDatabase  *self,
                                              guint          code,
                                              guint          n);
/* The RFCs shipped with the knowledge base (sc-kb-database-rfc.c). */
typedef struct {
  guint  number;
  char  *id;
  char  *title;
} ScKbRfcHit;
void           sc_kb_rfc_hit_free             (ScKbRfcHit *hit);

ScKbRfc       *sc_kb_database_get_rfc        (ScKbDatabase  *self,
                                              guint          number,
                                              GError       **error);
GPtrArray     *sc_kb_database_list_rfcs      (ScKbDatabase  *self,
                                              GError       **error);
GPtrArray     *sc_kb_database_find_rfc_sections (ScKbDatabase *self,
                                                 const char   *query,
                                                 guint         limit,
                                                 GError      **error);
const char    *sc_kb_database_term           (ScKbDatabase  *self,
                                              const char    *kind,
                                              const char    *key,
                                              ScKbLang       lang);

G_END_DECLS
