#define G_LOG_DOMAIN "sc-kb-source"

#include "sc-kb-source.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sc-kb-error.h"
#include "sc-kb-keyfile.h"
#include "sc-kb-vocab.h"

static gboolean
source_rfcs (ScKbKeyfile  *src,
             ScKbFacts    *facts,
             gboolean      required,
             GError      **error)
{
  g_auto(GStrv) items = NULL;

  if (!required && !sc_kb_keyfile_has (src, "RFC"))
    return TRUE;
  items = sc_kb_keyfile_list (src, "RFC", FALSE, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    {
      ScKbRfcRef ref = { 0 };
      if (!sc_kb_keyfile_parse_rfc_ref (items[i], &ref))
        return sc_kb_keyfile_fail (src, error, "key 'RFC': '%s' is not of the form 'NUMBER SECTION' (e.g. '8224 6.2.2')", items[i]);
      g_array_append_val (facts->rfcs, ref);
    }
  return TRUE;
}

static gboolean
source_obsoleted (ScKbKeyfile  *src,
                  ScKbFacts    *facts,
                  GError      **error)
{
  g_auto(GStrv) items = NULL;

  if (!sc_kb_keyfile_has (src, "ObsoletedRFC"))
    return TRUE;
  items = sc_kb_keyfile_list (src, "ObsoletedRFC", FALSE, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    {
      guint number;
      if (!sc_kb_keyfile_parse_number (items[i], 1, 99999, &number))
        return sc_kb_keyfile_fail (src, error, "key 'ObsoletedRFC': '%s' is not an RFC number", items[i]);
      g_array_append_val (facts->obsoleted_rfcs, number);
    }
  return TRUE;
}

static gboolean
check_vocab (ScKbKeyfile         *src,
             const char          *key,
             const char * const  *words,
             const char * const  *vocab,
             GError             **error)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (!sc_kb_vocab_contains (vocab, words[i]))
      {
        g_autofree char *allowed = g_strjoinv (", ", (GStrv) vocab);
        return sc_kb_keyfile_fail (src, error, "key '%s': '%s' is not one of: %s", key, words[i], allowed);
      }
  return TRUE;
}

/* CauseN, FixN…: numbered from 1 without gaps, each with its twin in every language. */
static GStrv
source_numbered (ScKbKeyfile  *src,
                 const char   *prefix,
                 ScKbLang      lang,
                 guint         minimum,
                 GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = g_key_file_get_keys (src->keyfile, src->group, NULL, NULL);
  guint count = 0;

  while (TRUE)
    {
      g_autofree char *key = g_strdup_printf ("%s%u", prefix, count + 1);
      g_autofree char *text = NULL;

      if (!sc_kb_keyfile_has (src, key))
        break;
      text = sc_kb_keyfile_localized (src, key, lang, error);
      if (text == NULL)
        return NULL;
      if (strchr (text, '\n') != NULL)
        {
          sc_kb_keyfile_fail (src, error, "key '%s': one item per key, no line breaks", key);
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
      if (g_str_has_prefix (base, prefix) && sc_kb_keyfile_parse_number (base + strlen (prefix), 1, G_MAXUINT, &n)
          && n > count)
        {
          sc_kb_keyfile_fail (src, error, "key '%s': numbering must run from %s1 without gaps", keys[i], prefix);
          return NULL;
        }
    }

  if (count < minimum)
    {
      sc_kb_keyfile_fail (src, error, "needs at least %u '%sN' keys, has %u", minimum, prefix, count);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static ScKbText *
load_code_text (ScKbKeyfile  *src,
                ScKbLang      lang,
                gboolean      non_standard,
                GError      **error)
{
  g_autoptr(ScKbText) text = sc_kb_text_new ();

  if (!(text->name = sc_kb_keyfile_localized (src, "Name", lang, error)) ||
      !(text->summary = sc_kb_keyfile_localized (src, "Summary", lang, error)) ||
      !(text->description = sc_kb_keyfile_localized (src, "Description", lang, error)) ||
      !(text->next_step_detail = sc_kb_keyfile_localized (src, "NextStepDetail", lang, error)))
    return NULL;
  if (non_standard && !(text->origin = sc_kb_keyfile_localized (src, "Origin", lang, error)))
    return NULL;
  if (!(text->causes = source_numbered (src, "Cause", lang, 2, error)) ||
      !(text->fixes = source_numbered (src, "Fix", lang, 2, error)) ||
      !(text->notes = source_numbered (src, "Note", lang, 0, error)))
    return NULL;
  return g_steal_pointer (&text);
}

static gboolean
load_code_facts (ScKbKeyfile  *src,
                 ScKbFacts    *facts,
                 GError      **error)
{
  g_autofree char *basename = g_path_get_basename (src->path);
  g_autofree char *code_text = NULL;
  g_autofree char *expected = NULL;
  gboolean non_standard;

  if (!(code_text = sc_kb_keyfile_text (src, "Code", error)))
    return FALSE;
  if (!sc_kb_keyfile_parse_number (code_text, 100, 699, &facts->code))
    return sc_kb_keyfile_fail (src, error, "key 'Code': '%s' is not a response code (100-699)", code_text);
  expected = g_strdup_printf ("%u.ini", facts->code);
  if (strcmp (basename, expected) != 0)
    return sc_kb_keyfile_fail (src, error, "key 'Code': %u does not match the file name (expected %s)", facts->code, expected);

  if (!(facts->reason = sc_kb_keyfile_text (src, "Reason", error)) ||
      !(facts->status = sc_kb_keyfile_text (src, "Status", error)))
    return FALSE;
  if (!check_vocab (src, "Status", (const char *[]) { facts->status, NULL }, sc_kb_statuses, error))
    return FALSE;
  non_standard = g_str_equal (facts->status, "non-standard");

  facts->other_reasons = sc_kb_keyfile_has (src, "OtherReasons")
                         ? sc_kb_keyfile_list (src, "OtherReasons", FALSE, error) : g_new0 (char *, 1);
  if (facts->other_reasons == NULL ||
      !source_rfcs (src, facts, !non_standard, error) ||
      !source_obsoleted (src, facts, error))
    return FALSE;
  if (non_standard && !sc_kb_keyfile_codes (src, "StandardAlternative", facts->standard_alternatives, error))
    return FALSE;
  if (non_standard && facts->standard_alternatives->len == 0)
    return sc_kb_keyfile_fail (src, error, "key 'StandardAlternative' is missing: a non-standard code must name what a compliant peer sends");

  if (!(facts->senders = sc_kb_keyfile_list (src, "Senders", FALSE, error)) ||
      !check_vocab (src, "Senders", (const char * const *) facts->senders, sc_kb_senders, error) ||
      !(facts->next_step = sc_kb_keyfile_text (src, "NextStep", error)) ||
      !check_vocab (src, "NextStep", (const char *[]) { facts->next_step, NULL }, sc_kb_next_steps, error) ||
      !(facts->headers = sc_kb_keyfile_list (src, "Headers", TRUE, error)) ||
      !(facts->methods = sc_kb_keyfile_list (src, "Methods", FALSE, error)) ||
      !sc_kb_keyfile_codes (src, "Related", facts->related, error))
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
      if (g_str_has_prefix (key, prefixes[i]) && sc_kb_keyfile_parse_number (key + len, 1, G_MAXUINT, &n))
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

/**
 * sc_kb_source_load_code:
 * Loads and validates one data/codes/NNN.ini.
 */
ScKbEntry *
sc_kb_source_load_code (const char  *path,
                        GError     **error)
{
  ScKbKeyfile src = { 0 };
  g_autoptr(ScKbFacts) facts = sc_kb_facts_new ();
  ScKbText *texts[SC_KB_N_LANGS] = { NULL };
  ScKbEntry *entry = NULL;
  gboolean ok;

  ok = sc_kb_keyfile_open (&src, path, "Code", error) && load_code_facts (&src, facts, error) &&
       sc_kb_keyfile_load_citations (&src, facts->citations, code_key_citable,
                       g_str_equal (facts->status, "non-standard") ? NULL
                       : (const char * const[]) { "Description", "Senders", "NextStep", NULL },
                       error);
  for (guint lang = 0; ok && lang < SC_KB_N_LANGS; lang++)
    ok = (texts[lang] = load_code_text (&src, lang, g_str_equal (facts->status, "non-standard"), error)) != NULL;
  ok = ok && sc_kb_keyfile_check_no_unknown_keys (&src, error);

  if (ok)
    entry = sc_kb_entry_new (g_steal_pointer (&facts), texts);
  else
    for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
      g_clear_pointer (&texts[lang], sc_kb_text_free);
  sc_kb_keyfile_close (&src);
  return entry;
}

static gboolean
load_pair_codes (ScKbKeyfile  *src,
                 guint        *a,
                 guint        *b,
                 GError      **error)
{
  g_autofree char *basename = g_path_get_basename (src->path);
  g_autofree char *expected = NULL;
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!sc_kb_keyfile_codes (src, "Codes", codes, error))
    return FALSE;
  if (codes->len != 2 || g_array_index (codes, guint, 0) >= g_array_index (codes, guint, 1))
    return sc_kb_keyfile_fail (src, error, "key 'Codes': two different codes, lower first (e.g. 200;428)");
  *a = g_array_index (codes, guint, 0);
  *b = g_array_index (codes, guint, 1);
  expected = g_strdup_printf ("%u-%u.ini", *a, *b);
  if (strcmp (basename, expected) != 0)
    return sc_kb_keyfile_fail (src, error, "key 'Codes': does not match the file name (expected %s)", expected);
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
  ScKbKeyfile src = { 0 };
  g_autoptr(ScKbPairNotes) notes = NULL;
  guint a = 0, b = 0;
  gboolean ok;

  ok = sc_kb_keyfile_open (&src, path, "Compare", error) && load_pair_codes (&src, &a, &b, error);
  if (ok)
    notes = sc_kb_pair_notes_new (a, b);
  for (guint lang = 0; ok && lang < SC_KB_N_LANGS; lang++)
    {
      ScKbPairText *text = &notes->texts[lang];
      ok = (text->summary = sc_kb_keyfile_localized (&src, "Summary", lang, error)) &&
           (text->differences = source_numbered (&src, "Difference", lang, 2, error)) &&
           (text->whens = source_numbered (&src, "When", lang, 2, error));
    }
  ok = ok && sc_kb_keyfile_load_citations (&src, notes->citations, pair_key_citable,
                             (const char * const[]) { "Summary", NULL }, error);
  ok = ok && sc_kb_keyfile_check_no_unknown_keys (&src, error);
  sc_kb_keyfile_close (&src);
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
  ScKbKeyfile src = { .path = path };

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_KEEP_TRANSLATIONS, &local_error))
    {
      sc_kb_keyfile_fail (&src, error, "%s", local_error->message);
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
            char *label = sc_kb_keyfile_localized (&src, kind->keys[i], lang, error);
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

static const char * const topic_groups[SC_KB_N_TOPIC_KINDS] = { "Warning", "Cause", "Header" };

static gboolean
topic_key_citable (GKeyFile   *keyfile,
                   const char *group,
                   const char *key)
{
  static const char * const citable[] = { "Meaning", "Check", "Sender", "Deviation", "SipResponse", "FromSip", NULL };

  return g_strv_contains (citable, key) && g_key_file_has_key (keyfile, group, key, NULL);
}

/* The file's name is the topic's key: "399.ini", "34.ini", "retry-after.ini". */
static gboolean
topic_key_matches (ScKbKeyfile *src,
                   const char  *key_name,
                   const char  *value,
                   GError     **error)
{
  g_autofree char *basename = g_path_get_basename (src->path);
  g_autofree char *lower = g_ascii_strdown (value, -1);
  g_autofree char *expected = g_strconcat (lower, ".ini", NULL);

  if (strcmp (basename, expected) != 0)
    return sc_kb_keyfile_fail (src, error, "key '%s': does not match the file name (expected %s)", key_name, expected);
  return TRUE;
}

static gboolean
load_topic_rfc (ScKbKeyfile  *src,
                ScKbTopic    *topic,
                GError      **error)
{
  g_autofree char *item = sc_kb_keyfile_text (src, "RFC", error);

  if (item == NULL)
    return FALSE;
  if (!sc_kb_keyfile_parse_rfc_ref (item, &topic->rfc))
    return sc_kb_keyfile_fail (src, error, "key 'RFC': '%s' is not of the form 'NUMBER SECTION' (e.g. '3261 20.43')", item);
  return TRUE;
}

/* Each code a mapping names appears, as a word, in the RFC 3398 table lines it quotes. */
static gboolean
check_mapping_quoted (ScKbKeyfile *src,
                      ScKbTopic   *topic,
                      const char  *key,
                      GArray      *codes,
                      GError     **error)
{
  for (guint i = 0; i < codes->len; i++)
    {
      g_autofree char *pattern = g_strdup_printf ("\\b%u\\b", g_array_index (codes, guint, i));
      gboolean found = FALSE;

      for (guint j = 0; j < topic->citations->len && !found; j++)
        {
          const ScKbCitation *citation = g_ptr_array_index (topic->citations, j);
          found = g_str_equal (citation->key, key) && g_regex_match_simple (pattern, citation->quote, 0, 0);
        }
      if (!found)
        return sc_kb_keyfile_fail (src, error, "key '%s': %u is in none of its quotes (%sSource<N>)", key,
                                   g_array_index (codes, guint, i), key);
    }
  return TRUE;
}

static gboolean
load_cause_facts (ScKbKeyfile  *src,
                  ScKbTopic    *topic,
                  GError      **error)
{
  g_autoptr(GArray) response = g_array_new (FALSE, FALSE, sizeof (guint));

  if (sc_kb_keyfile_has (src, "SipResponse"))
    {
      if (!sc_kb_keyfile_codes (src, "SipResponse", response, error))
        return FALSE;
      if (response->len != 1)
        return sc_kb_keyfile_fail (src, error, "key 'SipResponse': one response code");
      topic->sip_response = g_array_index (response, guint, 0);
    }
  return !sc_kb_keyfile_has (src, "FromSip") || sc_kb_keyfile_codes (src, "FromSip", topic->from_sip, error);
}

static gboolean
load_topic_facts (ScKbKeyfile  *src,
                  ScKbTopic    *topic,
                  GError      **error)
{
  static const char * const key_names[SC_KB_N_TOPIC_KINDS] = { "Code", "Cause", "Name" };
  g_autofree char *value = sc_kb_keyfile_text (src, key_names[topic->kind], error);
  guint number;

  if (value == NULL || !topic_key_matches (src, key_names[topic->kind], value, error))
    return FALSE;
  if (topic->kind == SC_KB_TOPIC_WARNING && !sc_kb_keyfile_parse_number (value, 300, 399, &number))
    return sc_kb_keyfile_fail (src, error, "key 'Code': '%s' is not a warn-code (300-399)", value);
  if (topic->kind == SC_KB_TOPIC_CAUSE && !sc_kb_keyfile_parse_number (value, 1, 127, &number))
    return sc_kb_keyfile_fail (src, error, "key 'Cause': '%s' is not a Q.850 cause value (1-127)", value);
  g_free (topic->key);
  topic->key = g_ascii_strdown (value, -1);
  if (topic->kind == SC_KB_TOPIC_CAUSE)
    return load_cause_facts (src, topic, error);
  if (topic->kind == SC_KB_TOPIC_HEADER && sc_kb_keyfile_has (src, "Compact") &&
      !(topic->compact = sc_kb_keyfile_text (src, "Compact", error)))
    return FALSE;
  if (topic->kind == SC_KB_TOPIC_HEADER && sc_kb_keyfile_has (src, "Codes") &&
      !sc_kb_keyfile_codes (src, "Codes", topic->codes, error))
    return FALSE;
  return load_topic_rfc (src, topic, error);
}

/* A warning's text and a header's name are the registered English ones, in every language. */
static gboolean
load_topic_text (ScKbKeyfile  *src,
                 ScKbTopic    *topic,
                 ScKbLang      lang,
                 GError      **error)
{
  ScKbTopicText *text = &topic->texts[lang];

  text->name = topic->kind == SC_KB_TOPIC_CAUSE ? sc_kb_keyfile_localized (src, "Name", lang, error)
               : sc_kb_keyfile_text (src, topic->kind == SC_KB_TOPIC_WARNING ? "Text" : "Name", error);
  if (text->name == NULL ||
      !(text->meaning = sc_kb_keyfile_localized (src, "Meaning", lang, error)) ||
      !(text->check = sc_kb_keyfile_localized (src, "Check", lang, error)))
    return FALSE;
  if (topic->kind != SC_KB_TOPIC_CAUSE)
    return TRUE;
  if (!(text->klass = sc_kb_keyfile_localized (src, "Class", lang, error)) ||
      !(text->sender = sc_kb_keyfile_localized (src, "Sender", lang, error)))
    return FALSE;
  return !sc_kb_keyfile_has (src, "Deviation") ||
         (text->deviation = sc_kb_keyfile_localized (src, "Deviation", lang, error)) != NULL;
}

/**
 * sc_kb_source_load_topic:
 * Loads and validates one data/warnings/NNN.ini, data/q850/N.ini or data/headers/name.ini.
 */
ScKbTopic *
sc_kb_source_load_topic (const char     *path,
                         ScKbTopicKind   kind,
                         GError        **error)
{
  ScKbKeyfile src = { 0 };
  g_autoptr(ScKbTopic) topic = sc_kb_topic_new (kind, "");
  const char *required[4] = { NULL };
  guint n_required = 0;
  gboolean ok;

  ok = sc_kb_keyfile_open (&src, path, topic_groups[kind], error) && load_topic_facts (&src, topic, error);
  for (guint lang = 0; ok && lang < SC_KB_N_LANGS; lang++)
    ok = load_topic_text (&src, topic, lang, error);
  if (kind != SC_KB_TOPIC_CAUSE)
    required[n_required++] = "Meaning";
  if (topic->sip_response != 0)
    required[n_required++] = "SipResponse";
  if (topic->from_sip->len > 0)
    required[n_required++] = "FromSip";
  ok = ok && sc_kb_keyfile_load_citations (&src, topic->citations, topic_key_citable, required, error);
  if (ok && topic->sip_response != 0)
    {
      g_autoptr(GArray) response = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (response, topic->sip_response);
      ok = check_mapping_quoted (&src, topic, "SipResponse", response, error);
    }
  ok = ok && check_mapping_quoted (&src, topic, "FromSip", topic->from_sip, error);
  ok = ok && sc_kb_keyfile_check_no_unknown_keys (&src, error);
  sc_kb_keyfile_close (&src);
  return ok ? g_steal_pointer (&topic) : NULL;
}
