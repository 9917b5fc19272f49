#pragma once

#include "sc-kb-database.h"

G_BEGIN_DECLS

/* One row of the side-by-side facts: label, each code's value, and whether they differ. */
typedef struct {
  const char *field;     /* the Label term key: "class", "senders", … */
  char       *label;
  char       *value_a;
  char       *value_b;
  gboolean    differs;
} ScKbFactRow;

#define SC_KB_TYPE_COMPARISON (sc_kb_comparison_get_type ())
G_DECLARE_FINAL_TYPE (ScKbComparison, sc_kb_comparison, SC_KB, COMPARISON, GObject)

ScKbComparison     *sc_kb_comparison_new             (ScKbDatabase   *db,
                                                      guint           a,
                                                      guint           b,
                                                      GError        **error);
ScKbEntry          *sc_kb_comparison_get_a           (ScKbComparison *self);
ScKbEntry          *sc_kb_comparison_get_b           (ScKbComparison *self);
gboolean            sc_kb_comparison_is_curated      (ScKbComparison *self);
GPtrArray          *sc_kb_comparison_get_citations   (ScKbComparison *self);
const char         *sc_kb_comparison_get_summary     (ScKbComparison *self,
                                                      ScKbLang        lang);
const char * const *sc_kb_comparison_get_differences (ScKbComparison *self,
                                                      ScKbLang        lang);
const char * const *sc_kb_comparison_get_noted_differences (ScKbComparison *self,
                                                            ScKbLang        lang);
const char * const *sc_kb_comparison_get_whens       (ScKbComparison *self,
                                                      ScKbLang        lang);
GPtrArray          *sc_kb_comparison_get_facts       (ScKbComparison *self,
                                                      ScKbLang        lang);

G_END_DECLS
