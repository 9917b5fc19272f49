/* The compiled knowledge base: completeness against the IANA reference list, both languages,
 * well-formed RFC references. */
#include <string.h>

#include "sc-kb-database.h"
#include "sc-kb-error.h"
#include "sc-test-kb.h"

static ScKbDatabase *db;

typedef struct {
  guint code;
  char *reason;
} RefCode;

/* Rows of a reference TSV: "code<TAB>reason<TAB>…", '#' comments, one header row. */
static GArray *
load_reference (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *codes = g_array_new (FALSE, FALSE, sizeof (RefCode));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      RefCode ref;

      if (lines[i][0] == '#' || g_strv_length (fields) < 2 || !g_ascii_isdigit (fields[0][0]))
        continue;
      ref.code = (guint) g_ascii_strtoull (fields[0], NULL, 10);
      ref.reason = g_strdup (fields[1]);
      g_array_append_val (codes, ref);
    }
  return codes;
}

static void
assert_strv_nonempty (const char * const *items,
                      guint               minimum,
                      guint               code,
                      const char         *what)
{
  guint n = items ? g_strv_length ((GStrv) items) : 0;

  if (n < minimum)
    g_error ("%u: %s has %u items, expected at least %u", code, what, n, minimum);
  for (guint i = 0; i < n; i++)
    if (*items[i] == '\0')
      g_error ("%u: %s item %u is empty", code, what, i);
}

static void
assert_text_complete (ScKbEntry *entry,
                      ScKbLang   lang)
{
  const ScKbText *text = sc_kb_entry_get_text (entry, lang);
  guint code = sc_kb_entry_get_code (entry);
  const char *fields[] = { text->name, text->summary, text->description, text->next_step_detail };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] == NULL || *fields[i] == '\0')
      g_error ("%u: text field %u empty in %s", code, i, sc_kb_lang_to_string (lang));
  assert_strv_nonempty ((const char * const *) text->causes, 2, code, "causes");
  assert_strv_nonempty ((const char * const *) text->fixes, 2, code, "fixes");
  if (g_str_equal (sc_kb_entry_get_facts (entry)->status, "non-standard"))
    g_assert_nonnull (text->origin);
  if (lang == SC_KB_LANG_JA)
    {
      /* Written Japanese, not English copied over. */
      gboolean has_kana = FALSE;
      for (const char *p = text->description; *p; p = g_utf8_next_char (p))
        has_kana |= g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HIRAGANA;
      if (!has_kana)
        g_error ("%u: the Japanese description has no hiragana", code);
    }
}

static void
test_registered_codes (void)
{
  g_autoptr(GArray) reference = load_reference ("sip-response-codes.tsv");

  g_assert_cmpuint (reference->len, ==, 75);
  for (guint i = 0; i < reference->len; i++)
    {
      RefCode *ref = &g_array_index (reference, RefCode, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, ref->code, &error);

      if (entry == NULL)
        g_error ("registered code %u is missing: %s", ref->code, error->message);
      g_assert_cmpstr (sc_kb_entry_get_reason (entry), ==, ref->reason);
      g_assert_cmpstr (sc_kb_entry_get_facts (entry)->status, !=, "non-standard");
      g_assert_cmpuint (sc_kb_entry_get_facts (entry)->rfcs->len, >=, 1);
      for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
        assert_text_complete (entry, lang);
      g_free (ref->reason);
    }
}

