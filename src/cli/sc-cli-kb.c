/* The knowledge-base subcommands: lookup, search, compare, list. */
#define G_LOG_DOMAIN "sc-cli-kb"

#include "config.h"

#include "sc-cli-private.h"

#include <stdio.h>

#include "sc-cli-json.h"
#include "sc-kb-comparison.h"
#include "sc-kb-error.h"
#include "sc-kb-normalize.h"
#include "sc-kb-render.h"
#include "sc-kb-search.h"

#define COMMON_OPTIONS(common) \
  { "lang", 0, 0, G_OPTION_ARG_STRING, &(common).lang_name, N_("Language of the text: en or ja (default: from the locale)"), "LANG" }, \
  { "json", 0, 0, G_OPTION_ARG_NONE, &(common).json, N_("Print JSON"), NULL }

static GOptionContext *
new_context (const char   *parameters,
             const char   *summary,
             GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static void
print_text (char *text)
{
  fputs (text, stdout);
  g_free (text);
}

/* Not found: say so, name the nearest codes, exit 1. */
static int
report_missing (ScKbDatabase *db,
                guint         code,
                ScKbLang      lang)
{
  g_autoptr(GArray) nearest = sc_kb_database_nearest_codes (db, code, 3);

  g_printerr (_("sip-codes: %u is not a registered SIP response code, nor one met in the wild."), code);
  g_printerr ("\n");
  sc_cli_print_nearest (db, nearest, lang);
  return SC_CLI_EXIT_NOT_FOUND;
}

static gboolean
parse_code_argument (const char *command,
                     const char *text,
                     guint      *code,
                     int        *exit_status)
{
  if (sc_cli_parse_code (text, code))
    return TRUE;
  *exit_status = sc_cli_usage_error (command, _("“%s” is not a SIP response code: give a number from 100 to 699"), text);
  return FALSE;
}

int
sc_cli_lookup (int    argc,
               char **argv)
{
  ScCliCommon common = { 0 };
  GOptionEntry entries[] = { COMMON_OPTIONS (common), { NULL } };
  g_autoptr(GOptionContext) context = new_context (_("CODE"), _("Explain one SIP response code."), entries);
  g_autoptr(ScKbDatabase) db = NULL;
  g_autoptr(ScKbEntry) entry = NULL;
  int status = SC_CLI_EXIT_OK;
  guint code;

  if (!sc_cli_parse (context, &common, &argc, &argv, "lookup", &status))
    goto out;
  if (argc != 2)
    {
      status = sc_cli_usage_error ("lookup", _("give exactly one code, e.g. “sip-codes lookup 428”"));
      goto out;
    }
  if (!parse_code_argument ("lookup", argv[1], &code, &status) || !(db = sc_cli_open_database (&status)))
    goto out;
  entry = sc_kb_database_lookup (db, code, NULL);
  if (entry == NULL)
    status = report_missing (db, code, common.lang);
  else if (common.json)
    sc_cli_json_print (sc_cli_json_entry (entry));
  else
    print_text (sc_kb_render_entry (db, entry, common.lang, SC_KB_RENDER_PLAIN));
out:
  g_free (common.lang_name);
  return status;
}

static void
print_hits (ScKbDatabase *db,
            GArray       *hits,
            ScCliCommon  *common)
{
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; i < hits->len; i++)
    {
      const ScKbHit *hit = &g_array_index (hits, ScKbHit, i);
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, hit->code, NULL);
      const ScKbText *text;

      if (entry == NULL)
        continue;
      text = sc_kb_entry_get_text (entry, common->lang);
      if (common->json)
        json_array_add_element (array, sc_cli_json_hit (entry, hit, common->lang));
      else
        {
          const char *reason = sc_kb_entry_get_reason (entry);
          if (g_str_equal (reason, text->name))
            printf ("%u  %s\n     %s\n", hit->code, reason, text->summary);
          else
            printf ("%u  %s — %s\n     %s\n", hit->code, reason, text->name, text->summary);
        }
    }
  if (common->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, array);
      sc_cli_json_print (g_steal_pointer (&node));
    }
}

/* Section titles of the shipped RFCs that match, after the codes: text output only, so that
 * the JSON stays an array of code hits. Returns how many were printed. */
static guint
print_rfc_sections (ScKbDatabase *db,
                    const char   *query,
                    guint         limit)
{
  g_autoptr(GPtrArray) sections = sc_kb_database_find_rfc_sections (db, query, limit, NULL);

  if (sections == NULL || sections->len == 0)
    return 0;
  printf ("\n%s\n", _("RFC sections:"));
  for (guint i = 0; i < sections->len; i++)
    {
      const ScKbRfcHit *hit = g_ptr_array_index (sections, i);
      if (*hit->id == '\0')
        printf ("RFC %u  %s\n     sip-codes rfc %u\n", hit->number, hit->title, hit->number);
      else
        printf ("RFC %u §%s  %s\n     sip-codes rfc %u %s\n", hit->number, hit->id, hit->title, hit->number, hit->id);
    }
  return sections->len;
}

