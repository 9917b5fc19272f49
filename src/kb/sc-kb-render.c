#define G_LOG_DOMAIN "sc-kb-render"

#include "sc-kb-render.h"

#include <string.h>

typedef struct {
  GString         *out;
  ScKbDatabase    *db;
  ScKbLang         lang;
  ScKbRenderStyle  style;
} Doc;

static const char *
label (Doc        *doc,
       const char *key)
{
  return sc_kb_database_term (doc->db, "Label", key, doc->lang);
}

/* Japanese text takes the full-width colon (and no space after it; see fact()). */
static const char *
colon (Doc *doc)
{
  return doc->lang == SC_KB_LANG_JA ? "：" : ":";
}

/* Terminal columns: East Asian wide characters take two. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static void
heading (Doc        *doc,
         guint       level,
         const char *text)
{
  if (doc->out->len > 0 && !g_str_has_suffix (doc->out->str, "\n\n"))
    g_string_append_c (doc->out, '\n');
  if (doc->style == SC_KB_RENDER_MARKDOWN)
    {
      g_string_append_printf (doc->out, "%.*s %s\n\n", level, "###", text);
      return;
    }
  g_string_append_printf (doc->out, "%s\n", text);
  for (guint i = display_width (text); i > 0; i--)
    g_string_append (doc->out, level == 1 ? "=" : "-");
  g_string_append (doc->out, "\n\n");
}

static void
paragraph (Doc        *doc,
           const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    g_string_append_printf (doc->out, "%s\n\n", paragraphs[i]);
}

static void
bullets (Doc                *doc,
         const char * const *items)
{
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (doc->out, "- %s\n", items[i]);
}

static void
section (Doc                *doc,
         const char         *key,
         const char * const *items)
{
  if (items == NULL || items[0] == NULL)
    return;
  heading (doc, 2, label (doc, key));
  bullets (doc, items);
}

static void
fact (Doc        *doc,
      const char *key,
      const char *value)
{
  if (doc->style == SC_KB_RENDER_MARKDOWN)
    g_string_append_printf (doc->out, "- **%s**%s %s\n", label (doc, key), colon (doc), value);
  else
    g_string_append_printf (doc->out, "%s%s%s%s\n", label (doc, key), colon (doc), doc->lang == SC_KB_LANG_JA ? "" : " ", value);
}

char *
sc_kb_render_rfc (const ScKbRfcRef *ref,
                  ScKbLang          lang)
{
  return lang == SC_KB_LANG_JA ? g_strdup_printf ("RFC %u %s節", ref->number, ref->section)
                               : g_strdup_printf ("RFC %u §%s", ref->number, ref->section);
}

static char *
join_list (Doc                *doc,
           const char         *kind,
           const char * const *items)
{
  const char *separator = doc->lang == SC_KB_LANG_JA ? "、" : ", ";
  GString *out = g_string_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", i ? separator : "",
                            kind ? sc_kb_database_term (doc->db, kind, items[i], doc->lang) : items[i]);
  if (out->len == 0)
    g_string_append (out, label (doc, "none"));
  return g_string_free (out, FALSE);
}

static char *
join_codes (Doc    *doc,
            GArray *codes,
            const char *prefix)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  for (guint i = 0; i < codes->len; i++)
    sc_strv_builder_add_owned (builder, g_strdup_printf ("%s%u", prefix, g_array_index (codes, guint, i)));
  items = g_strv_builder_end (builder);
  return join_list (doc, NULL, (const char * const *) items);
}

static char *
join_rfcs (Doc    *doc,
           GArray *rfcs)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  for (guint i = 0; i < rfcs->len; i++)
    sc_strv_builder_add_owned (builder, sc_kb_render_rfc (&g_array_index (rfcs, ScKbRfcRef, i), doc->lang));
  items = g_strv_builder_end (builder);
  return join_list (doc, NULL, (const char * const *) items);
}

static void
entry_facts (Doc       *doc,
             ScKbEntry *entry)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (entry);
  const ScKbText *text = sc_kb_entry_get_text (entry, doc->lang);
  g_autofree char *klass = g_strdup_printf ("%u", sc_kb_entry_get_class (entry));
  g_autofree char *class_line = g_strdup_printf (doc->lang == SC_KB_LANG_JA ? "%s（%s）" : "%s (%s)", sc_kb_database_term (doc->db, "Class", klass, doc->lang),
                                                 label (doc, sc_kb_entry_is_final (entry) ? "final" : "provisional"));
  g_autofree char *rfcs = join_rfcs (doc, facts->rfcs);
  g_autofree char *obsoleted = join_codes (doc, facts->obsoleted_rfcs, "RFC ");
  g_autofree char *alternatives = join_codes (doc, facts->standard_alternatives, "");
  g_autofree char *senders = join_list (doc, "Sender", (const char * const *) facts->senders);
  g_autofree char *next = g_strdup_printf (doc->lang == SC_KB_LANG_JA ? "%s。%s" : "%s. %s", sc_kb_database_term (doc->db, "NextStep", facts->next_step, doc->lang),
                                           text->next_step_detail);
  g_autofree char *headers = join_list (doc, NULL, (const char * const *) facts->headers);
  g_autofree char *methods = join_list (doc, NULL, (const char * const *) facts->methods);
  g_autofree char *related = join_codes (doc, facts->related, "");
  g_autofree char *others = join_list (doc, NULL, (const char * const *) facts->other_reasons);

  fact (doc, "class", class_line);
  fact (doc, "status", sc_kb_database_term (doc->db, "Status", facts->status, doc->lang));
  if (facts->rfcs->len > 0)
    fact (doc, "rfc", rfcs);
  if (facts->obsoleted_rfcs->len > 0)
    fact (doc, "obsoleted-rfc", obsoleted);
  if (text->origin != NULL)
    fact (doc, "origin", text->origin);
  if (facts->standard_alternatives->len > 0)
    fact (doc, "standard-alternative", alternatives);
  if (facts->other_reasons[0] != NULL)
    fact (doc, "other-reasons", others);
  fact (doc, "senders", senders);
  fact (doc, "next-step", next);
  fact (doc, "headers", headers);
  fact (doc, "methods", g_str_equal (methods, "*") ? label (doc, "any-method") : methods);
  fact (doc, "related", related);
}

static void
entry_title (Doc       *doc,
             ScKbEntry *entry)
{
  const ScKbText *text = sc_kb_entry_get_text (entry, doc->lang);
  g_autofree char *title = NULL;

  if (g_str_equal (text->name, sc_kb_entry_get_reason (entry)))
    title = g_strdup_printf ("%u %s", sc_kb_entry_get_code (entry), text->name);
  else
    title = g_strdup_printf ("%u %s — %s", sc_kb_entry_get_code (entry), sc_kb_entry_get_reason (entry), text->name);
  heading (doc, 1, title);
}

/* Each source as "RFC 3261 §16.8: “quote”", with the command that shows the section in plain
 * text, a link to the RFC Editor's copy in Markdown. */
