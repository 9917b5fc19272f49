/* sip-codes explain [FILE|-]: what a pasted SIP message or trace means, line by line. Exit 0
 * when something was explained, 1 when the text holds no SIP message, 2 on bad usage. */
#define G_LOG_DOMAIN "sc-cli-explain"

#include "config.h"

#include "sc-cli-private.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "sc-cli-input.h"
#include "sc-cli-json.h"
#include "sc-diagnosis.h"
#include "sc-diagnosis-text.h"

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static JsonNode *
diagnosis_json (ScDiagnosis *diagnosis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "lang", sc_kb_lang_to_string (sc_diagnosis_get_language (diagnosis)));
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sc_diagnosis_get_n_messages (diagnosis); i++)
    {
      const ScDiagnosisMessage *m = sc_diagnosis_get_message (diagnosis, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "first_line");
      json_builder_add_int_value (builder, m->first_line);
      json_builder_set_member_name (builder, "lines");
      json_builder_add_int_value (builder, m->n_lines);
      add_string (builder, "start_line", m->start_line);
      add_string (builder, "call_id", m->call_id);
      add_string (builder, "error", m->error);
      json_builder_set_member_name (builder, "findings");
      json_builder_begin_array (builder);
      for (guint j = 0; j < m->findings->len; j++)
        {
          const ScDiagnosisFinding *f = g_ptr_array_index (m->findings, j);

          json_builder_begin_object (builder);
          add_string (builder, "kind", sc_diagnosis_finding_kind_to_string (f->kind));
          add_string (builder, "severity", sc_diagnosis_severity_to_string (f->severity));
          json_builder_set_member_name (builder, "line");
          json_builder_add_int_value (builder, f->line);
          add_string (builder, "title", f->title);
          add_string (builder, "meaning", f->meaning);
          add_string (builder, "check", f->check);
          add_string (builder, "detail", f->detail);
          add_string (builder, "link", f->link);
          json_builder_set_member_name (builder, "rfc");
          if (f->rfc == 0)
            json_builder_add_null_value (builder);
          else
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "number");
              json_builder_add_int_value (builder, f->rfc);
              add_string (builder, "section", f->section);
              json_builder_end_object (builder);
            }
          json_builder_set_member_name (builder, "offset");
          json_builder_add_int_value (builder, f->offset);
          json_builder_set_member_name (builder, "length");
          json_builder_add_int_value (builder, f->length);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* "What to do: text", "対処：テキスト": a full-width colon needs no space after it. */
static void
append_labelled (GString    *out,
                 const char *label,
                 const char *text)
{
  g_string_append_printf (out, g_str_has_suffix (label, "：") ? "%s%s\n" : "%s %s\n", label, text);
}

/* The labels are in the language of the explanations (--lang), like the texts they introduce. */
static void
print_finding (GString                  *out,
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
      append_labelled (out, sc_kb_database_term (db, "Label", "what-to-do", lang), f->check);
    }
  if (f->link != NULL && g_str_has_prefix (f->link, "code:"))
    g_string_append_printf (out, "      → sip-codes lookup %s\n", f->link + 5);
  if (f->rfc != 0)
    g_string_append_printf (out, "      → sip-codes rfc %u %s\n", f->rfc, f->section ? f->section : "");
}

static void
print_diagnosis (GString      *out,
                 ScKbDatabase *db,
                 ScDiagnosis  *diagnosis)
{
  ScKbLang lang = sc_diagnosis_get_language (diagnosis);

  for (guint i = 0; i < sc_diagnosis_get_n_messages (diagnosis); i++)
    {
      const ScDiagnosisMessage *m = sc_diagnosis_get_message (diagnosis, i);
      g_autofree char *heading = NULL;

      heading = g_strdup_printf (sc_kb_database_term (db, "Label", "message-at", lang), i + 1, m->first_line);
      if (i > 0)
        g_string_append_c (out, '\n');
      append_labelled (out, heading, m->start_line);
      for (guint j = 0; j < m->findings->len; j++)
        print_finding (out, db, lang, g_ptr_array_index (m->findings, j), m->first_line);
    }
}

int
sc_cli_explain (int    argc,
                char **argv)
{
  ScCliCommon common = { 0 };
  g_autofree char *cert_path = NULL;
  GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &common.lang_name, N_("Language of the explanations: en or ja"), "en|ja" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &common.json, N_("Print JSON"), NULL },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &cert_path, N_("Check the signatures of Identity headers with this certificate (PEM)"), "F" },
    { NULL }
  };
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("[FILE|-]"));
  g_autoptr(ScKbDatabase) db = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ScDiagnosis) diagnosis = NULL;
  g_autoptr(GError) error = NULL;
  int status = SC_CLI_EXIT_OK;

  g_option_context_set_summary (context, _("Explain a SIP message or several (a log, a trace): the status, Reason causes, "
                                           "Warning codes and the headers that matter, line by line."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sc_cli_parse (context, &common, &argc, &argv, "explain", &status))
    goto out;
  if (argc > 2)
    {
      status = sc_cli_usage_error ("explain", _("give one file, or - for standard input"));
      goto out;
    }
  if (!(bytes = sc_cli_read_bounded (argc == 2 ? argv[1] : NULL, SC_DIAGNOSIS_MAX_TEXT, _("a SIP message or trace"), &error)))
    {
      g_printerr ("sip-codes explain: %s\n", error->message);
      status = SC_CLI_EXIT_USAGE;
      goto out;
    }
  if (cert_path != NULL && !(cert = sc_cli_read_bounded (cert_path, 64 * 1024, _("a certificate"), &error)))
    {
      status = sc_cli_usage_error ("explain", "%s", error->message);
      goto out;
    }
  if (!(db = sc_cli_open_database (&status)))
    goto out;
  if (!(diagnosis = sc_diagnosis_new_verifying (db, bytes, common.lang, cert, &error)))
    {
      g_printerr ("sip-codes explain: %s\n", error->message);
      status = SC_CLI_EXIT_NOT_FOUND;
      goto out;
    }
  if (common.json)
    sc_cli_json_print (diagnosis_json (diagnosis));
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *shown = NULL;

      print_diagnosis (out, db, diagnosis);
      shown = sc_sip_printable_lines (out->str, out->len);
      fputs (shown, stdout);
    }
out:
  g_free (common.lang_name);
  return status;
}
