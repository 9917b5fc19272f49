#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One RFC's plain text, split into its numbered sections (data/rfc/rfcNNNN.txt). */

typedef struct {
  char  *id;      /* "16.8", "A.1"; "" for the front matter before section 1 */
  char  *title;   /* the heading's text without its number */
  char  *text;    /* the section's own text as the RFC sets it, page furniture removed */
  guint  depth;   /* 1 for "16", 2 for "16.8"; 0 for the front matter */
} ScKbRfcSection;

typedef struct {
  guint      number;
  char      *title;
  char      *origin;    /* where our copy came from: the file's "# source:" line */
  GPtrArray *sections;  /* of ScKbRfcSection, in order, the front matter first */
} ScKbRfc;

ScKbRfcSection       *sc_kb_rfc_section_new   (const char           *id,
                                               const char           *title,
                                               guint                 depth);
void                  sc_kb_rfc_section_free  (ScKbRfcSection       *section);

ScKbRfc              *sc_kb_rfc_parse         (guint                 number,
                                               const char           *text,
                                               GError              **error);
ScKbRfc              *sc_kb_rfc_load          (const char           *path,
                                               guint                 number,
                                               GError              **error);
const ScKbRfcSection *sc_kb_rfc_find          (const ScKbRfc        *rfc,
                                               const char           *id);
gboolean              sc_kb_rfc_section_quotes (const ScKbRfcSection *section,
                                               const char           *quote);
char                 *sc_kb_rfc_collapse_space (const char          *text);
void                  sc_kb_rfc_free          (ScKbRfc              *rfc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScKbRfc, sc_kb_rfc_free)

/* A reference inside an RFC's text: "Section 16.8", "Section 8.1 of [RFC3261]", "[RFC3262]".
 * Byte offsets into the text; @number is the RFC meant (the containing one for a bare
 * "Section"), @id is "" for a whole RFC. */
typedef struct {
  gsize  start;
  gsize  end;
  guint  number;
  char  *id;
} ScKbRfcLink;

GArray               *sc_kb_rfc_find_links     (guint                number,
                                               const char           *text);
/* How data/ names an RFC in running text: "RFC 3261", "RFC 3261 §16.8", "RFC 5626, §11.6",
 * "RFC 3261 Section 8.1.3.4"; id "" when no section is named. */
GArray               *sc_kb_rfc_find_mentions  (const char           *text);
/* "§6.2.2", "Section 6.2.2.", "6.2.2" → "6.2.2"; NULL if it is no section id. */
char                 *sc_kb_rfc_section_id_parse (const char        *text);

/* A section id as written in data/ ("16.8", "A", "B.2"). */
gboolean              sc_kb_rfc_section_id_valid (const char        *id);

G_END_DECLS
