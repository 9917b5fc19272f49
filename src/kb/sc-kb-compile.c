/* sc-kb-compile: validates data/ (rules in data/README.md) and compiles it into the read-only
 * knowledge base. Runs at build time; any broken rule fails the build naming file and key. */
#define G_LOG_DOMAIN "sc-kb-compile"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sc-kb-error.h"
#include "sc-kb-rfc-shelf.h"
#include "sc-kb-source.h"
#include "sc-kb-vocab.h"
#include "sc-kb-writer.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
sorted_ini_files (const char  *dir,
                  GError     **error)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return NULL;
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".ini"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  return g_steal_pointer (&paths);
}

static gboolean
check_codes_exist (const char *path,
                   const char *key,
                   GArray     *codes,
                   GHashTable *known,
                   GError    **error)
{
  for (guint i = 0; i < codes->len; i++)
    {
      guint code = g_array_index (codes, guint, i);
      if (!g_hash_table_contains (known, GUINT_TO_POINTER (code)))
        {
          g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_SOURCE,
                       "%s: key '%s': %u has no file in codes/", path, key, code);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_entry_links (ScKbEntry  *entry,
                   GHashTable *known,
                   GError    **error)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (entry);
  g_autofree char *path = g_strdup_printf ("codes/%u.ini", facts->code);

  for (guint i = 0; i < facts->related->len; i++)
    if (g_array_index (facts->related, guint, i) == facts->code)
      {
        g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_SOURCE,
                     "%s: key 'Related': a code is not related to itself", path);
        return FALSE;
      }
  return check_codes_exist (path, "Related", facts->related, known, error) &&
         check_codes_exist (path, "StandardAlternative", facts->standard_alternatives, known, error);
}

