/* Comparisons: derived facts, curated notes, both languages, rendering, errors. */
#include <string.h>

#include "sc-kb-comparison.h"
#include "sc-kb-error.h"
#include "sc-test-kb.h"
#include "sc-kb-render.h"

static ScKbDatabase *db;

/* The commonly confused pairs that must carry curated notes. */
static const guint curated_pairs[][2] = {
  { 401, 407 }, { 401, 403 }, { 404, 604 }, { 480, 486 }, { 486, 600 }, { 486, 603 },
  { 408, 504 }, { 500, 503 }, { 301, 302 }, { 488, 606 }, { 415, 488 }, { 420, 421 },
  { 428, 438 }, { 436, 437 }, { 481, 487 }, { 502, 504 }, { 603, 607 }, { 603, 608 },
  { 607, 608 }, { 200, 202 }, { 180, 183 }, { 200, 428 },
};

static const ScKbFactRow *
fact (ScKbComparison *comparison,
      ScKbLang        lang,
      const char     *field)
{
  GPtrArray *rows = sc_kb_comparison_get_facts (comparison, lang);

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((ScKbFactRow *) g_ptr_array_index (rows, i))->field, field))
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
}

static gboolean
any_contains (const char * const *items,
              const char         *needle)
{
  for (guint i = 0; items[i] != NULL; i++)
    if (strstr (items[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_curated_pairs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (curated_pairs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScKbComparison) c = sc_kb_comparison_new (db, curated_pairs[i][0], curated_pairs[i][1], &error);

      g_assert_no_error (error);
      if (!sc_kb_comparison_is_curated (c))
        g_error ("%u vs %u has no curated notes", curated_pairs[i][0], curated_pairs[i][1]);
      for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
        {
          g_assert_cmpuint (g_strv_length ((GStrv) sc_kb_comparison_get_differences (c, lang)), >=, 2);
          g_assert_cmpuint (g_strv_length ((GStrv) sc_kb_comparison_get_whens (c, lang)), >=, 2);
        }
    }
}

static void
test_200_vs_428 (void)
{
  g_autoptr(ScKbComparison) c = sc_kb_comparison_new (db, 200, 428, NULL);
  const char * const *en = sc_kb_comparison_get_differences (c, SC_KB_LANG_EN);
  const char * const *ja = sc_kb_comparison_get_differences (c, SC_KB_LANG_JA);

  g_assert_true (fact (c, SC_KB_LANG_EN, "class")->differs);
  g_assert_false (fact (c, SC_KB_LANG_EN, "finality")->differs);
  g_assert_true (fact (c, SC_KB_LANG_EN, "ack")->differs);
  g_assert_nonnull (strstr (fact (c, SC_KB_LANG_EN, "ack")->value_a, "end to end"));
  g_assert_nonnull (strstr (fact (c, SC_KB_LANG_EN, "ack")->value_b, "hop by hop"));
  g_assert_nonnull (strstr (fact (c, SC_KB_LANG_JA, "ack")->value_b, "ホップごと"));
  g_assert_true (any_contains (en, "Identity"));
  g_assert_true (any_contains (en, "ACK"));
  g_assert_true (any_contains (ja, "Identityヘッダー"));
  g_assert_true (any_contains (ja, "ACK"));
  g_assert_nonnull (strstr (sc_kb_comparison_get_summary (c, SC_KB_LANG_EN), "428"));
  g_assert_nonnull (strstr (sc_kb_comparison_get_summary (c, SC_KB_LANG_JA), "428"));
}

/* Any two codes compare; without curated notes the structure still speaks. */
static void
test_uncurated_pair (void)
{
  g_autoptr(ScKbComparison) c = sc_kb_comparison_new (db, 423, 100, NULL);
  const char * const *differences = sc_kb_comparison_get_differences (c, SC_KB_LANG_EN);

  g_assert_false (sc_kb_comparison_is_curated (c));
  g_assert_cmpuint (sc_kb_entry_get_code (sc_kb_comparison_get_a (c)), ==, 423);
  g_assert_true (fact (c, SC_KB_LANG_EN, "finality")->differs);
  g_assert_true (any_contains (differences, "Class: 423 — 4xx Client Failure; 100 — 1xx Provisional."));
  g_assert_true (any_contains (sc_kb_comparison_get_differences (c, SC_KB_LANG_JA), "クラス：423は"));
  g_assert_cmpuint (g_strv_length ((GStrv) sc_kb_comparison_get_whens (c, SC_KB_LANG_JA)), ==, 2);
  g_assert_nonnull (strstr (sc_kb_comparison_get_summary (c, SC_KB_LANG_EN), "423 Interval Too Brief"));
}

static void
test_errors (void)
{
  g_autoptr(GError) same = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(ScKbComparison) c1 = sc_kb_comparison_new (db, 200, 200, &same);
  g_autoptr(ScKbComparison) c2 = sc_kb_comparison_new (db, 200, 499, &missing);

  g_assert_null (c1);
  g_assert_error (same, SC_KB_ERROR, SC_KB_ERROR_INVALID_QUERY);
  g_assert_null (c2);
  g_assert_error (missing, SC_KB_ERROR, SC_KB_ERROR_NOT_FOUND);
}

static void
test_render (void)
{
  g_autoptr(ScKbComparison) c = sc_kb_comparison_new (db, 401, 407, NULL);
  g_autofree char *md = sc_kb_render_comparison (db, c, SC_KB_LANG_EN, SC_KB_RENDER_MARKDOWN);
  g_autofree char *ja = sc_kb_render_comparison (db, c, SC_KB_LANG_JA, SC_KB_RENDER_PLAIN);
  g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, 428, NULL);
  g_autofree char *page = sc_kb_render_entry (db, entry, SC_KB_LANG_JA, SC_KB_RENDER_MARKDOWN);

  g_assert_true (g_str_has_prefix (md, "# 401 vs 407\n"));
  g_assert_nonnull (strstr (md, "| | 401 | 407 |"));
  g_assert_nonnull (strstr (md, "## Key differences"));
  g_assert_nonnull (strstr (md, "## Which to expect when"));
  g_assert_true (g_str_has_prefix (ja, "401と407の比較\n"));
  g_assert_nonnull (strstr (ja, "主な違い"));
  g_assert_nonnull (strstr (page, "# 428 Use Identity Header — Identityヘッダーが必要"));
  g_assert_nonnull (strstr (page, "RFC 8224 6.2.2節"));
  g_assert_nonnull (strstr (page, "## 解決方法"));
}

int
main (int   argc,
      char *argv[])
{
  db = sc_test_kb_init (&argc, &argv);

  g_test_add_func ("/sc/kb/compare/curated-pairs", test_curated_pairs);
  g_test_add_func ("/sc/kb/compare/200-vs-428", test_200_vs_428);
  g_test_add_func ("/sc/kb/compare/uncurated-pair", test_uncurated_pair);
  g_test_add_func ("/sc/kb/compare/errors", test_errors);
  g_test_add_func ("/sc/kb/compare/render", test_render);
  return sc_test_kb_run (&db);
}
