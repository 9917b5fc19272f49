/* sip-codes rfc [NUMBER [SECTION]]: the RFC texts shipped with the knowledge base, offline. */
#define G_LOG_DOMAIN "sc-cli-rfc"

#include "config.h"

#include "sc-cli-private.h"

#include <stdio.h>
#include <string.h>

#include "sc-cli-json.h"
#include "sc-kb-error.h"

static gboolean
parse_rfc_number (const char *text,
                  guint      *number)
{
  const char *digits = text;
  guint64 value;
  char *end = NULL;

  if (g_ascii_strncasecmp (digits, "rfc", 3) == 0)
    digits += 3;
  while (*digits == ' ')
    digits++;
  if (!g_ascii_isdigit (*digits) || strlen (digits) > 5)
    return FALSE;
  value = g_ascii_strtoull (digits, &end, 10);
  if (*end != '\0' || value == 0)
    return FALSE;
  *number = (guint) value;
  return TRUE;
}

static void
print_list (GPtrArray *rfcs,
            gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rfcs->len; i++)
        {
          const ScKbRfcHit *hit = g_ptr_array_index (rfcs, i);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rfc");
          json_builder_add_int_value (builder, hit->number);
          sc_cli_json_add_string (builder, "title", hit->title);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      sc_cli_json_print (json_builder_get_root (builder));
      return;
    }
  for (guint i = 0; i < rfcs->len; i++)
    {
      const ScKbRfcHit *hit = g_ptr_array_index (rfcs, i);
      printf ("RFC %-5u  %s\n", hit->number, hit->title);
    }
}

static void
add_section_brief (JsonBuilder          *builder,
                   const ScKbRfcSection *section)
{
  sc_cli_json_add_string (builder, "id", section->id);
  sc_cli_json_add_string (builder, "title", section->title);
  json_builder_set_member_name (builder, "depth");
  json_builder_add_int_value (builder, section->depth);
}

static void
print_contents (const ScKbRfc *rfc,
                gboolean       json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rfc");
      json_builder_add_int_value (builder, rfc->number);
      sc_cli_json_add_string (builder, "title", rfc->title);
      sc_cli_json_add_string (builder, "source", rfc->origin);
      json_builder_set_member_name (builder, "sections");
      json_builder_begin_array (builder);
      for (guint i = 1; i < rfc->sections->len; i++)
        {
          json_builder_begin_object (builder);
          add_section_brief (builder, g_ptr_array_index (rfc->sections, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      sc_cli_json_print (json_builder_get_root (builder));
      return;
    }
  printf ("RFC %u  %s\n\n", rfc->number, rfc->title);
  for (guint i = 1; i < rfc->sections->len; i++)
    {
      const ScKbRfcSection *section = g_ptr_array_index (rfc->sections, i);
      printf ("%*s%s  %s\n", (int) (section->depth - 1) * 2, "", section->id, section->title);
    }
  printf ("\n%s\n", _("Show a section with “sip-codes rfc NUMBER SECTION”, e.g. “sip-codes rfc 3261 16.8”."));
}

/* The sections this one refers to, as "RFC:ID" ("3261:16.8", "3262:" for a whole RFC). */
static GPtrArray *
references_of (ScKbDatabase         *db,
               const ScKbRfc        *rfc,
               const ScKbRfcSection *section)
{
  g_autoptr(GArray) links = sc_kb_rfc_find_links (rfc->number, section->text);
  GPtrArray *refs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < links->len; i++)
    {
      const ScKbRfcLink *link = &g_array_index (links, ScKbRfcLink, i);
      g_autofree char *ref = g_strdup_printf ("%u:%s", link->number, link->id);
      g_autoptr(ScKbRfc) target = NULL;

      if (g_hash_table_contains (seen, ref) || (link->number == rfc->number && !*link->id))
        continue;
      target = link->number == rfc->number ? NULL : sc_kb_database_get_rfc (db, link->number, NULL);
      if (link->number != rfc->number && target == NULL)
        continue;
      if (*link->id && sc_kb_rfc_find (target ? target : rfc, link->id) == NULL)
        continue;
      g_hash_table_add (seen, g_strdup (ref));
      g_ptr_array_add (refs, g_steal_pointer (&ref));
    }
  return refs;
}

static void
print_section (ScKbDatabase         *db,
               const ScKbRfc        *rfc,
               const ScKbRfcSection *section,
               gboolean              json)
{
  g_autoptr(GPtrArray) refs = references_of (db, rfc, section);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rfc");
      json_builder_add_int_value (builder, rfc->number);
      sc_cli_json_add_string (builder, "rfc_title", rfc->title);
      add_section_brief (builder, section);
      sc_cli_json_add_string (builder, "text", section->text);
      json_builder_set_member_name (builder, "references");
      json_builder_begin_array (builder);
      for (guint i = 0; i < refs->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (refs, i), ":", 2);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rfc");
          json_builder_add_int_value (builder, g_ascii_strtoull (parts[0], NULL, 10));
          sc_cli_json_add_string (builder, "section", *parts[1] ? parts[1] : NULL);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      sc_cli_json_print (json_builder_get_root (builder));
      return;
    }
  printf ("RFC %u §%s  %s\n%s\n\n%s\n", rfc->number, section->id, section->title, rfc->title, section->text);
  if (refs->len > 0)
    {
      printf ("\n%s\n", _("Refers to:"));
      for (guint i = 0; i < refs->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (refs, i), ":", 2);
          printf ("  sip-codes rfc %s%s%s\n", parts[0], *parts[1] ? " " : "", parts[1]);
        }
    }
}

