#define G_LOG_DOMAIN "sc-kb-comparison"

#include "sc-kb-comparison.h"

#include "sc-kb-dialog-effect.h"
#include "sc-kb-error.h"

/* How each language writes a list inside a sentence and a fact difference. */
typedef struct {
  const char *list_separator;
  const char *difference;      /* label, code a, value a, code b, value b */
  const char *code_summary;    /* code, reason, summary */
  const char *code_when;       /* code, senders, cause */
  const char *same_class;      /* class, finality */
  const char *other_class;     /* code a, class a, code b, class b */
  const char *differ_in;       /* list of labels */
  const char *alike;           /* nothing structural differs */
  const char *next_step;       /* code, the code's own next step */
} LangFormat;

static const LangFormat formats[SC_KB_N_LANGS] = {
  [SC_KB_LANG_EN] = { "; ", "%s: %u — %s; %u — %s.", "%u %s: %s",
                      "Expect %u from a %s when: %s",
                      "Both are of class %s (%s).", "%u is %s, %u is %s.", "They differ in: %s.",
                      "Who sends them, what the caller does next and what happens to the dialog are the same: "
                      "what sets them apart is the condition each reports and the change each asks for.",
                      "After %u: %s" },
  [SC_KB_LANG_JA] = { "、", "%s：%uは%s、%uは%s。", "%u %s：%s",
                      "%1$uが返るのは（送信元：%2$s）：%3$s",
                      "どちらも%sの%sです。", "%uは%s、%uは%sです。", "違いは%sです。",
                      "送信元、発信側の次の動作、ダイアログへの影響は同じで、違うのは各コードが伝える状況と求める修正です。",
                      "%uの後：%s" },
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
  GPtrArray *citations;   /* of the curated notes; empty without */
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
  g_clear_pointer (&self->citations, g_ptr_array_unref);
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
join_terms_with (ScKbDatabase       *db,
                 const char         *kind,
                 const char * const *keys,
                 ScKbLang            lang,
                 const char         *separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, kind ? sc_kb_database_term (db, kind, keys[i], lang) : keys[i]);
    }
  if (out->len == 0)
    g_string_append (out, sc_kb_database_term (db, "Label", "none", lang));
  return g_string_free (out, FALSE);
}

static char *
join_terms (ScKbDatabase       *db,
            const char         *kind,
            const char * const *keys,
            ScKbLang            lang)
{
  return join_terms_with (db, kind, keys, lang, formats[lang].list_separator);
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
  if (g_str_equal (field, "actor"))
    return g_strdup (sc_kb_database_term (db, "Actor", facts->next_step, lang));
  if (g_str_equal (field, "dialog"))
    return g_strdup (sc_kb_database_term (db, "Dialog", sc_kb_dialog_effect (facts->code), lang));
  if (g_str_equal (field, "methods"))
    return g_str_equal (facts->methods[0] ? facts->methods[0] : "*", "*")
           ? g_strdup (sc_kb_database_term (db, "Label", "any-method", lang))
           : join_terms (db, NULL, (const char * const *) facts->methods, lang);
  g_assert_not_reached ();
}

