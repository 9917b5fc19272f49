#include <string.h>
/* Search: codes, ranges, English and Japanese words, normalization, ranking, suggestions. */

#include "sc-kb-database.h"
#include "sc-kb-error.h"
#include "sc-test-kb.h"
#include "sc-kb-normalize.h"
#include "sc-kb-search.h"

static ScKbDatabase *db;

typedef enum {
  FIRST,     /* the code is the best hit */
  WITHIN,    /* the code is among the first `rank` hits */
  SUGGESTED, /* no hit; the code is among the suggestions */
} Expect;

typedef struct {
  const char *query;
  Expect      expect;
  guint       code;
  guint       rank;
} SearchCase;

static const SearchCase cases[] = {
  /* Codes and ranges, in any width. */
  { "428", FIRST, 428 },
  { "４２８", FIRST, 428 },
  { "  428 ", FIRST, 428 },
  { "4xx", FIRST, 400 },
  { "4XX", FIRST, 400 },
  { "４ｘｘ", FIRST, 400 },
  { "42", FIRST, 420 },
  { "42x", FIRST, 420 },
  { "6", FIRST, 600 },
  { "1xx", FIRST, 100 },
  { "48", WITHIN, 486, 10 },
  /* English: reason phrases rank before text. */
  { "busy", WITHIN, 486, 2 },
  { "busy", WITHIN, 600, 2 },
  { "BUSY HERE", FIRST, 486 },
  { "unauthorized", FIRST, 401 },
  { "proxy authentication", FIRST, 407 },
  { "identity", WITHIN, 428, 5 },
  { "identity", WITHIN, 438, 5 },
  { "identity header", WITHIN, 428, 2 },
  { "Min-Expires", WITHIN, 423, 3 },
  { "session interval", FIRST, 422 },
  { "loop detected", FIRST, 482 },
  { "too many hops", FIRST, 483 },
  { "not found", FIRST, 404 },
  { "decline", FIRST, 603 },
  { "Retry-After", WITHIN, 503, 10 },
  /* Phrases that other stacks or older RFCs use. */
  { "Bad Identity-Info", FIRST, 436 },
  { "Unsupported Certificate", FIRST, 437 },
  { "Internal Server Error", FIRST, 500 },
  { "Gateway Time-out", FIRST, 504 },
  { "stale date", WITHIN, 439, 3 },
  { "robocall", WITHIN, 607, 5 },
  { "codec", WITHIN, 488, 5 },
  /* Japanese, including one- and two-character words and half-width kana. */
  { "認証", WITHIN, 401, 5 },
  { "認証", WITHIN, 407, 5 },
  { "話中", FIRST, 486 },
  { "話中", WITHIN, 600, 2 },
  { "全域で話中", FIRST, 600 },
  { "話", WITHIN, 486, 10 },
  { "署名", WITHIN, 428, 10 },
  { "証明書", WITHIN, 437, 5 },
  { "ループ", WITHIN, 482, 3 },
  { "ﾀｲﾑｱｳﾄ", WITHIN, 408, 5 },
  { "タイムアウト", WITHIN, 408, 5 },
  { "コーデック", WITHIN, 488, 5 },
  { "Identityヘッダー", WITHIN, 428, 3 },
  /* Nothing matches: the nearest codes are suggested. */
  { "7xx", SUGGESTED, 687 },
  { "unauthorised", SUGGESTED, 401 },
  { "buzy", SUGGESTED, 486 },
};

static int
rank_of (GArray *hits,
         guint   code)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_array_index (hits, ScKbHit, i).code == code)
      return (int) i;
  return -1;
}

static void
describe (GString *out,
          GArray  *hits)
{
  for (guint i = 0; i < hits->len && i < 10; i++)
    g_string_append_printf (out, " %u", g_array_index (hits, ScKbHit, i).code);
}

static void
describe_codes (GString *out,
                GArray  *codes)
{
  for (guint i = 0; i < codes->len; i++)
    g_string_append_printf (out, " %u", g_array_index (codes, guint, i));
}

static void
test_case (gconstpointer data)
{
  const SearchCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = sc_kb_search (db, c->query, 50, &error);
  g_autoptr(GString) got = g_string_new (NULL);
  int rank;

  g_assert_no_error (error);
  describe (got, hits);
  if (c->expect == SUGGESTED)
    {
      g_autoptr(GArray) suggestions = sc_kb_search_suggest (db, c->query, 3);
      g_autoptr(GString) suggested = g_string_new (NULL);

      describe_codes (suggested, suggestions);
      if (hits->len != 0)
        g_error ("“%s”: expected no hit, got%s", c->query, got->str);
      if (rank_of (suggestions, c->code) < 0)
        g_error ("“%s”: expected %u among the suggestions, got%s", c->query, c->code, suggested->str);
      return;
    }
  rank = rank_of (hits, c->code);
  if (rank < 0 || (c->expect == FIRST && rank != 0) || (c->expect == WITHIN && rank >= (int) c->rank))
    g_error ("“%s”: expected %u %s, got%s", c->query, c->code,
             c->expect == FIRST ? "first" : "near the top", got->str);
}