static void
sources (Doc       *doc,
         GPtrArray *citations)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  if (citations->len == 0)
    return;
  for (guint i = 0; i < citations->len; i++)
    {
      const ScKbCitation *c = g_ptr_array_index (citations, i);
      if (doc->style == SC_KB_RENDER_MARKDOWN)
        sc_strv_builder_add_owned (builder, g_strdup_printf ("[RFC %u §%s](https://www.rfc-editor.org/rfc/rfc%u#section-%s): “%s”",
                                                             c->rfc, c->section, c->rfc, c->section, c->quote));
      else
        sc_strv_builder_add_owned (builder, g_strdup_printf ("RFC %u §%s (sip-codes rfc %u %s): “%s”",
                                                             c->rfc, c->section, c->rfc, c->section, c->quote));
    }
  items = g_strv_builder_end (builder);
  section (doc, "sources", (const char * const *) items);
}

/**
 * sc_kb_render_entry:
 * Returns: (transfer full): the whole entry in @lang, as Markdown or plain text.
 */
char *
sc_kb_render_entry (ScKbDatabase    *db,
                    ScKbEntry       *entry,
                    ScKbLang         lang,
                    ScKbRenderStyle  style)
{
  Doc doc = { g_string_new (NULL), db, lang, style };
  const ScKbText *text = sc_kb_entry_get_text (entry, lang);

  entry_title (&doc, entry);
  paragraph (&doc, text->summary);
  entry_facts (&doc, entry);
  heading (&doc, 2, label (&doc, "description"));
  paragraph (&doc, text->description);
  section (&doc, "causes", (const char * const *) text->causes);
  section (&doc, "fixes", (const char * const *) text->fixes);
  section (&doc, "notes", (const char * const *) text->notes);
  sources (&doc, sc_kb_entry_get_facts (entry)->citations);
  return g_string_free (doc.out, FALSE);
}

