#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The source of a statement in data/: `<Key>Source<N>=RFC SECTION | verbatim quote`. */
typedef struct {
  char  *key;       /* the text key it supports: "Description", "Fix2", "Difference1" */
  guint  rfc;
  char  *section;   /* "16.8", "A.1" */
  char  *quote;
  guint  n;         /* N of its <Key>Source<N>, for messages; 0 when read back from the database */
} ScKbCitation;

ScKbCitation *sc_kb_citation_new  (const char   *key,
                                   guint         rfc,
                                   const char   *section,
                                   const char   *quote);
void          sc_kb_citation_free (ScKbCitation *citation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScKbCitation, sc_kb_citation_free)

#define SC_KB_QUOTE_MIN_CHARS 20
#define SC_KB_QUOTE_MAX_CHARS 400

/* Whether @key may carry sources in @keyfile's @group (it exists and is a text key). */
typedef gboolean (*ScKbCitableFunc) (GKeyFile   *keyfile,
                                     const char *group,
                                     const char *key);

/* Reads every `…SourceN` key of @group, marking each in @used. Errors name @path and the key. */
GPtrArray *sc_kb_citations_read            (GKeyFile         *keyfile,
                                            const char       *group,
                                            const char       *path,
                                            ScKbCitableFunc   citable,
                                            GHashTable       *used,
                                            GError          **error);
/* Fails unless each of @keys has at least one source. */
gboolean   sc_kb_citations_require         (GPtrArray          *citations,
                                            const char         *path,
                                            const char * const *keys,
                                            const char         *why,
                                            GError            **error);
/* Fails if an English text key of @group uses a BCP 14 keyword (MUST, SHOULD, …) without a
 * source on that key. */
gboolean   sc_kb_citations_require_bcp14   (GPtrArray        *citations,
                                            GKeyFile         *keyfile,
                                            const char       *group,
                                            const char       *path,
                                            ScKbCitableFunc   citable,
                                            GError          **error);

G_END_DECLS