static void
test_unregistered_codes (void)
{
  g_autoptr(GArray) reference = load_reference ("sip-response-codes-unregistered.tsv");

  g_assert_cmpuint (reference->len, ==, 5);
  for (guint i = 0; i < reference->len; i++)
    {
      RefCode *ref = &g_array_index (reference, RefCode, i);
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, ref->code, NULL);
      const ScKbFacts *facts;

      g_assert_nonnull (entry);
      facts = sc_kb_entry_get_facts (entry);
      g_assert_cmpstr (facts->status, ==, "non-standard");
      g_assert_cmpuint (facts->standard_alternatives->len, >=, 1);
      for (guint j = 0; j < facts->standard_alternatives->len; j++)
        {
          g_autoptr(ScKbEntry) alt = sc_kb_database_lookup (db, g_array_index (facts->standard_alternatives, guint, j), NULL);
          g_assert_nonnull (alt);
          g_assert_cmpstr (sc_kb_entry_get_facts (alt)->status, !=, "non-standard");
        }
      for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
        assert_text_complete (entry, lang);
      g_free (ref->reason);
    }
  g_assert_cmpuint (sc_kb_database_get_codes (db)->len, ==, 80);
}

static void
test_rfc_references (void)
{
  GArray *codes = sc_kb_database_get_codes (db);

  for (guint i = 0; i < codes->len; i++)
    {
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, g_array_index (codes, guint, i), NULL);
      const ScKbFacts *facts = sc_kb_entry_get_facts (entry);

      for (guint j = 0; j < facts->rfcs->len; j++)
        {
          const ScKbRfcRef *ref = &g_array_index (facts->rfcs, ScKbRfcRef, j);
          g_assert_cmpuint (ref->number, >=, 2000);
          g_assert_true (g_regex_match_simple ("^([0-9]+|[A-Z])(\\.[0-9]+)*$", ref->section, 0, 0));
          /* Obsoleted RFCs are history, never the current definition. */
          g_assert_cmpuint (ref->number, !=, 4474);
          g_assert_cmpuint (ref->number, !=, 3265);
          g_assert_cmpuint (ref->number, !=, 2543);
        }
    }
}

static void
assert_primary_rfc (guint       code,
                    guint       number,
                    const char *section)
{
  g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, code, NULL);
  const ScKbRfcRef *ref = &g_array_index (sc_kb_entry_get_facts (entry)->rfcs, ScKbRfcRef, 0);

  g_assert_cmpuint (ref->number, ==, number);
  if (section != NULL)
    g_assert_cmpstr (ref->section, ==, section);
}

static void
test_known_facts (void)
{
  g_autoptr(ScKbEntry) e202 = sc_kb_database_lookup (db, 202, NULL);
  g_autoptr(ScKbEntry) e486 = sc_kb_database_lookup (db, 486, NULL);
  g_autoptr(ScKbEntry) e600 = sc_kb_database_lookup (db, 600, NULL);
  g_autoptr(ScKbEntry) e401 = sc_kb_database_lookup (db, 401, NULL);
  g_autoptr(ScKbEntry) e423 = sc_kb_database_lookup (db, 423, NULL);
  g_autoptr(ScKbEntry) e503 = sc_kb_database_lookup (db, 503, NULL);
  g_autoptr(ScKbEntry) e100 = sc_kb_database_lookup (db, 100, NULL);

  for (guint code = 436; code <= 438; code++)
    assert_primary_rfc (code, 8224, "6.2.2");
  assert_primary_rfc (428, 8224, "6.2.2");
  assert_primary_rfc (489, 6665, NULL);
  assert_primary_rfc (486, 3261, "21.4.24");
  g_assert_cmpstr (sc_kb_entry_get_facts (e202)->status, ==, "deprecated");
  g_assert_cmpstr (sc_kb_entry_get_text (e486, SC_KB_LANG_JA)->name, ==, "話中");
  g_assert_cmpstr (sc_kb_entry_get_text (e600, SC_KB_LANG_JA)->name, ==, "全域で話中");
  g_assert_true (g_strv_contains ((const char * const *) sc_kb_entry_get_facts (e401)->headers, "WWW-Authenticate"));
  g_assert_true (g_strv_contains ((const char * const *) sc_kb_entry_get_facts (e423)->headers, "Min-Expires"));
  g_assert_true (g_strv_contains ((const char * const *) sc_kb_entry_get_facts (e503)->headers, "Retry-After"));
  g_assert_cmpstr (sc_kb_entry_get_facts (e401)->next_step, ==, "authenticate");
  g_assert_false (sc_kb_entry_is_final (e100));
  g_assert_true (sc_kb_entry_is_final (e486));
}