static void
facts_table (Doc       *doc,
             GPtrArray *rows,
             guint      a,
             guint      b)
{
  if (doc->style == SC_KB_RENDER_MARKDOWN)
    g_string_append_printf (doc->out, "| | %u | %u |\n|---|---|---|\n", a, b);
  for (guint i = 0; i < rows->len; i++)
    {
      ScKbFactRow *row = g_ptr_array_index (rows, i);
      if (doc->style == SC_KB_RENDER_MARKDOWN)
        g_string_append_printf (doc->out, "| %s | %s | %s |\n", row->label, row->value_a, row->value_b);
      else
        g_string_append_printf (doc->out, "%s%s\n    %u: %s\n    %u: %s\n", row->differs ? "* " : "  ",
                                row->label, a, row->value_a, b, row->value_b);
    }
}

static void
entry_digest (Doc       *doc,
              ScKbEntry *entry)
{
  const ScKbText *text = sc_kb_entry_get_text (entry, doc->lang);
  g_autofree char *title = g_strdup_printf ("%u %s", sc_kb_entry_get_code (entry), sc_kb_entry_get_reason (entry));

  heading (doc, 2, title);
  paragraph (doc, text->description);
  if (doc->style == SC_KB_RENDER_MARKDOWN)
    g_string_append_printf (doc->out, "**%s**\n\n", label (doc, "causes"));
  else
    g_string_append_printf (doc->out, "%s%s\n", label (doc, "causes"), colon (doc));
  bullets (doc, (const char * const *) text->causes);
  if (doc->style == SC_KB_RENDER_MARKDOWN)
    g_string_append_printf (doc->out, "\n**%s**\n\n", label (doc, "fixes"));
  else
    g_string_append_printf (doc->out, "\n%s%s\n", label (doc, "fixes"), colon (doc));
  bullets (doc, (const char * const *) text->fixes);
}

/**
 * sc_kb_render_comparison:
 * Returns: (transfer full): summary, facts side by side, each code's description, causes and
 * fixes, the key differences and which to expect when.
 */
char *
sc_kb_render_comparison (ScKbDatabase    *db,
                         ScKbComparison  *comparison,
                         ScKbLang         lang,
                         ScKbRenderStyle  style)
{
  Doc doc = { g_string_new (NULL), db, lang, style };
  ScKbEntry *a = sc_kb_comparison_get_a (comparison);
  ScKbEntry *b = sc_kb_comparison_get_b (comparison);
  guint code_a = sc_kb_entry_get_code (a), code_b = sc_kb_entry_get_code (b);
  g_autofree char *title = g_strdup_printf (label (&doc, "comparison"), code_a, code_b);

  heading (&doc, 1, title);
  paragraph (&doc, sc_kb_comparison_get_summary (comparison, lang));
  facts_table (&doc, sc_kb_comparison_get_facts (comparison, lang), code_a, code_b);
  /* The facts table already shows the structural differences. */
  section (&doc, "differences", sc_kb_comparison_is_curated (comparison)
                                ? sc_kb_comparison_get_noted_differences (comparison, lang)
                                : sc_kb_comparison_get_differences (comparison, lang));
  section (&doc, "when", sc_kb_comparison_get_whens (comparison, lang));
  sources (&doc, sc_kb_comparison_get_citations (comparison));
  entry_digest (&doc, a);
  entry_digest (&doc, b);
  return g_string_free (doc.out, FALSE);
}
