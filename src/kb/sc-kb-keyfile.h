#pragma once

#include <glib.h>

#include "sc-kb-citation.h"
#include "sc-kb-entry.h"

G_BEGIN_DECLS

/* What every reader of one file shares: the file, its group, and the keys it has used so far,
 * so that unknown keys can be reported at the end. */
typedef struct {
  const char *path;
  const char *group;
  GKeyFile   *keyfile;
  GHashTable *used;
} ScKbKeyfile;

gboolean sc_kb_keyfile_fail         (const ScKbKeyfile *src,
                                     GError           **error,
                                     const char        *format,
                                     ...) G_GNUC_PRINTF (3, 4);
gboolean sc_kb_keyfile_open         (ScKbKeyfile  *src,
                                     const char   *path,
                                     const char   *group,
                                     GError      **error);
void     sc_kb_keyfile_close        (ScKbKeyfile  *src);
gboolean sc_kb_keyfile_has          (ScKbKeyfile  *src,
                                     const char   *key);
char    *sc_kb_keyfile_text         (ScKbKeyfile  *src,
                                     const char   *key,
                                     GError      **error);
char    *sc_kb_keyfile_localized    (ScKbKeyfile  *src,
                                     const char   *key,
                                     ScKbLang      lang,
                                     GError      **error);
GStrv    sc_kb_keyfile_list         (ScKbKeyfile  *src,
                                     const char   *key,
                                     gboolean      allow_empty,
                                     GError      **error);
gboolean sc_kb_keyfile_parse_number (const char   *text,
                                     guint         min,
                                     guint         max,
                                     guint        *out);
gboolean sc_kb_keyfile_codes        (ScKbKeyfile  *src,
                                     const char   *key,
                                     GArray       *into,
                                     GError      **error);
gboolean sc_kb_keyfile_parse_rfc_ref (const char  *item,
                                      ScKbRfcRef  *ref);
gboolean sc_kb_keyfile_check_no_unknown_keys (ScKbKeyfile  *src,
                                              GError      **error);
gboolean sc_kb_keyfile_load_citations (ScKbKeyfile        *src,
                                       GPtrArray          *into,
                                       ScKbCitableFunc     citable,
                                       const char * const *required,
                                       GError            **error);

G_END_DECLS
