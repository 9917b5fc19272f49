#define G_LOG_DOMAIN "sc-kb-source"

#include "sc-kb-source.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sc-kb-error.h"
#include "sc-kb-vocab.h"

/* What every reader of one file shares: the file, its group, and the keys it has used so far,
 * so that unknown keys can be reported at the end. */
typedef struct {
  const char *path;
  const char *group;
  GKeyFile   *keyfile;
  GHashTable *used;
} Source;

static gboolean G_GNUC_PRINTF (3, 4)
fail (const Source *src,
      GError      **error,
      const char   *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return sc_kb_error_invalid_source (error, src->path, "%s", message);
}

static gboolean
source_open (Source      *src,
             const char  *path,
             const char  *group,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  src->path = path;
  src->group = group;
  src->keyfile = g_key_file_new ();
  src->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!g_key_file_load_from_file (src->keyfile, path, G_KEY_FILE_KEEP_TRANSLATIONS, &local_error))
    return fail (src, error, "%s", local_error->message);

  groups = g_key_file_get_groups (src->keyfile, NULL);
  if (g_strv_length (groups) != 1 || strcmp (groups[0], group) != 0)
    return fail (src, error, "expected exactly one group [%s]", group);
  return TRUE;
}

static void
source_close (Source *src)
{
  g_clear_pointer (&src->keyfile, g_key_file_unref);
  g_clear_pointer (&src->used, g_hash_table_unref);
}

static gboolean
source_has (Source     *src,
            const char *key)
{
  return g_key_file_has_key (src->keyfile, src->group, key, NULL);
}

/* A text value: present, not blank. */
static char *
source_text (Source      *src,
             const char  *key,
             GError     **error)
{
  g_autofree char *value = NULL;

  g_hash_table_add (src->used, g_strdup (key));
  value = g_key_file_get_string (src->keyfile, src->group, key, NULL);
  if (value == NULL)
    {
      fail (src, error, "key '%s' is missing", key);
      return NULL;
    }
  g_strstrip (value);
  if (*value == '\0')
    {
      fail (src, error, "key '%s' is empty", key);
      return NULL;
    }
  return g_steal_pointer (&value);
}

static char *
source_localized (Source      *src,
                  const char  *key,
                  ScKbLang     lang,
                  GError     **error)
{
  g_autofree char *full_key = NULL;

  if (lang == SC_KB_LANG_EN)
    return source_text (src, key, error);
  full_key = g_strdup_printf ("%s[%s]", key, sc_kb_lang_to_string (lang));
  return source_text (src, full_key, error);
}

/* A ';'-separated list; may be empty only if @allow_empty. Items are stripped and non-blank. */
static GStrv
source_list (Source      *src,
             const char  *key,
             gboolean     allow_empty,
             GError     **error)
{
  g_auto(GStrv) items = NULL;
  gsize n = 0;

  g_hash_table_add (src->used, g_strdup (key));
  if (!source_has (src, key))
    {
      fail (src, error, "key '%s' is missing", key);
      return NULL;
    }
  items = g_key_file_get_string_list (src->keyfile, src->group, key, &n, NULL);
  if (items == NULL)
    items = g_new0 (char *, 1);
  for (gsize i = 0; i < n; i++)
    if (*g_strstrip (items[i]) == '\0')
      {
        fail (src, error, "key '%s' has an empty item", key);
        return NULL;
      }
  if (n == 0 && !allow_empty)
    {
      fail (src, error, "key '%s' is empty", key);
      return NULL;
    }
  return g_steal_pointer (&items);
}