static void
test_lookup_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, 499, &error);
  g_autoptr(GArray) nearest = sc_kb_database_nearest_codes (db, 499, 3);

  g_assert_null (entry);
  g_assert_error (error, SC_KB_ERROR, SC_KB_ERROR_NOT_FOUND);
  g_assert_cmpuint (nearest->len, ==, 3);
  g_assert_cmpuint (g_array_index (nearest, guint, 0), ==, 494);
  g_assert_cmpuint (g_array_index (nearest, guint, 1), ==, 493);
  g_assert_cmpuint (g_array_index (nearest, guint, 2), ==, 491);
}

/* Warning codes, Q.850 causes and headers come back whole, in both languages, with sources. */
static void
test_topics (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScKbTopic) warning = sc_kb_database_get_topic (db, SC_KB_TOPIC_WARNING, "399", &error);
  g_autoptr(ScKbTopic) cause = NULL;
  g_autoptr(ScKbTopic) header = NULL;
  g_autoptr(ScKbTopic) none = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (warning);
  g_assert_cmpstr (warning->texts[SC_KB_LANG_EN].name, ==, "Miscellaneous warning");
  g_assert_cmpuint (warning->rfc.number, ==, 3261);
  g_assert_cmpstr (warning->rfc.section, ==, "20.43");
  g_assert_nonnull (strstr (warning->texts[SC_KB_LANG_JA].meaning, "自由記述"));
  g_assert_cmpuint (warning->citations->len, >=, 1);

  cause = sc_kb_database_get_topic (db, SC_KB_TOPIC_CAUSE, "34", &error);
  g_assert_no_error (error);
  g_assert_nonnull (cause);
  g_assert_cmpuint (cause->sip_response, ==, 503);
  g_assert_nonnull (cause->texts[SC_KB_LANG_JA].klass);
  g_assert_nonnull (cause->texts[SC_KB_LANG_EN].sender);

  /* Header names are case-insensitive, as on the wire. */
  header = sc_kb_database_get_topic (db, SC_KB_TOPIC_HEADER, "RETRY-AFTER", &error);
  g_assert_no_error (error);
  g_assert_nonnull (header);
  g_assert_cmpstr (header->texts[SC_KB_LANG_EN].name, ==, "Retry-After");
  g_assert_cmpuint (g_array_index (header->codes, guint, 0), ==, 503);

  none = sc_kb_database_get_topic (db, SC_KB_TOPIC_CAUSE, "1000", &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_open_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScKbDatabase) missing = sc_kb_database_open ("/nonexistent/sip-codes.db", &error);
  g_autofree char *not_db = g_test_build_filename (G_TEST_DIST, "data", "sip-response-codes.tsv", NULL);
  g_autoptr(GError) error2 = NULL;
  g_autoptr(ScKbDatabase) garbage = sc_kb_database_open (not_db, &error2);

  g_assert_null (missing);
  g_assert_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/sip-codes.db"));
  g_assert_null (garbage);
  g_assert_error (error2, SC_KB_ERROR, SC_KB_ERROR_DATABASE);
}

int
main (int   argc,
      char *argv[])
{
  db = sc_test_kb_init (&argc, &argv);

  g_test_add_func ("/sc/kb/database/registered-codes", test_registered_codes);
  g_test_add_func ("/sc/kb/database/unregistered-codes", test_unregistered_codes);
  g_test_add_func ("/sc/kb/database/rfc-references", test_rfc_references);
  g_test_add_func ("/sc/kb/database/known-facts", test_known_facts);
  g_test_add_func ("/sc/kb/database/lookup-missing", test_lookup_missing);
  g_test_add_func ("/sc/kb/database/open-errors", test_open_errors);
  g_test_add_func ("/sc/kb/database/topics", test_topics);
  return sc_test_kb_run (&db);
}
