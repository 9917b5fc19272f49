/* sip-codes explain [FILE|-]: what a pasted SIP message or trace means, line by line. Exit 0
 * when something was explained, 1 when the text holds no SIP message, 2 on bad usage. */
#define G_LOG_DOMAIN "sc-cli-explain"

#include "config.h"

#include "sc-cli-private.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "sc-cli-finding.h"
#include "sc-cli-input.h"
#include "sc-cli-json.h"
#include "sc-diagnosis.h"
#include "sc-diagnosis-text.h"

static JsonNode *
diagnosis_json (ScDiagnosis *diagnosis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  sc_cli_json_add_string (builder, "lang", sc_kb_lang_to_string (sc_diagnosis_get_language (diagnosis)));
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
      sc_cli_json_add_string (builder, "start_line", m->start_line);
      sc_cli_json_add_string (builder, "call_id", m->call_id);
      sc_cli_json_add_string (builder, "error", m->error);
      json_builder_set_member_name (builder, "findings");
      json_builder_begin_array (builder);
      for (guint j = 0; j < m->findings->len; j++)
        {
          sc_cli_finding_add_json (builder, g_ptr_array_index (m->findings, j));
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
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
      sc_cli_append_labelled (out, heading, m->start_line);
      for (guint j = 0; j < m->findings->len; j++)
        sc_cli_finding_print (out, db, lang, g_ptr_array_index (m->findings, j), m->first_line);
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