static gboolean
parse_number (const char *text,
              guint       min,
              guint       max,
              guint      *out)
{
  char *end = NULL;
  guint64 value;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  errno = 0;
  value = g_ascii_strtoull (text, &end, 10);
  if (errno != 0 || *end != '\0' || value < min || value > max)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
source_codes (Source      *src,
              const char  *key,
              GArray      *into,
              GError     **error)
{
  g_auto(GStrv) items = source_list (src, key, TRUE, error);

  if (items == NULL)
    return FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    {
      guint code;
      if (!parse_number (items[i], 100, 699, &code))
        return fail (src, error, "key '%s': '%s' is not a response code (100-699)", key, items[i]);
      g_array_append_val (into, code);
    }
  return TRUE;
}

/* RFC references read "NUMBER SECTION", e.g. "8224 6.2.2" or "3261 21.4.1". */
static gboolean
parse_rfc_ref (const char *item,
               ScKbRfcRef *ref)
{
  g_auto(GStrv) parts = g_strsplit (item, " ", -1);

  if (g_strv_length (parts) != 2 || !parse_number (parts[0], 1, 99999, &ref->number))
    return FALSE;
  if (!g_regex_match_simple ("^([0-9]+|[A-Z])(\\.[0-9]+)*$", parts[1], 0, 0))
    return FALSE;
  ref->section = g_strdup (parts[1]);
  return TRUE;
}

static gboolean
source_rfcs (Source      *src,
             ScKbFacts   *facts,
             gboolean     required,
             GError     **error)
{
  g_auto(GStrv) items = NULL;

  if (!required && !source_has (src, "RFC"))
    return TRUE;
  items = source_list (src, "RFC", FALSE, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    {
      ScKbRfcRef ref = { 0 };
      if (!parse_rfc_ref (items[i], &ref))
        return fail (src, error, "key 'RFC': '%s' is not of the form 'NUMBER SECTION' (e.g. '8224 6.2.2')", items[i]);
      g_array_append_val (facts->rfcs, ref);
    }
  return TRUE;
}

static gboolean
source_obsoleted (Source      *src,
                  ScKbFacts   *facts,
                  GError     **error)
{
  g_auto(GStrv) items = NULL;

  if (!source_has (src, "ObsoletedRFC"))
    return TRUE;
  items = source_list (src, "ObsoletedRFC", FALSE, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    {
      guint number;
      if (!parse_number (items[i], 1, 99999, &number))
        return fail (src, error, "key 'ObsoletedRFC': '%s' is not an RFC number", items[i]);
      g_array_append_val (facts->obsoleted_rfcs, number);
    }
  return TRUE;
}

static gboolean
check_vocab (Source             *src,
             const char         *key,
             const char * const *words,
             const char * const *vocab,
             GError            **error)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (!sc_kb_vocab_contains (vocab, words[i]))
      {
        g_autofree char *allowed = g_strjoinv (", ", (GStrv) vocab);
        return fail (src, error, "key '%s': '%s' is not one of: %s", key, words[i], allowed);
      }
  return TRUE;
}

/* CauseN, FixN…: numbered from 1 without gaps, each with its twin in every language. */
static GStrv
source_numbered (Source      *src,
                 const char  *prefix,
                 ScKbLang     lang,
                 guint        minimum,
                 GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = g_key_file_get_keys (src->keyfile, src->group, NULL, NULL);
  guint count = 0;

  while (TRUE)
    {
      g_autofree char *key = g_strdup_printf ("%s%u", prefix, count + 1);
      g_autofree char *text = NULL;

      if (!source_has (src, key))
        break;
      text = source_localized (src, key, lang, error);
      if (text == NULL)
        return NULL;
      if (strchr (text, '\n') != NULL)
        {
          fail (src, error, "key '%s': one item per key, no line breaks", key);
          return NULL;
        }
      g_strv_builder_add (builder, text);
      count++;
    }

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *base = g_strdup (keys[i]);
      char *bracket = strchr (base, '[');
      guint n;

      if (bracket != NULL)
        *bracket = '\0';
      if (g_str_has_prefix (base, prefix) && parse_number (base + strlen (prefix), 1, G_MAXUINT, &n)
          && n > count)
        {
          fail (src, error, "key '%s': numbering must run from %s1 without gaps", keys[i], prefix);
          return NULL;
        }
    }

  if (count < minimum)
    {
      fail (src, error, "needs at least %u '%sN' keys, has %u", minimum, prefix, count);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static gboolean
check_no_unknown_keys (Source  *src,
                       GError **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (src->keyfile, src->group, NULL, NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_hash_table_contains (src->used, keys[i]))
      return fail (src, error, "key '%s' is unknown or in a language we do not have (see data/README.md)", keys[i]);
  return TRUE;
}

static ScKbText *
load_code_text (Source      *src,
                ScKbLang     lang,
                gboolean     non_standard,
                GError     **error)
{
  g_autoptr(ScKbText) text = sc_kb_text_new ();

  if (!(text->name = source_localized (src, "Name", lang, error)) ||
      !(text->summary = source_localized (src, "Summary", lang, error)) ||
      !(text->description = source_localized (src, "Description", lang, error)) ||
      !(text->next_step_detail = source_localized (src, "NextStepDetail", lang, error)))
    return NULL;
  if (non_standard && !(text->origin = source_localized (src, "Origin", lang, error)))
    return NULL;
  if (!(text->causes = source_numbered (src, "Cause", lang, 2, error)) ||
      !(text->fixes = source_numbered (src, "Fix", lang, 2, error)) ||
      !(text->notes = source_numbered (src, "Note", lang, 0, error)))
    return NULL;
  return g_steal_pointer (&text);
}

static gboolean
load_code_facts (Source     *src,
                 ScKbFacts  *facts,
                 GError    **error)
{
  g_autofree char *basename = g_path_get_basename (src->path);
  g_autofree char *code_text = NULL;
  g_autofree char *expected = NULL;
  gboolean non_standard;

  if (!(code_text = source_text (src, "Code", error)))
    return FALSE;
  if (!parse_number (code_text, 100, 699, &facts->code))
    return fail (src, error, "key 'Code': '%s' is not a response code (100-699)", code_text);
  expected = g_strdup_printf ("%u.ini", facts->code);
  if (strcmp (basename, expected) != 0)
    return fail (src, error, "key 'Code': %u does not match the file name (expected %s)", facts->code, expected);

  if (!(facts->reason = source_text (src, "Reason", error)) ||
      !(facts->status = source_text (src, "Status", error)))
    return FALSE;
  if (!check_vocab (src, "Status", (const char *[]) { facts->status, NULL }, sc_kb_statuses, error))
    return FALSE;
  non_standard = g_str_equal (facts->status, "non-standard");

  facts->other_reasons = source_has (src, "OtherReasons")
                         ? source_list (src, "OtherReasons", FALSE, error) : g_new0 (char *, 1);
  if (facts->other_reasons == NULL ||
      !source_rfcs (src, facts, !non_standard, error) ||
      !source_obsoleted (src, facts, error))
    return FALSE;
  if (non_standard && !source_codes (src, "StandardAlternative", facts->standard_alternatives, error))
    return FALSE;
  if (non_standard && facts->standard_alternatives->len == 0)
    return fail (src, error, "key 'StandardAlternative' is missing: a non-standard code must name what a compliant peer sends");

  if (!(facts->senders = source_list (src, "Senders", FALSE, error)) ||
      !check_vocab (src, "Senders", (const char * const *) facts->senders, sc_kb_senders, error) ||
      !(facts->next_step = source_text (src, "NextStep", error)) ||
      !check_vocab (src, "NextStep", (const char *[]) { facts->next_step, NULL }, sc_kb_next_steps, error) ||
      !(facts->headers = source_list (src, "Headers", TRUE, error)) ||
      !(facts->methods = source_list (src, "Methods", FALSE, error)) ||
      !source_codes (src, "Related", facts->related, error))
    return FALSE;
  return TRUE;
}

static gboolean
is_numbered_key (const char         *key,
                 const char * const *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    {
      gsize len = strlen (prefixes[i]);
      guint n;
      if (g_str_has_prefix (key, prefixes[i]) && parse_number (key + len, 1, G_MAXUINT, &n))
        return TRUE;
    }
  return FALSE;
}

/* The keys whose statements can rest on an RFC sentence (see data/README.md). */
static gboolean
code_key_citable (GKeyFile   *keyfile,
                  const char *group,
                  const char *key)
{
  static const char * const plain[] = { "Summary", "Description", "NextStep", "NextStepDetail",
                                        "Senders", "Headers", "Methods", NULL };

  return (g_strv_contains (plain, key) ||
          is_numbered_key (key, (const char * const[]) { "Cause", "Fix", "Note", NULL })) &&
         g_key_file_has_key (keyfile, group, key, NULL);
}

static gboolean
pair_key_citable (GKeyFile   *keyfile,
                  const char *group,
                  const char *key)
{
  return (g_str_equal (key, "Summary") ||
          is_numbered_key (key, (const char * const[]) { "Difference", "When", NULL })) &&
         g_key_file_has_key (keyfile, group, key, NULL);
}

/* Who sends a registered code, what the client does next and what it means rest on the RFC;
 * a non-standard code has no RFC to rest on. */
static gboolean
load_citations (Source           *src,
                GPtrArray        *into,
                ScKbCitableFunc   citable,
                const char * const *required,
                GError          **error)
{
  g_autoptr(GPtrArray) citations = sc_kb_citations_read (src->keyfile, src->group, src->path,
                                                         citable, src->used, error);

  if (citations == NULL ||
      (required != NULL &&
       !sc_kb_citations_require (citations, src->path, required, "see data/README.md, Sources", error)) ||
      !sc_kb_citations_require_bcp14 (citations, src->keyfile, src->group, src->path, citable, error))
    return FALSE;
  while (citations->len > 0)
    g_ptr_array_add (into, g_ptr_array_steal_index (citations, 0));
  return TRUE;
}

/**
 * sc_kb_source_load_code:
 * Loads and validates one data/codes/NNN.ini.
 */
ScKbEntry *
sc_kb_source_load_code (const char  *path,
                        GError     **error)
{
  Source src = { 0 };
  g_autoptr(ScKbFacts) facts = sc_kb_facts_new ();
  ScKbText *texts[SC_KB_N_LANGS] = { NULL };
  ScKbEntry *entry = NULL;
  gboolean ok;

  ok = source_open (&src, path, "Code", error) && load_code_facts (&src, facts, error) &&
       load_citations (&src, facts->citations, code_key_citable,
                       g_str_equal (facts->status, "non-standard") ? NULL
                       : (const char * const[]) { "Description", "Senders", "NextStep", NULL },
                       error);
  for (guint lang = 0; ok && lang < SC_KB_N_LANGS; lang++)
    ok = (texts[lang] = load_code_text (&src, lang, g_str_equal (facts->status, "non-standard"), error)) != NULL;
  ok = ok && check_no_unknown_keys (&src, error);

  if (ok)
    entry = sc_kb_entry_new (g_steal_pointer (&facts), texts);
  else
    for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
      g_clear_pointer (&texts[lang], sc_kb_text_free);
  source_close (&src);
  return entry;
}

static gboolean
load_pair_codes (Source  *src,
                 guint   *a,
                 guint   *b,
                 GError **error)
{
  g_autofree char *basename = g_path_get_basename (src->path);
  g_autofree char *expected = NULL;
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!source_codes (src, "Codes", codes, error))
    return FALSE;
  if (codes->len != 2 || g_array_index (codes, guint, 0) >= g_array_index (codes, guint, 1))
    return fail (src, error, "key 'Codes': two different codes, lower first (e.g. 200;428)");
  *a = g_array_index (codes, guint, 0);
  *b = g_array_index (codes, guint, 1);
  expected = g_strdup_printf ("%u-%u.ini", *a, *b);
  if (strcmp (basename, expected) != 0)
    return fail (src, error, "key 'Codes': does not match the file name (expected %s)", expected);
  return TRUE;
}

/**
 * sc_kb_source_load_pair:
 * Loads and validates one data/compare/AAA-BBB.ini.
 */
ScKbPairNotes *
sc_kb_source_load_pair (const char  *path,
                        GError     **error)
{
  Source src = { 0 };
  g_autoptr(ScKbPairNotes) notes = NULL;
  guint a = 0, b = 0;
  gboolean ok;

  ok = source_open (&src, path, "Compare", error) && load_pair_codes (&src, &a, &b, error);
  if (ok)
    notes = sc_kb_pair_notes_new (a, b);
  for (guint lang = 0; ok && lang < SC_KB_N_LANGS; lang++)
    {
      ScKbPairText *text = &notes->texts[lang];
      ok = (text->summary = source_localized (&src, "Summary", lang, error)) &&
           (text->differences = source_numbered (&src, "Difference", lang, 2, error)) &&
           (text->whens = source_numbered (&src, "When", lang, 2, error));
    }
  ok = ok && load_citations (&src, notes->citations, pair_key_citable,
                             (const char * const[]) { "Summary", NULL }, error);
  ok = ok && check_no_unknown_keys (&src, error);
  source_close (&src);
  return ok ? g_steal_pointer (&notes) : NULL;
}

/**
 * sc_kb_source_load_terms:
 * Loads data/terms.ini: every kind of sc_kb_term_kinds, every key, in every language.
 */
GHashTable *
sc_kb_source_load_terms (const char  *path,
                         GError     **error)
{
  g_autoptr(GHashTable) terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  Source src = { .path = path };

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_KEEP_TRANSLATIONS, &local_error))
    {
      fail (&src, error, "%s", local_error->message);
      return NULL;
    }
  src.keyfile = keyfile;
  for (const ScKbTermKind *kind = sc_kb_term_kinds; kind->kind != NULL; kind++)
    {
      g_autofree char *where = g_strdup_printf ("%s [%s]", path, kind->kind);

      src.path = where;
      src.group = kind->kind;
      src.used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; kind->keys[i] != NULL; i++)
        for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
          {
            char *label = source_localized (&src, kind->keys[i], lang, error);
            if (label == NULL)
              {
                g_clear_pointer (&src.used, g_hash_table_unref);
                return NULL;
              }
            g_hash_table_insert (terms, g_strdup_printf ("%s/%s/%s", kind->kind, kind->keys[i],
                                                         sc_kb_lang_to_string (lang)), label);
          }
      g_clear_pointer (&src.used, g_hash_table_unref);
    }
  return g_steal_pointer (&terms);
}