/* Label/comparison is used as a format: exactly two %u and no other conversion. */
static gboolean
check_terms (const char *path,
             GHashTable *terms,
             GError    **error)
{
  static const char * const langs[] = { "en", "ja", NULL };

  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autofree char *key = g_strdup_printf ("Label/comparison/%s", langs[i]);
      const char *format = g_hash_table_lookup (terms, key);
      guint percents = 0, conversions = 0;

      for (const char *p = strchr (format, '%'); p != NULL; p = strchr (p + 1, '%'))
        {
          percents++;
          conversions += p[1] == 'u';
        }
      if (percents != 2 || conversions != 2)
        {
          g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_SOURCE,
                       "%s: [Label] comparison (%s) must hold exactly two %%u", path, langs[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_citations (ScKbRfcShelf  *shelf,
                 const char    *path,
                 GPtrArray     *citations,
                 GError       **error)
{
  for (guint i = 0; i < citations->len; i++)
    if (!sc_kb_rfc_shelf_check_citation (shelf, path, g_ptr_array_index (citations, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
check_text (ScKbRfcShelf  *shelf,
            const char    *path,
            const char    *key,
            ScKbLang       lang,
            const char    *text,
            GError       **error)
{
  g_autofree char *where = g_strdup_printf ("%s[%s]", key, sc_kb_lang_to_string (lang));

  return text == NULL || sc_kb_rfc_shelf_check_text (shelf, path, where, text, error);
}

static gboolean
check_texts (ScKbRfcShelf  *shelf,
             const char    *path,
             const char    *key,
             ScKbLang       lang,
             char * const  *texts,
             GError       **error)
{
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s%u", key, i + 1);
      if (!check_text (shelf, path, numbered, lang, texts[i], error))
        return FALSE;
    }
  return TRUE;
}

/* Every RFC and section the entry names exists, and every quote is in its section. */
static gboolean
check_entry_sources (ScKbRfcShelf  *shelf,
                     ScKbEntry     *entry,
                     GError       **error)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (entry);
  g_autofree char *path = g_strdup_printf ("codes/%u.ini", facts->code);

  for (guint i = 0; i < facts->rfcs->len; i++)
    {
      const ScKbRfcRef *ref = &g_array_index (facts->rfcs, ScKbRfcRef, i);
      if (!sc_kb_rfc_shelf_check_ref (shelf, path, "RFC", ref->number, ref->section, error))
        return FALSE;
    }
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    {
      const ScKbText *text = sc_kb_entry_get_text (entry, lang);
      if (!check_text (shelf, path, "Summary", lang, text->summary, error) ||
          !check_text (shelf, path, "Description", lang, text->description, error) ||
          !check_text (shelf, path, "NextStepDetail", lang, text->next_step_detail, error) ||
          !check_text (shelf, path, "Origin", lang, text->origin, error) ||
          !check_texts (shelf, path, "Cause", lang, text->causes, error) ||
          !check_texts (shelf, path, "Fix", lang, text->fixes, error) ||
          !check_texts (shelf, path, "Note", lang, text->notes, error))
        return FALSE;
    }
  return check_citations (shelf, path, facts->citations, error);
}

static gboolean
check_pair_sources (ScKbRfcShelf   *shelf,
                    const char     *path,
                    ScKbPairNotes  *notes,
                    GError        **error)
{
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    {
      const ScKbPairText *text = &notes->texts[lang];
      if (!check_text (shelf, path, "Summary", lang, text->summary, error) ||
          !check_texts (shelf, path, "Difference", lang, text->differences, error) ||
          !check_texts (shelf, path, "When", lang, text->whens, error))
        return FALSE;
    }
  return check_citations (shelf, path, notes->citations, error);
}

/* A topic's RFC and sections named in its texts exist, every quote is in its section, and the
 * responses it names are codes we have. */
static gboolean
check_topic (ScKbRfcShelf  *shelf,
             GHashTable    *known,
             const char    *path,
             ScKbTopic     *topic,
             GError       **error)
{
  g_autoptr(GArray) response = g_array_new (FALSE, FALSE, sizeof (guint));

  if (topic->rfc.number != 0 &&
      !sc_kb_rfc_shelf_check_ref (shelf, path, "RFC", topic->rfc.number, topic->rfc.section, error))
    return FALSE;
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    {
      const ScKbTopicText *text = &topic->texts[lang];
      if (!check_text (shelf, path, "Meaning", lang, text->meaning, error) ||
          !check_text (shelf, path, "Check", lang, text->check, error) ||
          !check_text (shelf, path, "Sender", lang, text->sender, error) ||
          !check_text (shelf, path, "Deviation", lang, text->deviation, error))
        return FALSE;
    }
  if (topic->sip_response != 0)
    g_array_append_val (response, topic->sip_response);
  return check_codes_exist (path, "SipResponse", response, known, error) &&
         check_codes_exist (path, "FromSip", topic->from_sip, known, error) &&
         check_codes_exist (path, "Codes", topic->codes, known, error) &&
         check_citations (shelf, path, topic->citations, error);
}

/* data/warnings/, data/q850/ and data/headers/: every file loaded, checked and written. */
static gboolean
write_topics (ScKbWriter    *writer,
              ScKbRfcShelf  *shelf,
              GHashTable    *known,
              const char    *data_dir,
              GError       **error)
{
  static const char * const dirs[SC_KB_N_TOPIC_KINDS] = { "warnings", "q850", "headers" };

  for (guint kind = 0; kind < SC_KB_N_TOPIC_KINDS; kind++)
    {
      g_autofree char *dir = g_build_filename (data_dir, dirs[kind], NULL);
      g_autoptr(GPtrArray) files = sorted_ini_files (dir, error);

      if (files == NULL)
        return FALSE;
      for (guint i = 0; i < files->len; i++)
        {
          const char *path = g_ptr_array_index (files, i);
          g_autoptr(ScKbTopic) topic = sc_kb_source_load_topic (path, kind, error);

          if (topic == NULL || !check_topic (shelf, known, path, topic, error) ||
              !sc_kb_writer_add_topic (writer, topic, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_rfcs (ScKbWriter    *writer,
            ScKbRfcShelf  *shelf,
            GError       **error)
{
  g_autoptr(GPtrArray) rfcs = sc_kb_rfc_shelf_list (shelf);

  if (!sc_kb_rfc_shelf_check_all_used (shelf, error))
    return FALSE;
  for (guint i = 0; i < rfcs->len; i++)
    if (!sc_kb_writer_add_rfc (writer, g_ptr_array_index (rfcs, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
compile (const char  *data_dir,
         const char  *output,
         GError     **error)
{
  g_autofree char *codes_dir = g_build_filename (data_dir, "codes", NULL);
  g_autofree char *compare_dir = g_build_filename (data_dir, "compare", NULL);
  g_autofree char *terms_path = g_build_filename (data_dir, "terms.ini", NULL);
  g_autofree char *rfc_dir = g_build_filename (data_dir, "rfc", NULL);
  g_autoptr(ScKbRfcShelf) shelf = NULL;
  g_autoptr(GPtrArray) code_files = sorted_ini_files (codes_dir, error);
  g_autoptr(GPtrArray) pair_files = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) known = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) terms = NULL;
  g_autoptr(ScKbWriter) writer = NULL;

  if (code_files == NULL || !(pair_files = sorted_ini_files (compare_dir, error)))
    return FALSE;
  if (!(shelf = sc_kb_rfc_shelf_load (rfc_dir, error)))
    return FALSE;
  if (!(terms = sc_kb_source_load_terms (terms_path, error)) || !check_terms (terms_path, terms, error))
    return FALSE;
  for (guint i = 0; i < code_files->len; i++)
    {
      ScKbEntry *entry = sc_kb_source_load_code (g_ptr_array_index (code_files, i), error);
      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (entries, entry);
      g_hash_table_add (known, GUINT_TO_POINTER (sc_kb_entry_get_code (entry)));
    }

  if (!(writer = sc_kb_writer_new (output, error)) || !sc_kb_writer_add_terms (writer, terms, error))
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    if (!check_entry_links (g_ptr_array_index (entries, i), known, error) ||
        !check_entry_sources (shelf, g_ptr_array_index (entries, i), error) ||
        !sc_kb_writer_add_entry (writer, g_ptr_array_index (entries, i), error))
      return FALSE;
  for (guint i = 0; i < pair_files->len; i++)
    {
      const char *path = g_ptr_array_index (pair_files, i);
      g_autoptr(ScKbPairNotes) notes = sc_kb_source_load_pair (path, error);
      g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (guint));

      if (notes == NULL)
        return FALSE;
      g_array_append_vals (codes, (guint[]) { notes->a, notes->b }, 2);
      if (!check_codes_exist (path, "Codes", codes, known, error) ||
          !check_pair_sources (shelf, path, notes, error) ||
          !sc_kb_writer_add_pair (writer, notes, error))
        return FALSE;
    }
  return write_topics (writer, shelf, known, data_dir, error) &&
         write_rfcs (writer, shelf, error) && sc_kb_writer_finish (writer, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (argc != 3)
    {
      g_printerr ("usage: %s DATA-DIR OUTPUT.db\n", argv[0]);
      return 2;
    }
  if (!compile (argv[1], argv[2], &error))
    {
      g_printerr ("sc-kb-compile: %s\n", error->message);
      g_remove (argv[2]);
      return 1;
    }
  return 0;
}