static const char * const fact_fields[] = {
  "class", "finality", "status", "senders", "next-step", "actor", "retry", "dialog", "ack", "headers",
  "methods", NULL
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
      /* A row that says the same twice tells the reader nothing; the class anchors the table. */
      if (!row->differs && i > 0)
        {
          fact_row_free (row);
          continue;
        }
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static char *
code_summary (ScKbEntry *entry,
              ScKbLang   lang)
{
  return g_strdup_printf (formats[lang].code_summary, sc_kb_entry_get_code (entry),
                          sc_kb_entry_get_reason (entry), sc_kb_entry_get_text (entry, lang)->summary);
}

/* Without curated notes: what the two share, which facts set them apart, then what each means. */
static char *
derived_summary (ScKbComparison *self,
                 ScKbDatabase   *db,
                 GPtrArray      *rows,
                 ScKbLang        lang)
{
  const LangFormat *f = &formats[lang];
  g_autofree char *class_a = fact_value (db, self->a, "class", lang);
  g_autofree char *class_b = fact_value (db, self->b, "class", lang);
  g_autofree char *finality = fact_value (db, self->a, "final", lang);
  g_autofree char *sa = code_summary (self->a, lang);
  g_autofree char *sb = code_summary (self->b, lang);
  g_autoptr(GString) labels = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  if (g_str_equal (class_a, class_b))
    g_string_append_printf (out, f->same_class, class_a, finality);
  else
    g_string_append_printf (out, f->other_class, sc_kb_entry_get_code (self->a), class_a,
                            sc_kb_entry_get_code (self->b), class_b);
  for (guint i = 1; i < rows->len; i++)
    g_string_append_printf (labels, "%s%s", labels->len ? f->list_separator : "",
                            ((ScKbFactRow *) g_ptr_array_index (rows, i))->label);
  if (lang == SC_KB_LANG_EN)
    g_string_append_c (out, ' ');
  if (labels->len > 0)
    g_string_append_printf (out, f->differ_in, labels->str);
  else if (g_str_equal (class_a, class_b))
    g_string_append (out, f->alike);
  g_string_append_printf (out, "\n%s\n%s", sa, sb);
  return g_string_free (out, FALSE);
}

/* Each code's own next step always differs in substance; the dialog and actor rows get a
 * sentence when they differ, being what a reader acts on. */
static GStrv
derived_differences (ScKbComparison *self,
                     GPtrArray      *rows,
                     ScKbLang        lang)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint code_a = sc_kb_entry_get_code (self->a), code_b = sc_kb_entry_get_code (self->b);

  for (ScKbEntry **e = (ScKbEntry *[]) { self->a, self->b, NULL }; *e != NULL; e++)
    sc_strv_builder_add_owned (builder, g_strdup_printf (formats[lang].next_step, sc_kb_entry_get_code (*e),
                                                         sc_kb_entry_get_text (*e, lang)->next_step_detail));
  for (guint i = 0; i < rows->len; i++)
    {
      ScKbFactRow *row = g_ptr_array_index (rows, i);
      if (row->differs && (g_str_equal (row->field, "actor") || g_str_equal (row->field, "dialog")))
        sc_strv_builder_add_owned (builder, g_strdup_printf (formats[lang].difference, row->label,
                                                             code_a, row->value_a, code_b, row->value_b));
    }
  return g_strv_builder_end (builder);
}

static char *
derived_when (ScKbDatabase *db,
              ScKbEntry    *entry,
              ScKbLang      lang)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (entry);
  /* "a proxy; gateway" would read as two lists: one sender or another, in English. */
  g_autofree char *senders = join_terms_with (db, "Sender", (const char * const *) facts->senders, lang,
                                              lang == SC_KB_LANG_EN ? " or " : formats[lang].list_separator);

  return g_strdup_printf (formats[lang].code_when, sc_kb_entry_get_code (entry), senders,
                          sc_kb_entry_get_text (entry, lang)->causes[0]);
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
  if (notes != NULL)
    {
      part->noted = g_strdupv (notes->texts[lang].differences);
      g_strv_builder_addv (differences, (const char **) part->noted);
      for (guint i = 1; i < part->facts->len; i++)
        {
          ScKbFactRow *row = g_ptr_array_index (part->facts, i);
          sc_strv_builder_add_owned (differences, g_strdup_printf (formats[lang].difference, row->label,
                                                                   code_a, row->value_a, code_b, row->value_b));
        }
      part->differences = g_strv_builder_end (differences);
      part->summary = g_strdup (notes->texts[lang].summary);
      g_strv_builder_addv (whens, (const char **) notes->texts[lang].whens);
    }
  else
    {
      part->differences = derived_differences (self, part->facts, lang);
      part->noted = g_strdupv (part->differences);
      part->summary = derived_summary (self, db, part->facts, lang);
      for (ScKbEntry **e = (ScKbEntry *[]) { self->a, self->b, NULL }; *e != NULL; e++)
        sc_strv_builder_add_owned (whens, derived_when (db, *e, lang));
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
  self->citations = notes != NULL ? g_ptr_array_ref (notes->citations)
                                  : g_ptr_array_new_with_free_func ((GDestroyNotify) sc_kb_citation_free);
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

/**
 * sc_kb_comparison_get_citations:
 * Returns: (transfer none) (element-type ScKbCitation): the sources of the curated notes.
 */
GPtrArray *
sc_kb_comparison_get_citations (ScKbComparison *self)
{
  g_return_val_if_fail (SC_KB_IS_COMPARISON (self), NULL);
  return self->citations;
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
