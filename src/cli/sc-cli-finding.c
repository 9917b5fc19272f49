/* A finding of the explanation model as the CLI shows it: a few indented lines of text, or a
 * JSON object; explain, and capture for each failure, print them alike. */
#define G_LOG_DOMAIN "sc-cli"

#include "sc-cli-finding.h"

/* "What to do: text", "対処：テキスト": a full-width colon needs no space after it. */
void
sc_cli_append_labelled (GString    *out,
                        const char *label,
                        const char *text)
{
  g_string_append_printf (out, g_str_has_suffix (label, "：") ? "%s%s\n" : "%s %s\n", label, text);
}

/* The labels are in the language of the explanations (--lang), like the texts they introduce. */
void
sc_cli_finding_print (GString                  *out,
                      ScKbDatabase             *db,
                      ScKbLang                  lang,
                      const ScDiagnosisFinding *f,
                      guint                     first_line)
{
  static const char * const marks[] = { " ", "!", "✗" };

  if (f->line > 0)
    {
      g_autofree char *at = g_strdup_printf (sc_kb_database_term (db, "Label", "at-line", lang), first_line + f->line - 1);
      g_string_append_printf (out, "  %s %s  %s\n", marks[f->severity], at, f->title);
    }
  else
    g_string_append_printf (out, "  %s %s\n", marks[f->severity], f->title);
  if (f->meaning != NULL)
    g_string_append_printf (out, "      %s\n", f->meaning);
  if (f->detail != NULL)
    g_string_append_printf (out, "      %s\n", f->detail);
  if (f->check != NULL)
    {
      g_string_append (out, "      ");
      sc_cli_append_labelled (out, sc_kb_database_term (db, "Label", "what-to-do", lang), f->check);
    }
  if (f->link != NULL && g_str_has_prefix (f->link, "code:"))
    g_string_append_printf (out, "      → sip-codes lookup %s\n", f->link + 5);
  if (f->rfc != 0)
    g_string_append_printf (out, "      → sip-codes rfc %u %s\n", f->rfc, f->section ? f->section : "");
}

void
sc_cli_finding_add_json (JsonBuilder              *builder,
                         const ScDiagnosisFinding *f)
{
  json_builder_begin_object (builder);
  sc_cli_json_add_string (builder, "kind", sc_diagnosis_finding_kind_to_string (f->kind));
  sc_cli_json_add_string (builder, "severity", sc_diagnosis_severity_to_string (f->severity));
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, f->line);
  sc_cli_json_add_string (builder, "title", f->title);
  sc_cli_json_add_string (builder, "meaning", f->meaning);
  sc_cli_json_add_string (builder, "check", f->check);
  sc_cli_json_add_string (builder, "detail", f->detail);
  sc_cli_json_add_string (builder, "link", f->link);
  json_builder_set_member_name (builder, "rfc");
  if (f->rfc == 0)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, f->rfc);
      sc_cli_json_add_string (builder, "section", f->section);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "offset");
  json_builder_add_int_value (builder, f->offset);
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, f->length);
  json_builder_end_object (builder);
}
