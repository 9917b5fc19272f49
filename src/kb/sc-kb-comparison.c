#define G_LOG_DOMAIN "sc-kb-comparison"

#include "sc-kb-comparison.h"

#include "sc-kb-error.h"

/* How each language writes a list inside a sentence and a fact difference. */
typedef struct {
  const char *list_separator;
  const char *difference;      /* label, code a, value a, code b, value b */
  const char *code_summary;    /* code, reason, finality, class, summary */
  const char *code_when;       /* code, reason, cause */
} LangFormat;

static const LangFormat formats[SC_KB_N_LANGS] = {
  [SC_KB_LANG_EN] = { ", ", "%s: %u — %s; %u — %s.", "%u %s (%s, %s): %s", "%u %s: %s" },
  [SC_KB_LANG_JA] = { "・", "%s：%uは%s、%uは%s。", "%u %s（%s、%s）：%s", "%u %s：%s" },
};

typedef struct {
  char      *summary;
  GStrv      noted;          /* curated only */
  GStrv      differences;    /* curated, then derived from the facts */
  GStrv      whens;
  GPtrArray *facts;
} LangPart;

struct _ScKbComparison
{
  GObject    parent_instance;
  ScKbEntry *a;
  ScKbEntry *b;
  gboolean   curated;
  LangPart   parts[SC_KB_N_LANGS];
};

G_DEFINE_FINAL_TYPE (ScKbComparison, sc_kb_comparison, G_TYPE_OBJECT)

static void
fact_row_free (gpointer data)
{
  ScKbFactRow *row = data;

  g_free (row->label);
  g_free (row->value_a);
  g_free (row->value_b);
  g_free (row);
}

static void
sc_kb_comparison_finalize (GObject *object)
{
  ScKbComparison *self = SC_KB_COMPARISON (object);

  g_clear_object (&self->a);
  g_clear_object (&self->b);
  for (guint i = 0; i < SC_KB_N_LANGS; i++)
    {
      g_clear_pointer (&self->parts[i].summary, g_free);
      g_clear_pointer (&self->parts[i].noted, g_strfreev);
      g_clear_pointer (&self->parts[i].differences, g_strfreev);
      g_clear_pointer (&self->parts[i].whens, g_strfreev);
      g_clear_pointer (&self->parts[i].facts, g_ptr_array_unref);
    }
  G_OBJECT_CLASS (sc_kb_comparison_parent_class)->finalize (object);
}

static void
sc_kb_comparison_class_init (ScKbComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_kb_comparison_finalize;
}

static void
sc_kb_comparison_init (ScKbComparison *self)
{
}

static char *
join_terms (ScKbDatabase       *db,
            const char         *kind,
            const char * const *keys,
            ScKbLang            lang)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, formats[lang].list_separator);
      g_string_append (out, kind ? sc_kb_database_term (db, kind, keys[i], lang) : keys[i]);
    }
  if (out->len == 0)
    g_string_append (out, sc_kb_database_term (db, "Label", "none", lang));
  return g_string_free (out, FALSE);
}

/* RFC 3261 §17.1.1.3 and §13.2.2.4: who acknowledges a final response to INVITE. */
static const char *
ack_key (ScKbEntry *entry)
{
  switch (sc_kb_entry_get_class (entry))
    {
    case 1:
      return "provisional";
    case 2:
      return "end-to-end";
    default:
      return "hop-by-hop";
    }
}

static char *
fact_value (ScKbDatabase *db,
            ScKbEntry    *entry,
            const char   *field,
            ScKbLang      lang)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (entry);
  g_autofree char *klass = g_strdup_printf ("%u", sc_kb_entry_get_class (entry));

  if (g_str_equal (field, "class"))
    return g_strdup (sc_kb_database_term (db, "Class", klass, lang));
  if (g_str_equal (field, "finality") || g_str_equal (field, "final"))
    return g_strdup (sc_kb_database_term (db, "Label", sc_kb_entry_is_final (entry) ? "final" : "provisional", lang));
  if (g_str_equal (field, "status"))
    return g_strdup (sc_kb_database_term (db, "Status", facts->status, lang));
  if (g_str_equal (field, "senders"))
    return join_terms (db, "Sender", (const char * const *) facts->senders, lang);
  if (g_str_equal (field, "next-step"))
    return g_strdup (sc_kb_database_term (db, "NextStep", facts->next_step, lang));
  if (g_str_equal (field, "headers"))
    return join_terms (db, NULL, (const char * const *) facts->headers, lang);
  if (g_str_equal (field, "ack"))
    return g_strdup (sc_kb_database_term (db, "Ack", ack_key (entry), lang));
  if (g_str_equal (field, "retry"))
    return g_strdup (sc_kb_database_term (db, "Retry", facts->next_step, lang));
  g_assert_not_reached ();
}

static const char * const fact_fields[] = {
  "class", "finality", "status", "senders", "next-step", "headers", "ack", "retry", NULL
};