static void
test_range_is_exactly_the_class (void)
{
  g_autoptr(GArray) hits = sc_kb_search (db, "4xx", 200, NULL);
  g_autoptr(GPtrArray) fours = sc_kb_database_list (db, 4, NULL);

  g_assert_cmpuint (hits->len, ==, fours->len);
  for (guint i = 0; i < hits->len; i++)
    {
      g_assert_cmpuint (g_array_index (hits, ScKbHit, i).code / 100, ==, 4);
      g_assert_cmpint (g_array_index (hits, ScKbHit, i).match, ==, SC_KB_MATCH_RANGE);
      if (i > 0)
        g_assert_cmpuint (g_array_index (hits, ScKbHit, i).code, >, g_array_index (hits, ScKbHit, i - 1).code);
    }
}

/* An exact code outranks every text mention of it. */
static void
test_exact_code_first (void)
{
  g_autoptr(GArray) hits = sc_kb_search (db, "486", 50, NULL);

  g_assert_cmpuint (hits->len, >, 1);
  g_assert_cmpint (g_array_index (hits, ScKbHit, 0).match, ==, SC_KB_MATCH_CODE);
  for (guint i = 1; i < hits->len; i++)
    g_assert_cmpfloat (g_array_index (hits, ScKbHit, i).score, <, g_array_index (hits, ScKbHit, 0).score);
}

static void
test_limit_and_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) limited = sc_kb_search (db, "request", 3, NULL);
  g_autoptr(GArray) empty = sc_kb_search (db, " 　 ", 10, &error);
  g_autoptr(GArray) quotes = sc_kb_search (db, "\"\" OR * NEAR(", 10, NULL);

  g_assert_cmpuint (limited->len, ==, 3);
  g_assert_null (empty);
  g_assert_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_QUERY);
  /* FTS5 syntax in the query is text, never an error. */
  g_assert_nonnull (quotes);
}

/* What no person types is refused at once with the reason, instead of searched for seconds:
 * a pasted file (128 KiB once took 4–14 s and up to 1.4 GB), too many words, bytes that are
 * not UTF-8 (once reported as "empty"). The longest allowed query still works. */
static void
test_query_limits (void)
{
  g_autofree char *longest = g_strnfill (SC_KB_MAX_QUERY_CHARS, 'a');
  g_autofree char *too_long = g_strnfill (128 * 1024, 'a');
  g_autoptr(GArray) ok = sc_kb_search (db, longest, 10, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) refused = sc_kb_search (db, too_long, 10, &error);
  g_autoptr(GArray) suggestions = sc_kb_search_suggest (db, too_long, 3);

  g_assert_nonnull (ok);
  g_assert_null (refused);
  g_assert_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_QUERY);
  g_assert_nonnull (strstr (error->message, "200"));
  g_assert_cmpuint (suggestions->len, ==, 0);
  g_clear_error (&error);
  g_assert_null (sc_kb_search (db, "a b c d e f g h i j k l m n o p q", 10, &error));
  g_assert_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_QUERY);
  g_clear_error (&error);
  g_assert_null (sc_kb_search (db, "\xff", 10, &error));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

static void
test_normalize (void)
{
  g_autofree char *a = sc_kb_normalize ("  ＩＤＥＮＴＩＴＹ\t Header ");
  g_autofree char *b = sc_kb_normalize ("ｲﾝﾃﾞﾝﾃｨﾃｨ");
  g_autofree char *c = sc_kb_normalize ("\xff\xfe");

  g_assert_cmpstr (a, ==, "identity header");
  g_assert_cmpstr (b, ==, "インデンティティ");
  g_assert_cmpstr (c, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  db = sc_test_kb_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sc/kb/search/case/%02u", i);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/sc/kb/search/range-is-exactly-the-class", test_range_is_exactly_the_class);
  g_test_add_func ("/sc/kb/search/exact-code-first", test_exact_code_first);
  g_test_add_func ("/sc/kb/search/limit-and-empty", test_limit_and_empty);
  g_test_add_func ("/sc/kb/search/normalize", test_normalize);
  g_test_add_func ("/sc/kb/search/query-limits", test_query_limits);
  return sc_test_kb_run (&db);
}