static int
show (ScKbDatabase *db,
      guint         number,
      const char   *section_text,
      gboolean      json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScKbRfc) rfc = sc_kb_database_get_rfc (db, number, &error);
  g_autofree char *id = NULL;
  const ScKbRfcSection *section;

  if (rfc == NULL)
    {
      if (!g_error_matches (error, SC_KB_ERROR, SC_KB_ERROR_NOT_FOUND))
        {
          g_printerr ("sip-codes: %s\n", error->message);
          return SC_CLI_EXIT_UNEXPECTED;
        }
      g_printerr (_("sip-codes: RFC %u is not among the RFCs shipped with SIP Codes; “sip-codes rfc” lists them."), number);
      g_printerr ("\n");
      return SC_CLI_EXIT_NOT_FOUND;
    }
  if (section_text == NULL)
    {
      print_contents (rfc, json);
      return SC_CLI_EXIT_OK;
    }
  id = sc_kb_rfc_section_id_parse (section_text);
  if (id == NULL)
    return sc_cli_usage_error ("rfc", _("“%s” is not a section number: give one such as 16.8 or A.1"), section_text);
  section = sc_kb_rfc_find (rfc, id);
  if (section == NULL)
    {
      g_printerr (_("sip-codes: RFC %u has no section %s; “sip-codes rfc %u” lists its sections."), number, id, number);
      g_printerr ("\n");
      return SC_CLI_EXIT_NOT_FOUND;
    }
  print_section (db, rfc, section, json);
  return SC_CLI_EXIT_OK;
}

int
sc_cli_rfc (int    argc,
            char **argv)
{
  ScCliCommon common = { 0 };
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &common.json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[NUMBER [SECTION]]"));
  g_autoptr(ScKbDatabase) db = NULL;
  int status = SC_CLI_EXIT_OK;
  guint number = 0;

  g_option_context_set_summary (context, _("Read the RFCs the knowledge base cites, offline: without a number, the list; "
                                           "with a number, its sections; with a section, its text."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sc_cli_parse (context, &common, &argc, &argv, "rfc", &status))
    goto out;
  if (argc > 3)
    {
      status = sc_cli_usage_error ("rfc", _("give at most an RFC number and a section, e.g. “sip-codes rfc 3261 16.8”"));
      goto out;
    }
  if (argc >= 2 && !parse_rfc_number (argv[1], &number))
    {
      status = sc_cli_usage_error ("rfc", _("“%s” is not an RFC number: give one such as 3261"), argv[1]);
      goto out;
    }
  if (!(db = sc_cli_open_database (&status)))
    goto out;
  if (argc == 1)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rfcs = sc_kb_database_list_rfcs (db, &error);
      if (rfcs == NULL)
        {
          g_printerr ("sip-codes: %s\n", error->message);
          status = SC_CLI_EXIT_UNEXPECTED;
        }
      else
        print_list (rfcs, common.json);
    }
  else
    status = show (db, number, argc == 3 ? argv[2] : NULL, common.json);
out:
  g_free (common.lang_name);
  return status;
}
