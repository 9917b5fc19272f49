#define G_LOG_DOMAIN "sc-cli-json"

#include "sc-cli-json.h"

#include <stdio.h>

/* "member": [ items… ]; NULL items give an empty array. */
void
sc_cli_json_add_strv (JsonBuilder        *builder,
                      const char         *member,
                      const char * const *items)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    json_builder_add_string_value (builder, items[i]);
  json_builder_end_array (builder);
}

static void
add_codes (JsonBuilder *builder,
           const char  *member,
           GArray      *codes)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < codes->len; i++)
    json_builder_add_int_value (builder, g_array_index (codes, guint, i));
  json_builder_end_array (builder);
}

/* "member": "value", or null. */
void
sc_cli_json_add_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_rfcs (JsonBuilder *builder,
          GArray      *rfcs)
{
  json_builder_set_member_name (builder, "rfc");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rfcs->len; i++)
    {
      const ScKbRfcRef *ref = &g_array_index (rfcs, ScKbRfcRef, i);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rfc");
      json_builder_add_int_value (builder, ref->number);
      sc_cli_json_add_string (builder, "section", ref->section);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_text (JsonBuilder    *builder,
          const ScKbText *text)
{
  json_builder_begin_object (builder);
  sc_cli_json_add_string (builder, "name", text->name);
  sc_cli_json_add_string (builder, "summary", text->summary);
  sc_cli_json_add_string (builder, "description", text->description);
  sc_cli_json_add_string (builder, "next_step_detail", text->next_step_detail);
  if (text->origin != NULL)
    sc_cli_json_add_string (builder, "origin", text->origin);
  sc_cli_json_add_strv (builder, "causes", (const char * const *) text->causes);
  sc_cli_json_add_strv (builder, "fixes", (const char * const *) text->fixes);
  sc_cli_json_add_strv (builder, "notes", (const char * const *) text->notes);
  json_builder_end_object (builder);
}

static void
add_head (JsonBuilder *builder,
          ScKbEntry   *entry)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (entry);

  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, facts->code);
  json_builder_set_member_name (builder, "class");
  json_builder_add_int_value (builder, sc_kb_entry_get_class (entry));
  sc_cli_json_add_string (builder, "reason", facts->reason);
  json_builder_set_member_name (builder, "final");
  json_builder_add_boolean_value (builder, sc_kb_entry_is_final (entry));
  sc_cli_json_add_string (builder, "status", facts->status);
}

/* "sources": [ { "key", "rfc", "section", "quote" } ] */
static void
add_sources (JsonBuilder *builder,
             GPtrArray   *citations)
{
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < citations->len; i++)
    {
      const ScKbCitation *c = g_ptr_array_index (citations, i);
      json_builder_begin_object (builder);
      sc_cli_json_add_string (builder, "key", c->key);
      json_builder_set_member_name (builder, "rfc");
      json_builder_add_int_value (builder, c->rfc);
      sc_cli_json_add_string (builder, "section", c->section);
      sc_cli_json_add_string (builder, "quote", c->quote);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_entry (JsonBuilder *builder,
             ScKbEntry   *entry)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (entry);

  json_builder_begin_object (builder);
  add_head (builder, entry);
  sc_cli_json_add_strv (builder, "other_reasons", (const char * const *) facts->other_reasons);
  add_rfcs (builder, facts->rfcs);
  add_codes (builder, "obsoleted_rfc", facts->obsoleted_rfcs);
  add_codes (builder, "standard_alternative", facts->standard_alternatives);
  sc_cli_json_add_strv (builder, "sender", (const char * const *) facts->senders);
  sc_cli_json_add_string (builder, "next_step", facts->next_step);
  sc_cli_json_add_strv (builder, "headers", (const char * const *) facts->headers);
  sc_cli_json_add_strv (builder, "methods", (const char * const *) facts->methods);
  add_codes (builder, "related", facts->related);
  add_sources (builder, facts->citations);
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    {
      json_builder_set_member_name (builder, sc_kb_lang_to_string (lang));
      add_text (builder, sc_kb_entry_get_text (entry, lang));
    }
  json_builder_end_object (builder);
}

/**
 * sc_cli_json_entry:
 * The lookup object: facts, then "en" and "ja" with every text.
 */
JsonNode *
sc_cli_json_entry (ScKbEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  build_entry (builder, entry);
  return json_builder_get_root (builder);
}

/* The list row: number, class, phrase, finality, status and the names in both languages. */
JsonNode *
sc_cli_json_brief (ScKbEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_head (builder, entry);
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    {
      json_builder_set_member_name (builder, sc_kb_lang_to_string (lang));
      json_builder_begin_object (builder);
      sc_cli_json_add_string (builder, "name", sc_kb_entry_get_text (entry, lang)->name);
      sc_cli_json_add_string (builder, "summary", sc_kb_entry_get_text (entry, lang)->summary);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const char * const match_names[] = { "code", "range", "name", "text" };

JsonNode *
sc_cli_json_hit (ScKbEntry     *entry,
                 const ScKbHit *hit,
                 ScKbLang       lang)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, hit->code);
  sc_cli_json_add_string (builder, "reason", sc_kb_entry_get_reason (entry));
  sc_cli_json_add_string (builder, "name", sc_kb_entry_get_text (entry, lang)->name);
  json_builder_set_member_name (builder, "score");
  json_builder_add_double_value (builder, ((gint64) (hit->score * 1000.0)) / 1000.0);
  sc_cli_json_add_string (builder, "match", match_names[hit->match]);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
add_facts (JsonBuilder *builder,
           GPtrArray   *rows)
{
  json_builder_set_member_name (builder, "facts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      ScKbFactRow *row = g_ptr_array_index (rows, i);
      json_builder_begin_object (builder);
      sc_cli_json_add_string (builder, "field", row->field);
      sc_cli_json_add_string (builder, "label", row->label);
      sc_cli_json_add_string (builder, "a", row->value_a);
      sc_cli_json_add_string (builder, "b", row->value_b);
      json_builder_set_member_name (builder, "differs");
      json_builder_add_boolean_value (builder, row->differs);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
sc_cli_json_comparison (ScKbComparison *comparison)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "a");
  build_entry (builder, sc_kb_comparison_get_a (comparison));
  json_builder_set_member_name (builder, "b");
  build_entry (builder, sc_kb_comparison_get_b (comparison));
  json_builder_set_member_name (builder, "curated");
  json_builder_add_boolean_value (builder, sc_kb_comparison_is_curated (comparison));
  add_sources (builder, sc_kb_comparison_get_citations (comparison));
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    {
      json_builder_set_member_name (builder, sc_kb_lang_to_string (lang));
      json_builder_begin_object (builder);
      sc_cli_json_add_string (builder, "summary", sc_kb_comparison_get_summary (comparison, lang));
      sc_cli_json_add_strv (builder, "differences", sc_kb_comparison_get_differences (comparison, lang));
      sc_cli_json_add_strv (builder, "when", sc_kb_comparison_get_whens (comparison, lang));
      add_facts (builder, sc_kb_comparison_get_facts (comparison, lang));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
sc_cli_json_print (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  puts (text);
}