static GPtrArray *
build_facts (ScKbComparison *self,
             ScKbDatabase   *db,
             ScKbLang        lang)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (fact_row_free);

  for (guint i = 0; fact_fields[i] != NULL; i++)
    {
      ScKbFactRow *row = g_new0 (ScKbFactRow, 1);

      row->field = fact_fields[i];
      row->label = g_strdup (sc_kb_database_term (db, "Label", fact_fields[i], lang));
      row->value_a = fact_value (db, self->a, fact_fields[i], lang);
      row->value_b = fact_value (db, self->b, fact_fields[i], lang);
      row->differs = !g_str_equal (row->value_a, row->value_b);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static char *
code_summary (ScKbDatabase *db,
              ScKbEntry    *entry,
              ScKbLang      lang)
{
  g_autofree char *finality = fact_value (db, entry, "final", lang);
  g_autofree char *klass = fact_value (db, entry, "class", lang);

  return g_strdup_printf (formats[lang].code_summary, sc_kb_entry_get_code (entry),
                          sc_kb_entry_get_reason (entry), finality, klass,
                          sc_kb_entry_get_text (entry, lang)->summary);
}

/* Curated differences first (what the structure cannot say), then the structural ones. */
static void
build_part (ScKbComparison      *self,
            ScKbDatabase        *db,
            const ScKbPairNotes *notes,
            ScKbLang             lang)
{
  LangPart *part = &self->parts[lang];
  g_autoptr(GStrvBuilder) differences = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) whens = g_strv_builder_new ();
  guint code_a = sc_kb_entry_get_code (self->a), code_b = sc_kb_entry_get_code (self->b);

  part->facts = build_facts (self, db, lang);
  part->noted = notes != NULL ? g_strdupv (notes->texts[lang].differences) : g_new0 (char *, 1);
  g_strv_builder_addv (differences, (const char **) part->noted);
  for (guint i = 0; i < part->facts->len; i++)
    {
      ScKbFactRow *row = g_ptr_array_index (part->facts, i);
      if (row->differs)
        sc_strv_builder_add_owned (differences, g_strdup_printf (formats[lang].difference, row->label,
                                                           code_a, row->value_a, code_b, row->value_b));
    }
  part->differences = g_strv_builder_end (differences);

  if (notes != NULL)
    {
      part->summary = g_strdup (notes->texts[lang].summary);
      g_strv_builder_addv (whens, (const char **) notes->texts[lang].whens);
    }
  else
    {
      g_autofree char *sa = code_summary (db, self->a, lang);
      g_autofree char *sb = code_summary (db, self->b, lang);
      part->summary = g_strconcat (sa, "\n", sb, NULL);
      for (ScKbEntry **e = (ScKbEntry *[]) { self->a, self->b, NULL }; *e != NULL; e++)
        sc_strv_builder_add_owned (whens, g_strdup_printf (formats[lang].code_when, sc_kb_entry_get_code (*e),
                                                     sc_kb_entry_get_reason (*e),
                                                     sc_kb_entry_get_text (*e, lang)->causes[0]));
    }
  part->whens = g_strv_builder_end (whens);
}

/**
 * sc_kb_comparison_new:
 * Compares two different codes, in the order given. Fails with %SC_KB_ERROR_INVALID_QUERY
 * for the same code twice and %SC_KB_ERROR_NOT_FOUND for a code the knowledge base lacks.
 */
ScKbComparison *
sc_kb_comparison_new (ScKbDatabase  *db,
                      guint          a,
                      guint          b,
                      GError       **error)
{
  g_autoptr(ScKbComparison) self = NULL;
  g_autoptr(ScKbPairNotes) notes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SC_KB_IS_DATABASE (db), NULL);

  if (a == b)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_QUERY,
                   "a comparison needs two different codes (got %u twice)", a);
      return NULL;
    }
  self = g_object_new (SC_KB_TYPE_COMPARISON, NULL);
  if (!(self->a = sc_kb_database_lookup (db, a, error)) ||
      !(self->b = sc_kb_database_lookup (db, b, error)))
    return NULL;
  notes = sc_kb_database_get_pair_notes (db, a, b, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  self->curated = notes != NULL;
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    build_part (self, db, notes, lang);
  return g_steal_pointer (&self);
}

ScKbEntry *
sc_kb_comparison_get_a (ScKbComparison *self)
{
  g_return_val_if_fail (SC_KB_IS_COMPARISON (self), NULL);
  return self->a;
}

ScKbEntry *
sc_kb_comparison_get_b (ScKbComparison *self)
{
  g_return_val_if_fail (SC_KB_IS_COMPARISON (self), NULL);
  return self->b;
}

gboolean
sc_kb_comparison_is_curated (ScKbComparison *self)
{
  g_return_val_if_fail (SC_KB_IS_COMPARISON (self), FALSE);
  return self->curated;
}

const char *
sc_kb_comparison_get_summary (ScKbComparison *self,
                              ScKbLang        lang)
{
  g_return_val_if_fail (SC_KB_IS_COMPARISON (self), NULL);
  return self->parts[lang].summary;
}

const char * const *
sc_kb_comparison_get_differences (ScKbComparison *self,
                                  ScKbLang        lang)
{
  g_return_val_if_fail (SC_KB_IS_COMPARISON (self), NULL);
  return (const char * const *) self->parts[lang].differences;
}

/**
 * sc_kb_comparison_get_noted_differences:
 * Returns: the curated differences only; empty for a pair without curated notes. A view that
 * shows the facts side by side shows these, so as not to say the facts twice.
 */
const char * const *
sc_kb_comparison_get_noted_differences (ScKbComparison *self,
                                        ScKbLang        lang)
{
  g_return_val_if_fail (SC_KB_IS_COMPARISON (self), NULL);
  return (const char * const *) self->parts[lang].noted;
}

const char * const *
sc_kb_comparison_get_whens (ScKbComparison *self,
                            ScKbLang        lang)
{
  g_return_val_if_fail (SC_KB_IS_COMPARISON (self), NULL);
  return (const char * const *) self->parts[lang].whens;
}

/**
 * sc_kb_comparison_get_facts:
 * Returns: (transfer none) (element-type ScKbFactRow): the side-by-side facts.
 */
GPtrArray *
sc_kb_comparison_get_facts (ScKbComparison *self,
                            ScKbLang        lang)
{
  g_return_val_if_fail (SC_KB_IS_COMPARISON (self), NULL);
  return self->parts[lang].facts;
}