int
sc_cli_search (int    argc,
               char **argv)
{
  ScCliCommon common = { 0 };
  int limit = 10;
  GOptionEntry entries[] = {
    COMMON_OPTIONS (common),
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N results (default 10)"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context (_("QUERY…"), _("Find SIP response codes by number (428, ４２８), range (4xx, 42), phrase or words, in English or Japanese."), entries);
  g_autoptr(ScKbDatabase) db = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  int status = SC_CLI_EXIT_OK;

  if (!sc_cli_parse (context, &common, &argc, &argv, "search", &status))
    goto out;
  query = argc >= 2 ? g_strjoinv (" ", argv + 1) : g_strdup ("");
  if (limit < 1)
    {
      status = sc_cli_usage_error ("search", _("--limit must be at least 1"));
      goto out;
    }
  if (*g_strstrip (query) == '\0')
    {
      status = sc_cli_usage_error ("search", _("give something to search for, e.g. “sip-codes search busy”"));
      goto out;
    }
  if (!(db = sc_cli_open_database (&status)))
    goto out;
  hits = sc_kb_search (db, query, limit, &error);
  if (hits == NULL)
    {
      status = sc_cli_usage_error ("search", "%s", error->message);
      goto out;
    }
  print_hits (db, hits, &common);
  if (!common.json && print_rfc_sections (db, query, MIN (limit, 8)) > 0)
    goto out;
  if (hits->len == 0)
    {
      g_autoptr(GArray) nearest = sc_kb_search_suggest (db, query, 3);
      g_autofree char *shown = sc_sip_printable (query, -1);
      g_printerr (_("sip-codes: nothing matches “%s”."), shown);
      g_printerr ("\n");
      sc_cli_print_nearest (db, nearest, common.lang);
      status = SC_CLI_EXIT_NOT_FOUND;
    }
out:
  g_free (common.lang_name);
  return status;
}

int
sc_cli_compare (int    argc,
                char **argv)
{
  ScCliCommon common = { 0 };
  gboolean markdown = FALSE;
  GOptionEntry entries[] = {
    COMMON_OPTIONS (common),
    { "markdown", 0, 0, G_OPTION_ARG_NONE, &markdown, N_("Print Markdown"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context (_("CODE CODE"), _("Compare two SIP response codes side by side."), entries);
  g_autoptr(ScKbDatabase) db = NULL;
  g_autoptr(ScKbComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  int status = SC_CLI_EXIT_OK;
  guint a, b;

  if (!sc_cli_parse (context, &common, &argc, &argv, "compare", &status))
    goto out;
  if (argc != 3)
    {
      status = sc_cli_usage_error ("compare", _("give exactly two codes, e.g. “sip-codes compare 200 428”"));
      goto out;
    }
  if (common.json && markdown)
    {
      status = sc_cli_usage_error ("compare", _("choose one of --json and --markdown"));
      goto out;
    }
  if (!parse_code_argument ("compare", argv[1], &a, &status) ||
      !parse_code_argument ("compare", argv[2], &b, &status))
    goto out;
  if (a == b)
    {
      status = sc_cli_usage_error ("compare", _("give two different codes (got %u twice)"), a);
      goto out;
    }
  if (!(db = sc_cli_open_database (&status)))
    goto out;
  comparison = sc_kb_comparison_new (db, a, b, &error);
  if (comparison == NULL && g_error_matches (error, SC_KB_ERROR, SC_KB_ERROR_NOT_FOUND))
    status = report_missing (db, sc_kb_database_has_code (db, a) ? b : a, common.lang);
  else if (comparison == NULL)
    {
      g_printerr ("sip-codes: %s\n", error->message);
      status = SC_CLI_EXIT_UNEXPECTED;
    }
  else if (common.json)
    sc_cli_json_print (sc_cli_json_comparison (comparison));
  else
    print_text (sc_kb_render_comparison (db, comparison, common.lang,
                                         markdown ? SC_KB_RENDER_MARKDOWN : SC_KB_RENDER_PLAIN));
out:
  g_free (common.lang_name);
  return status;
}

/* "4", "4xx", "4XX", "４xx" → 4. */
static gboolean
parse_class (const char *text,
             guint      *klass)
{
  g_autofree char *normalized = sc_kb_normalize (text);

  if (normalized[0] < '1' || normalized[0] > '6')
    return FALSE;
  if (normalized[1] != '\0' && !g_str_equal (normalized + 1, "xx"))
    return FALSE;
  *klass = normalized[0] - '0';
  return TRUE;
}

int
sc_cli_list (int    argc,
             char **argv)
{
  ScCliCommon common = { 0 };
  g_autofree char *class_name = NULL;
  GOptionEntry entries[] = {
    COMMON_OPTIONS (common),
    { "class", 0, 0, G_OPTION_ARG_STRING, &class_name, N_("Only this class: 1xx … 6xx"), "CLASS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = new_context (NULL, _("List the SIP response codes."), entries);
  g_autoptr(ScKbDatabase) db = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int status = SC_CLI_EXIT_OK;
  guint klass = 0;

  if (!sc_cli_parse (context, &common, &argc, &argv, "list", &status))
    goto out;
  if (argc != 1)
    {
      status = sc_cli_usage_error ("list", _("unexpected argument “%s”"), argv[1]);
      goto out;
    }
  if (class_name != NULL && !parse_class (class_name, &klass))
    {
      status = sc_cli_usage_error ("list", _("“%s” is not a class: use 1xx, 2xx, 3xx, 4xx, 5xx or 6xx"), class_name);
      goto out;
    }
  if (!(db = sc_cli_open_database (&status)))
    goto out;
  list = sc_kb_database_list (db, klass, &error);
  if (list == NULL)
    {
      g_printerr ("sip-codes: %s\n", error->message);
      status = SC_CLI_EXIT_UNEXPECTED;
      goto out;
    }
  if (common.json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (array, sc_cli_json_brief (g_ptr_array_index (list, i)));
      json_node_set_array (node, array);
      sc_cli_json_print (g_steal_pointer (&node));
    }
  else
    for (guint i = 0; i < list->len; i++)
      {
        ScKbEntry *entry = g_ptr_array_index (list, i);
        printf ("%u  %s — %s\n", sc_kb_entry_get_code (entry), sc_kb_entry_get_reason (entry),
                sc_kb_entry_get_text (entry, common.lang)->name);
      }
out:
  g_free (common.lang_name);
  return status;
}
