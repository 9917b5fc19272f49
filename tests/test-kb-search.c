#include <string.h>
/* Search: codes, ranges, English and Japanese words, normalization, ranking, suggestions. */

#include "sc-kb-database.h"
#include "sc-kb-error.h"
#include "sc-test-kb.h"
#include "sc-kb-normalize.h"
#include "sc-kb-search.h"

static ScKbDatabase *db;

/* One query and what its hits must be. Every field but the query may be left out. */
typedef struct {
  const char *query;
  guint       first;      /* the best hit */
  guint       top;        /* `within` are all among the first `top` hits */
  guint       within[4];
  guint       after[4];   /* if among the hits, after `first` and every `within` code */
  guint       never[4];   /* not among the hits */
  guint       count;      /* exactly this many hits */
  gboolean    no_hit;
  guint       suggested;  /* no hit, and this code is among the suggestions */
} SearchCase;

static const SearchCase cases[] = {
  /* A code query matches codes, never digits in the text: 413's text cites RFC 3428, 429's
   * says 428 is not its code, 202's cites RFC 3428 too. */
  { "428", .first = 428, .count = 1, .never = { 413, 429, 202 } },
  { "４２８", .first = 428, .count = 1 },
  { "  428 ", .first = 428, .count = 1 },
  { "486", .first = 486, .count = 1, .never = { 600 } },
  { "４８６", .first = 486, .count = 1 },
  { "413", .first = 413, .count = 1 },
  { "180", .first = 180, .count = 1 },
  { "503", .first = 503, .count = 1, .never = { 500 } },
  { "3428", .no_hit = TRUE },          /* an RFC number, in 413's text */
  { "3261", .no_hit = TRUE },
  { "5060", .suggested = 505 },       /* a port */
  { "7xx", .suggested = 687 },
  /* Partial codes are classes and ranges, as before. */
  { "4xx", .first = 400, .never = { 500, 399 } },
  { "4XX", .first = 400 },
  { "４ｘｘ", .first = 400 },
  { "５ｘｘ", .first = 500, .never = { 486 } },
  { "42", .first = 420, .never = { 413, 430 } },
  { "42x", .first = 420, .never = { 430 } },
  { "42*", .first = 420 },
  { "6", .first = 600, .never = { 486 } },
  { "1xx", .first = 100, .never = { 200 } },
  { "48", .top = 10, .within = { 486 }, .never = { 413 } },
  /* Code words among other words narrow the codes; other numbers are text. */
  { "428 identity", .first = 428, .count = 1 },
  { "4xx busy", .first = 486, .never = { 600 } },
  { "6xx busy", .first = 600, .never = { 486 } },
  { "486 600", .top = 2, .within = { 486, 600 }, .count = 2 },
  { "rfc 3428", .top = 2, .within = { 413 } },
  /* English: reason phrases, in any case; the name outranks the text. */
  { "busy", .top = 2, .within = { 486, 600 } },
  { "BUSY HERE", .first = 486 },
  { "Busy Here", .first = 486 },
  { "busy everywhere", .first = 600, .after = { 486 } },
  { "unauthorized", .first = 401 },
  { "UNAUTHORIZED", .first = 401 },
  { "unAuthoRized", .first = 401 },
  { "unauthorize", .first = 401 },
  { "proxy authentication", .first = 407 },
  { "proxy authentication required", .first = 407 },
  { "not found", .first = 404 },
  { "Not Found", .first = 404 },
  { "forbidden", .first = 403 },
  { "payment", .first = 402 },
  { "method not allowed", .first = 405 },
  { "request timeout", .first = 408 },
  { "gone", .first = 410 },
  { "conditional request failed", .first = 412 },
  { "uri too long", .first = 414 },
  { "unsupported media type", .first = 415 },
  { "bad extension", .first = 420 },
  { "extension required", .first = 421 },
  { "session interval", .first = 422 },
  { "interval too brief", .first = 423 },
  { "anonymity", .first = 433 },
  { "temporarily unavailable", .first = 480 },
  { "transaction does not exist", .first = 481 },
  { "loop detected", .first = 482 },
  { "too many hops", .first = 483 },
  { "address incomplete", .first = 484 },
  { "ambiguous", .first = 485 },
  { "request terminated", .first = 487 },
  { "not acceptable here", .first = 488 },
  { "bad event", .first = 489 },
  { "request pending", .first = 491 },
  { "undecipherable", .first = 493 },
  { "security agreement", .first = 494 },
  { "server internal error", .first = 500 },
  { "not implemented", .first = 501 },
  { "bad gateway", .first = 502 },
  { "service unavailable", .first = 503 },
  { "server time-out", .first = 504 },
  { "version not supported", .first = 505 },
  { "message too large", .first = 513 },
  { "precondition failure", .first = 580 },
  { "decline", .first = 603 },
  { "does not exist anywhere", .first = 604 },
  { "unwanted", .first = 607 },
  { "rejected", .first = 608 },
  { "trying", .first = 100 },
  { "ringing", .first = 180 },
  { "queued", .first = 182 },
  { "session progress", .first = 183 },
  { "ok", .first = 200 },
  { "moved permanently", .first = 301 },
  { "moved temporarily", .first = 302 },
  { "use proxy", .first = 305 },
  { "bad request", .first = 400 },
  /* Phrases that other stacks or older RFCs use. */
  { "Bad Identity-Info", .first = 436 },
  { "Unsupported Certificate", .first = 437 },
  { "Internal Server Error", .first = 500 },
  { "Gateway Time-out", .first = 504 },
  { "stale date", .first = 403 },
  /* Topics: the codes about the word before the codes that mention it. "identity" is the
   * Identity header's codes (RFC 8224), before 429 (Referred-By), 433 and 607. */
  { "identity", .top = 4, .within = { 428, 436, 437, 438 }, .after = { 429, 433, 607 } },
  { "Identity", .top = 4, .within = { 428, 436, 437, 438 }, .after = { 429, 433, 607 } },
  { "ＩＤＥＮＴＩＴＹ", .top = 4, .within = { 428, 436, 437, 438 } },
  { "identity header", .top = 2, .within = { 428 } },
  { "robocall", .top = 3, .within = { 607 } },
  { "spam", .first = 607 },
  { "glare", .first = 491 },
  { "overload", .first = 503 },
  { "prepaid", .first = 402 },
  { "digest", .top = 2, .within = { 401 } },
  { "nonce", .top = 2, .within = { 401, 407 } },
  { "certificate", .top = 2, .within = { 437, 436 } },
  { "passport", .top = 3, .within = { 428, 438 } },
  { "codec", .top = 5, .within = { 488 } },
  { "redirect", .top = 4, .within = { 300, 301, 302 } },
  { "do not disturb", .top = 3, .within = { 480 } },
  { "early media", .top = 3, .within = { 183 } },
  /* Header names: the code a header is about first. */
  { "Retry-After", .first = 503, .top = 8, .within = { 500, 480, 486 }, .after = { 502 } },
  { "retry-after", .first = 503, .top = 8, .within = { 500, 480 } },
  { "Min-Expires", .first = 423 },
  { "Min-SE", .first = 422 },
  { "Session-Expires", .top = 2, .within = { 422 } },
  { "WWW-Authenticate", .first = 401 },
  { "Proxy-Authenticate", .first = 407 },
  { "Max-Forwards", .first = 483 },
  { "Allow", .first = 405 },
  { "Allow-Events", .first = 489 },
  { "Event", .first = 489 },
  { "Unsupported", .first = 420 },
  { "Timestamp", .first = 100 },
  { "Alert-Info", .first = 180 },
  { "Referred-By", .first = 429 },
  { "P-Asserted-Identity", .top = 3, .within = { 433, 438, 607 } },
  { "Geolocation", .first = 424 },
  { "Security-Client", .first = 494 },
  { "History-Info", .first = 181 },
  { "Resource-Priority", .first = 417 },
  { "Max-Breadth", .first = 440 },
  { "Call-Info", .first = 608 },
  { "Content-Length", .top = 2, .within = { 411, 513 } },
  { "Via", .first = 482 },
  { "Privacy", .first = 433 },
  /* Method names. */
  { "CANCEL", .first = 487 },
  { "cancel", .first = 487 },
  { "REFER", .first = 429 },
  { "INFO", .first = 469 },
  { "PUBLISH", .top = 2, .within = { 412 } },
  { "SUBSCRIBE", .top = 4, .within = { 489 } },
  { "PRACK", .top = 5, .within = { 183, 180 } },
  { "UPDATE", .top = 3, .within = { 491 } },
  /* Japanese: names, one- and two-character words, half- and full-width forms. */
  { "認証", .top = 2, .within = { 401, 407 }, .after = { 305 } },
  { "話中", .first = 486, .top = 2, .within = { 600 }, .after = { 687 } },
  { "全域で話中", .first = 600 },
  { "話", .top = 10, .within = { 486 } },
  { "宛先が見つからない", .first = 404, .count = 1 },
  { "アクセス拒否", .first = 403 },
  { "迷惑電話", .first = 607 },
  { "プロキシ認証", .first = 407 },
  { "ダイジェスト認証", .top = 2, .within = { 401, 407 } },
  { "リクエスト中止", .first = 487 },
  { "一時的に利用不可", .first = 480 },
  { "サービス一時利用不可", .first = 503 },
  { "サーバー内部エラー", .first = 500 },
  { "非通知拒否", .first = 433 },
  { "転送元の識別情報", .first = 429 },
  { "未対応の証明書", .first = 437 },
  { "呼び出し中", .first = 180 },
  { "過負荷", .top = 2, .within = { 503 } },
  { "署名", .top = 10, .within = { 428 } },
  { "証明書", .top = 5, .within = { 437 } },
  { "ループ", .top = 3, .within = { 482 } },
  { "ﾀｲﾑｱｳﾄ", .top = 5, .within = { 408 } },
  { "タイムアウト", .top = 5, .within = { 408 } },
  { "コーデック", .top = 5, .within = { 488 } },
  { "Identityヘッダー", .top = 3, .within = { 428 } },
  /* Japanese in another form than the text's: stems and katakana method names. */
  { "見つかりません", .first = 404 },
  { "見つからない", .first = 404 },
  { "大きすぎます", .top = 2, .within = { 413, 513 } },
  { "大きすぎる", .top = 2, .within = { 413, 513 } },
  { "タイムアウトしました", .first = 408 },
  { "つながりません", .top = 2, .within = { 480 } },
  { "キャンセル", .first = 487 },
  { "キャンセルされた", .first = 487 },
  { "アイデンティティ", .top = 4, .within = { 428, 436, 437, 438 }, .after = { 429 } },
  { "サブスクライブ", .top = 4, .within = { 489 } },
  /* Typos: nothing matches; the nearest names are suggested. */
  { "unauthorised", .suggested = 401 },
  { "buzy", .suggested = 486 },
  { "forbiden", .suggested = 403 },
  { "unavailabel", .suggested = 480 },
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
check_suggested (const SearchCase *c)
{
  g_autoptr(GArray) suggestions = sc_kb_search_suggest (db, c->query, 3);
  g_autoptr(GString) suggested = g_string_new (NULL);

  describe_codes (suggested, suggestions);
  if (rank_of (suggestions, c->suggested) < 0)
    g_error ("“%s”: expected %u among the suggestions, got%s", c->query, c->suggested, suggested->str);
}

/* The lowest rank of `first` and `within`; -1 (and an error) if one is missing or too low. */
static int
check_expected (const SearchCase *c,
                GArray           *hits,
                const char       *got)
{
  int last = -1;

  if (c->first != 0 && rank_of (hits, c->first) != 0)
    g_error ("“%s”: expected %u first, got%s", c->query, c->first, got);
  last = c->first != 0 ? 0 : -1;
  for (guint i = 0; i < G_N_ELEMENTS (c->within) && c->within[i] != 0; i++)
    {
      int rank = rank_of (hits, c->within[i]);
      if (rank < 0 || rank >= (int) c->top)
        g_error ("“%s”: expected %u among the first %u, got%s", c->query, c->within[i], c->top, got);
      last = MAX (last, rank);
    }
  return last;
}

static void
check_excluded (const SearchCase *c,
                GArray           *hits,
                int               last,
                const char       *got)
{
  for (guint i = 0; i < G_N_ELEMENTS (c->after) && c->after[i] != 0; i++)
    if (rank_of (hits, c->after[i]) >= 0 && rank_of (hits, c->after[i]) < last)
      g_error ("“%s”: expected %u after the expected codes, got%s", c->query, c->after[i], got);
  for (guint i = 0; i < G_N_ELEMENTS (c->never) && c->never[i] != 0; i++)
    if (rank_of (hits, c->never[i]) >= 0)
      g_error ("“%s”: expected no %u, got%s", c->query, c->never[i], got);
  if (c->count != 0 && hits->len != c->count)
    g_error ("“%s”: expected %u hits, got%s", c->query, c->count, got);
}

static void
test_case (gconstpointer data)
{
  const SearchCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = sc_kb_search (db, c->query, 50, &error);
  g_autoptr(GString) got = g_string_new (NULL);

  g_assert_no_error (error);
  describe (got, hits);
  if (c->no_hit || c->suggested != 0)
    {
      if (hits->len != 0)
        g_error ("“%s”: expected no hit, got%s", c->query, got->str);
      if (c->suggested != 0)
        check_suggested (c);
      return;
    }
  if (hits->len == 0)
    g_error ("“%s”: expected hits, got none", c->query);
  check_excluded (c, hits, check_expected (c, hits, got->str), got->str);
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

/* An exact code is the one hit: other entries' text citing it (or a port, or an RFC number
 * with the same digits) is not what a code query asks for. */
static void
test_exact_code_only (void)
{
  g_autoptr(GArray) hits = sc_kb_search (db, "486", 50, NULL);

  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpuint (g_array_index (hits, ScKbHit, 0).code, ==, 486);
  g_assert_cmpint (g_array_index (hits, ScKbHit, 0).match, ==, SC_KB_MATCH_CODE);
}

/* Whatever is in a head (phrase, name, key header) scores above whatever is only in a body,
 * whatever the body's rank: a common 2-character word expands to many trigrams. */
static void
test_names_outrank_text (void)
{
  static const char * const queries[] = { "busy", "認証", "話中", "timeout", "拒否" };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) hits = sc_kb_search (db, queries[q], 50, NULL);
      gboolean seen_text = FALSE;

      for (guint i = 0; i < hits->len; i++)
        {
          ScKbMatch match = g_array_index (hits, ScKbHit, i).match;
          if (match == SC_KB_MATCH_NAME && seen_text)
            g_error ("“%s”: a name hit after a text hit (%u)", queries[q], g_array_index (hits, ScKbHit, i).code);
          seen_text = seen_text || match == SC_KB_MATCH_TEXT;
        }
    }
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

static void
test_stem_and_alias (void)
{
  static const char * const stems[][2] = {
    { "見つかりません", "見つか" },
    { "見つからない", "見つか" },
    { "大きすぎます", "大きす" },
    { "拒否されました", "拒否さ" },
    { "使えません", "使え" },       /* one character would say too little */
    { "ない", "ない" },
    { "話中", "話中" },
    { "busy", "busy" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (stems); i++)
    {
      g_autofree char *stem = sc_kb_normalize_stem (stems[i][0]);
      g_assert_cmpstr (stem, ==, stems[i][1]);
    }
  g_assert_cmpstr (sc_kb_normalize_alias ("キャンセル"), ==, "cancel");
  g_assert_null (sc_kb_normalize_alias ("話中"));
}

int
main (int   argc,
      char *argv[])
{
  db = sc_test_kb_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sc/kb/search/case/%03u", i);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/sc/kb/search/range-is-exactly-the-class", test_range_is_exactly_the_class);
  g_test_add_func ("/sc/kb/search/exact-code-only", test_exact_code_only);
  g_test_add_func ("/sc/kb/search/names-outrank-text", test_names_outrank_text);
  g_test_add_func ("/sc/kb/search/limit-and-empty", test_limit_and_empty);
  g_test_add_func ("/sc/kb/search/normalize", test_normalize);
  g_test_add_func ("/sc/kb/search/stem-and-alias", test_stem_and_alias);
  g_test_add_func ("/sc/kb/search/query-limits", test_query_limits);
  return sc_test_kb_run (&db);
}
