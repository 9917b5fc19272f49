/* Comparisons: derived facts, curated notes, both languages, rendering, errors. */
#include <string.h>

#include "sc-kb-comparison.h"
#include "sc-kb-error.h"
#include "sc-test-kb.h"
#include "sc-kb-render.h"

static ScKbDatabase *db;

/* The commonly confused pairs that must carry curated notes: the families engineers mix up. */
static const guint curated_pairs[][2] = {
  { 401, 407 }, { 401, 403 }, { 403, 407 }, { 404, 604 }, { 404, 480 }, { 480, 604 },
  { 480, 486 }, { 486, 600 }, { 486, 603 }, { 600, 603 }, { 408, 504 }, { 408, 480 },
  { 500, 503 }, { 500, 502 }, { 500, 504 }, { 502, 503 }, { 502, 504 }, { 503, 504 },
  { 301, 302 }, { 302, 305 }, { 300, 302 }, { 488, 606 }, { 415, 488 }, { 415, 606 },
  { 420, 421 }, { 423, 494 }, { 405, 489 }, { 405, 501 }, { 489, 501 },
  { 428, 436 }, { 428, 437 }, { 428, 438 }, { 436, 437 }, { 436, 438 }, { 437, 438 },
  { 481, 487 }, { 603, 607 }, { 603, 608 }, { 607, 608 }, { 403, 603 },
  { 200, 202 }, { 200, 204 }, { 202, 204 }, { 181, 182 }, { 181, 183 }, { 182, 183 },
  { 180, 183 }, { 100, 180 }, { 200, 428 }, { 482, 483 },
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
  return NULL;   /* the same for both codes: not shown */
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
  g_assert_null (fact (c, SC_KB_LANG_EN, "finality"));
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

/* Any two codes compare; without curated notes each code's own facts speak. */
static void
test_uncurated_pair (void)
{
  g_autoptr(ScKbComparison) c = sc_kb_comparison_new (db, 423, 100, NULL);
  const char * const *differences = sc_kb_comparison_get_differences (c, SC_KB_LANG_EN);
  g_autoptr(ScKbEntry) e423 = sc_kb_database_lookup (db, 423, NULL);

  g_assert_false (sc_kb_comparison_is_curated (c));
  g_assert_cmpuint (sc_kb_entry_get_code (sc_kb_comparison_get_a (c)), ==, 423);
  g_assert_true (fact (c, SC_KB_LANG_EN, "finality")->differs);
  g_assert_true (fact (c, SC_KB_LANG_EN, "dialog")->differs);
  /* Its own next step, not a restatement of the table. */
  g_assert_true (any_contains (differences, sc_kb_entry_get_text (e423, SC_KB_LANG_EN)->next_step_detail));
  g_assert_true (any_contains (sc_kb_comparison_get_differences (c, SC_KB_LANG_JA), "423の後："));
  g_assert_cmpuint (g_strv_length ((GStrv) sc_kb_comparison_get_whens (c, SC_KB_LANG_JA)), ==, 2);
  g_assert_nonnull (strstr (sc_kb_comparison_get_summary (c, SC_KB_LANG_EN), "423 is 4xx Client Failure, 100 is 1xx Provisional."));
  g_assert_nonnull (strstr (sc_kb_comparison_get_summary (c, SC_KB_LANG_EN), "423 Interval Too Brief"));
}

/* Two codes of one class whose structured facts mostly agree still compare with substance. */
static void
test_same_structure (void)
{
  g_autoptr(ScKbComparison) c = sc_kb_comparison_new (db, 428, 433, NULL);

  g_assert_false (sc_kb_comparison_is_curated (c));
  g_assert_false (fact (c, SC_KB_LANG_EN, "class")->differs);
  g_assert_nonnull (strstr (sc_kb_comparison_get_summary (c, SC_KB_LANG_EN), "Both are of class 4xx Client Failure"));
  g_assert_cmpuint (g_strv_length ((GStrv) sc_kb_comparison_get_differences (c, SC_KB_LANG_EN)), >=, 2);
}

/* Every pair of codes, both languages: a summary, differences and whens, never a fact row
 * that says the same twice (but the class), never an empty or repeated item. */
static void
test_every_pair (void)
{
  GArray *codes = sc_kb_database_get_codes (db);
  guint pairs = 0;

  for (guint i = 0; i < codes->len; i++)
    for (guint j = i + 1; j < codes->len; j++)
      {
        guint a = g_array_index (codes, guint, i), b = g_array_index (codes, guint, j);
        g_autoptr(ScKbComparison) c = sc_kb_comparison_new (db, a, b, NULL);

        g_assert_nonnull (c);
        for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
          {
            GPtrArray *rows = sc_kb_comparison_get_facts (c, lang);
            const char * const *items[] = { sc_kb_comparison_get_differences (c, lang),
                                            sc_kb_comparison_get_noted_differences (c, lang),
                                            sc_kb_comparison_get_whens (c, lang) };

            g_assert_cmpuint (strlen (sc_kb_comparison_get_summary (c, lang)), >, 40);
            g_assert_cmpstr (((ScKbFactRow *) g_ptr_array_index (rows, 0))->field, ==, "class");
            for (guint r = 1; r < rows->len; r++)
              {
                ScKbFactRow *row = g_ptr_array_index (rows, r);
                if (g_str_equal (row->value_a, row->value_b))
                  g_error ("%u vs %u: the row %s says the same twice", a, b, row->field);
              }
            for (guint k = 0; k < G_N_ELEMENTS (items); k++)
              {
                g_assert_cmpuint (g_strv_length ((GStrv) items[k]), >=, 2);
                for (guint m = 0; items[k][m] != NULL; m++)
                  {
                    g_assert_cmpuint (strlen (items[k][m]), >, 10);
                    for (guint n = m + 1; items[k][n] != NULL; n++)
                      if (g_str_equal (items[k][m], items[k][n]))
                        g_error ("%u vs %u: an item is repeated: %s", a, b, items[k][m]);
                  }
              }
          }
        pairs++;
      }
  g_assert_cmpuint (pairs, ==, codes->len * (codes->len - 1) / 2);
}

/* Ctrl+K starts from a curated partner, the related ones first. */
static void
test_partners (void)
{
  g_autoptr(GArray) partners = sc_kb_database_get_partners (db, 428);
  g_autoptr(GArray) none = sc_kb_database_get_partners (db, 199);
  g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, 428, NULL);
  GArray *related = sc_kb_entry_get_facts (entry)->related;
  gboolean first_related = FALSE;

  g_assert_cmpuint (partners->len, >=, 4);
  for (guint i = 0; i < partners->len; i++)
    {
      g_autoptr(ScKbComparison) c = sc_kb_comparison_new (db, 428, g_array_index (partners, guint, i), NULL);
      g_assert_true (sc_kb_comparison_is_curated (c));
    }
  for (guint i = 0; i < related->len; i++)
    first_related |= g_array_index (related, guint, i) == g_array_index (partners, guint, 0);
  g_assert_true (first_related);
  g_assert_cmpuint (none->len, ==, 0);
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
  /* Sources: each with the command that opens its section offline. */
  g_assert_nonnull (strstr (page, "## 出典"));
  g_assert_nonnull (strstr (md, "## Sources"));
  g_assert_nonnull (strstr (ja, "(sip-codes rfc 3261 "));
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
  g_test_add_func ("/sc/kb/compare/same-structure", test_same_structure);
  g_test_add_func ("/sc/kb/compare/every-pair", test_every_pair);
  g_test_add_func ("/sc/kb/compare/partners", test_partners);
  g_test_add_func ("/sc/kb/compare/errors", test_errors);
  g_test_add_func ("/sc/kb/compare/render", test_render);
  return sc_test_kb_run (&db);
}
