#pragma once

#include "sc-kb-citation.h"
#include "sc-kb-rfc.h"

G_BEGIN_DECLS

/* The RFC texts shipped in data/rfc/, for checking what data/ says against them at build time.
 * Every check fails with an error naming the data file, the key and what was not found. */

typedef struct _ScKbRfcShelf ScKbRfcShelf;

ScKbRfcShelf *sc_kb_rfc_shelf_load           (const char          *dir,
                                              GError             **error);
gboolean      sc_kb_rfc_shelf_check_citation (ScKbRfcShelf        *self,
                                              const char          *path,
                                              const ScKbCitation  *citation,
                                              GError             **error);
gboolean      sc_kb_rfc_shelf_check_ref      (ScKbRfcShelf        *self,
                                              const char          *path,
                                              const char          *key,
                                              guint                number,
                                              const char          *section,
                                              GError             **error);
gboolean      sc_kb_rfc_shelf_check_text     (ScKbRfcShelf        *self,
                                              const char          *path,
                                              const char          *key,
                                              const char          *text,
                                              GError             **error);
/* Fails naming a shipped RFC that nothing in data/ cites or names. */
gboolean      sc_kb_rfc_shelf_check_all_used (ScKbRfcShelf        *self,
                                              GError             **error);
/* The RFCs in number order. */
GPtrArray    *sc_kb_rfc_shelf_list           (ScKbRfcShelf        *self);
void          sc_kb_rfc_shelf_free           (ScKbRfcShelf        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScKbRfcShelf, sc_kb_rfc_shelf_free)

G_END_DECLS
