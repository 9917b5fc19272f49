#define G_LOG_DOMAIN "sc-kb-search"

#include "sc-kb-search.h"

#include <string.h>

#include "sc-kb-database-private.h"
#include "sc-kb-error.h"
#include "sc-kb-normalize.h"

#include <glib/gi18n-lib.h>

/* Tiers: a hit's score is its tier plus its rank squeezed below SPREAD, so the rank orders
 * hits within a tier and never lifts one into the next. Whatever is in the head (the code's
 * number, reason phrases, names) outranks what is only in the body. */
#define SCORE_CODE   1000.0
#define SCORE_RANGE   500.0
#define SCORE_EXACT   400.0   /* a phrase or name is exactly the query (486 for 「話中」) */
#define SCORE_PHRASE  200.0   /* the whole query, as typed, in a phrase or name */
#define SCORE_NAME    100.0   /* every word somewhere in the phrases or names */
#define SCORE_TEXT      0.0   /* every word somewhere in the text */
#define SPREAD         50.0

/* The query is a header the code lists. The data lists the header a code is about first
 * (Identity for 428-438, Retry-After for 503, Min-Expires for 423): that one is a name of the
 * code and outranks a name that merely holds the word (437 above 429 "Provide Referrer
 * Identity" for "identity"); a header listed later only orders hits within their tier. */
#define BONUS_KEY_HEADER 150.0
#define BONUS_HEADER      50.0
#define HEADERS_COLUMN     8     /* of SC_KB_STMT_CODE: the headers, '\n'-joined */

/* A 2-character word is expanded into the trigrams that start with it (the index ends every
 * field with two spaces, so each occurrence starts one). More expansions than this mean the
 * word says too little to search the text with. */
#define MAX_EXPANSION 512

/* A word common to most of a very large knowledge base would have every one of its documents
 * scored; past this many matches only the first ones, in index order, are ranked. The real
 * knowledge base has far fewer entries than this, so there every match is ranked. */
#define MAX_RANKED 256

typedef struct {
  guint low;
  guint high;
} CodeRange;

/* A query split into code words ("428", "4xx") and the words to search the text for. */
typedef struct {
  CodeRange ranges[SC_KB_MAX_QUERY_WORDS];
  guint     n_ranges;
  GString  *words;
} Query;

/* One text search under way: what it looks for and what it found so far. */
typedef struct {
  ScKbDatabase *db;
  const char   *words;        /* normalized, without the code words */
  char         *field;        /* "  words  ": a head field that is exactly the query */
  gboolean      header_like;  /* one ASCII word: it may be a header name */
  guint         limit;
  GArray       *hits;
} Search;

/* "428" → 428..428; "4", "4x", "4xx" → 400..499; "42", "42x" → 420..429 ("*" works as "x"). */
static gboolean
parse_code_query (const char *q,
                  CodeRange  *range)
{
  gsize len = strlen (q);
  guint digits = 0, base = 0;

  if (len == 0 || len > 3 || q[0] < '1' || q[0] > '6')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isdigit (q[i]) && digits == i)
        {
          base = base * 10 + (q[i] - '0');
          digits++;
        }
      else if (q[i] != 'x' && q[i] != '*')
        return FALSE;
    }
  for (guint i = digits; i < 3; i++)
    base *= 10;
  range->low = base;
  range->high = base + (digits == 3 ? 0 : digits == 2 ? 9 : 99);
  return TRUE;
}

/* "428", "3261", "4xx": digits, then maybe wildcards. */
static gboolean
is_number (const char *word)
{
  if (!g_ascii_isdigit (word[0]))
    return FALSE;
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != 'x' && *p != '*')
      return FALSE;
  return TRUE;
}

/* A katakana method or header name as the text writes it (sc-kb-normalize.c). Every entry
 * has its text in English too, so 「キャンセル」 searched as "cancel" also finds what the
 * Japanese text calls キャンセル, ranks 487 (CANCEL) above the codes that mention a user
 * cancelling in passing, and 「アイデンティティ」 finds the codes whose key header is Identity. */
static const char *
latin_of (const char *word)
{
  g_autofree char *stem = sc_kb_normalize_stem (word);
  const char *alias = sc_kb_normalize_alias (stem);

  return alias != NULL ? alias : word;
}

/* A query of numbers only is a code query: it never matches digits in the text (RFC 3428 in
 * 413's, port 5060), and a number that is no code matches nothing. Among other words, only a
 * full code or class ("428 identity", "4xx busy") narrows the codes; "timer 2" and
 * "rfc 3261" search the text for the number. */
static void
split_query (const char *normalized,
             Query      *query)
{
  g_auto(GStrv) words = g_strsplit (normalized, " ", -1);
  gboolean numbers_only = TRUE;

  for (guint i = 0; words[i] != NULL; i++)
    numbers_only = numbers_only && is_number (words[i]);
  for (guint i = 0; words[i] != NULL; i++)
    {
      CodeRange range;

      if ((numbers_only || strlen (words[i]) == 3) && parse_code_query (words[i], &range) &&
          query->n_ranges < G_N_ELEMENTS (query->ranges))
        query->ranges[query->n_ranges++] = range;
      else if (!numbers_only)
        g_string_append_printf (query->words, "%s%s", query->words->len ? " " : "", latin_of (words[i]));
    }
}

static gboolean
in_ranges (const Query *query,
           guint        code)
{
  for (guint i = 0; i < query->n_ranges; i++)
    if (code >= query->ranges[i].low && code <= query->ranges[i].high)
      return TRUE;
  return FALSE;
}

static gboolean
has_hit (GArray *hits,
         guint   code)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_array_index (hits, ScKbHit, i).code == code)
      return TRUE;
  return FALSE;
}

static void
add_hit (GArray    *hits,
         guint      code,
         ScKbMatch  match,
         double     score)
{
  ScKbHit hit = { code, match, score };

  if (!has_hit (hits, code))
    g_array_append_val (hits, hit);
}

static void
add_range_hits (ScKbDatabase    *db,
                const CodeRange *range,
                GArray          *hits)
{
  GArray *codes = sc_kb_database_get_codes (db);

  for (guint i = 0; i < codes->len; i++)
    {
      guint code = g_array_index (codes, guint, i);
      if (code >= range->low && code <= range->high)
        add_hit (hits, code, range->low == range->high ? SC_KB_MATCH_CODE : SC_KB_MATCH_RANGE,
                 range->low == range->high ? SCORE_CODE : SCORE_RANGE - (code - range->low) / 1000.0);
    }
}

/* An FTS rank (0 and up, better higher), squeezed into [0, SPREAD): a word repeated in 500
 * expanded trigrams must not score like a name. */
static double
squeeze (double rank)
{
  rank = MAX (rank, 0.0);
  return SPREAD * rank / (rank + 10.0);
}

static gboolean
is_exact_name (Search    *search,
               guint      code,
               gboolean  *exact,
               GError   **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (search->db, SC_KB_STMT_HEAD);

  sqlite3_bind_int (stmt, 1, code);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return sc_kb_database_error (search->db, "reading a name", error);
  /* Head fields are separated and ended by two spaces (sc-kb-writer.c). */
  *exact = strstr ((const char *) sqlite3_column_text (stmt, 0), search->field) != NULL;
  return TRUE;
}

static gboolean
header_bonus (Search  *search,
              guint    code,
              double  *bonus,
              GError **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (search->db, SC_KB_STMT_CODE);
  g_auto(GStrv) headers = NULL;

  sqlite3_bind_int (stmt, 1, code);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return sc_kb_database_error (search->db, "reading the headers", error);
  headers = g_strsplit ((const char *) sqlite3_column_text (stmt, HEADERS_COLUMN), "\n", -1);
  *bonus = 0.0;
  for (guint i = 0; headers[i] != NULL; i++)
    if (g_ascii_strcasecmp (headers[i], search->words) == 0)
      {
        *bonus = i == 0 ? BONUS_KEY_HEADER : BONUS_HEADER;
        break;
      }
  return TRUE;
}

static gboolean
add_ranked_hit (Search     *search,
                guint       code,
                ScKbMatch   match,
                double      base,
                double      rank,
                GError    **error)
{
  gboolean exact = FALSE;
  double bonus = 0.0;

  if (has_hit (search->hits, code))
    return TRUE;
  if (match == SC_KB_MATCH_NAME && !is_exact_name (search, code, &exact, error))
    return FALSE;
  if (search->header_like && !header_bonus (search, code, &bonus, error))
    return FALSE;
  add_hit (search->hits, code, match, (exact ? SCORE_EXACT : base) + bonus + squeeze (rank));
  return TRUE;
}

static void
append_phrase (GString    *expr,
               const char *text)
{
  g_string_append_c (expr, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (expr, '"');
      g_string_append_c (expr, *p);
    }
  g_string_append_c (expr, '"');
}

/* Returns the number of trigrams appended, or -1 on a database error. */
static int
append_expansion (ScKbDatabase  *db,
                  GString       *expr,
                  const char    *token,
                  GError       **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (db, SC_KB_STMT_VOCAB_PREFIX);
  int n = 0, rc;

  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, MAX_EXPANSION + 1);
  g_string_append_c (expr, '(');
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ > 0)
        g_string_append (expr, " OR ");
      append_phrase (expr, (const char *) sqlite3_column_text (stmt, 0));
    }
  g_string_append_c (expr, ')');
  if (rc != SQLITE_DONE)
    {
      sc_kb_database_error (db, "expanding a short query", error);
      return -1;
    }
  return n;
}

/* A word narrows the text down only from three characters on, or two that are not ASCII
 * (「認証」「話中」 are words; "id" is the start of one). Narrower words match names only. */
static gboolean
is_wide_token (const char *token)
{
  glong length = g_utf8_strlen (token, -1);

  return length >= 3 || (length == 2 && !g_str_is_ascii (token));
}

typedef enum { EXPR_OK, EXPR_NO_MATCH, EXPR_NAMES_ONLY, EXPR_ERROR } ExprResult;

/* One wide word: 3+ characters as a trigram phrase, 2 through the trigrams that start with
 * them. Returns the number of trigrams, 1 for a phrase, or -1 on a database error. */
static int
append_word (ScKbDatabase  *db,
             GString       *expr,
             const char    *word,
             GError       **error)
{
  if (g_utf8_strlen (word, -1) >= 3)
    {
      append_phrase (expr, word);
      return 1;
    }
  return append_expansion (db, expr, word, error);
}

/* A Japanese word by its stem (sc-kb-normalize.c): 「見つかりません」 finds 「見つからない」. */
static int
append_token (ScKbDatabase  *db,
              GString       *expr,
              const char    *token,
              GError       **error)
{
  g_autofree char *stem = sc_kb_normalize_stem (token);

  return append_word (db, expr, stem, error);
}

/* Every wide word must match. Narrow words are left to the name scan. */
static ExprResult
build_match_expression (ScKbDatabase  *db,
                        const char    *normalized,
                        GString       *expr,
                        GError       **error)
{
  g_auto(GStrv) tokens = g_strsplit (normalized, " ", -1);
  guint used = 0;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gsize mark = expr->len;
      int n;

      if (!is_wide_token (tokens[i]))
        continue;
      if (used > 0)
        g_string_append (expr, " AND ");
      n = append_token (db, expr, tokens[i], error);
      if (n < 0)
        return EXPR_ERROR;
      if (n == 0)
        return EXPR_NO_MATCH;
      if (n > MAX_EXPANSION)
        {
          g_string_truncate (expr, mark);
          continue;
        }
      used++;
    }
  return used > 0 ? EXPR_OK : EXPR_NAMES_ONLY;
}

static gboolean
collect (Search        *search,
         sqlite3_stmt  *stmt,
         ScKbMatch      match,
         double         base,
         GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!add_ranked_hit (search, sqlite3_column_int (stmt, 0), match, base,
                         -sqlite3_column_double (stmt, 1), error))
      return FALSE;
  if (rc != SQLITE_DONE)
    return sc_kb_database_error (search->db, "searching", error);
  return TRUE;
}

/* Searches the names index (SC_KB_MATCH_NAME) or the whole text (SC_KB_MATCH_TEXT). */
static gboolean
run_fts (Search      *search,
         const char  *expr,
         ScKbMatch    match,
         double       base,
         GError     **error)
{
  gboolean names = match == SC_KB_MATCH_NAME;
  sqlite3_stmt *stmt = sc_kb_database_statement (search->db, names ? SC_KB_STMT_NAME_NTH : SC_KB_STMT_SEARCH_NTH);
  sqlite3_int64 bound = G_MAXINT64;
  int rc;

  sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, MAX_RANKED - 1);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bound = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return sc_kb_database_error (search->db, "searching", error);

  stmt = sc_kb_database_statement (search->db, names ? SC_KB_STMT_NAME_FTS : SC_KB_STMT_SEARCH_FTS);
  sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, search->limit);
  sqlite3_bind_int64 (stmt, 3, bound);
  return collect (search, stmt, match, base, error);
}

/* Narrow words only ("i", "4", 「話」): names that hold the query, in code order. A kana or
 * kanji can be rare, so the names index finds it through the trigrams that start with it; a
 * Latin letter or two expands to hundreds of trigrams but is common, so a scan stops early. */
static gboolean
search_names_only (Search  *search,
                   GError **error)
{
  g_autoptr(GString) expr = g_string_new (NULL);
  gboolean use_index = FALSE;
  sqlite3_stmt *stmt;

  if (!g_str_is_ascii (search->words) && strchr (search->words, ' ') == NULL)
    {
      int n = append_expansion (search->db, expr, search->words, error);
      if (n < 0)
        return FALSE;
      if (n == 0)   /* every occurrence starts a trigram: none starts with it, none exists */
        return TRUE;
      use_index = n <= MAX_EXPANSION;
    }
  if (use_index)
    {
      stmt = sc_kb_database_statement (search->db, SC_KB_STMT_NAME_SCAN_FTS);
      sqlite3_bind_text (stmt, 1, expr->str, -1, SQLITE_TRANSIENT);
    }
  else
    {
      stmt = sc_kb_database_statement (search->db, SC_KB_STMT_SEARCH_HEAD_SCAN);
      sqlite3_bind_text (stmt, 1, search->words, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int (stmt, 2, search->limit);
  return collect (search, stmt, SC_KB_MATCH_NAME, SCORE_NAME, error);
}

/* Names first (the whole query in a phrase or name, then every word), then the whole text. */
static gboolean
search_text (Search  *search,
             GError **error)
{
  g_autoptr(GString) expr = g_string_new (NULL);

  switch (build_match_expression (search->db, search->words, expr, error))
    {
    case EXPR_ERROR:
      return FALSE;
    case EXPR_NO_MATCH:
      return TRUE;
    case EXPR_NAMES_ONLY:
      return search_names_only (search, error);
    case EXPR_OK:
      break;
    }
  if (strchr (search->words, ' ') != NULL && g_utf8_strlen (search->words, -1) >= 3)
    {
      g_autoptr(GString) phrase = g_string_new (NULL);
      append_phrase (phrase, search->words);
      if (!run_fts (search, phrase->str, SC_KB_MATCH_NAME, SCORE_PHRASE, error))
        return FALSE;
    }
  if (!run_fts (search, expr->str, SC_KB_MATCH_NAME, SCORE_NAME, error))
    return FALSE;
  /* Name hits outrank every text hit but those whose key header is the query: when names
   * fill the page and the query cannot be a header name, the text cannot show. */
  if (search->hits->len >= search->limit && !search->header_like)
    return TRUE;
  return run_fts (search, expr->str, SC_KB_MATCH_TEXT, SCORE_TEXT, error);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const ScKbHit *ha = a, *hb = b;

  if (ha->score != hb->score)
    return ha->score > hb->score ? -1 : 1;
  return (int) ha->code - (int) hb->code;
}

/* What a person types: text, of a length and a number of words a search can use. Longer
 * input (a pasted file) would cost seconds and memory for nothing. */
gboolean
sc_kb_search_check_query (const char  *query,
                          GError     **error)
{
  guint words = 0;

  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error_literal (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_QUERY,
                           _("the query holds bytes that are not UTF-8: type it again as text"));
      return FALSE;
    }
  if (g_utf8_strlen (query, -1) > SC_KB_MAX_QUERY_CHARS)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_QUERY,
                   _("the query is longer than %d characters: search for a code, a phrase or a few words"),
                   SC_KB_MAX_QUERY_CHARS);
      return FALSE;
    }
  for (const char *p = query; *p != '\0'; p++)
    words += !g_ascii_isspace (*p) && (p == query || g_ascii_isspace (p[-1]));
  if (words > SC_KB_MAX_QUERY_WORDS)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_QUERY,
                   _("the query has more than %d words: search for a code, a phrase or a few words"),
                   SC_KB_MAX_QUERY_WORDS);
      return FALSE;
    }
  return TRUE;
}

/* The words of @query, in the text; with code words, only hits among those codes. A code
 * among many text hits may rank low, so then every match is ranked, not just a page. */
static gboolean
search_words (ScKbDatabase  *db,
              const Query   *query,
              guint          limit,
              GArray        *hits,
              GError       **error)
{
  g_autofree char *field = g_strdup_printf ("  %s  ", query->words->str);
  Search search = {
    .db = db,
    .words = query->words->str,
    .field = field,
    .header_like = g_str_is_ascii (query->words->str) && strchr (query->words->str, ' ') == NULL,
    .limit = query->n_ranges > 0 ? MAX (limit, MAX_RANKED) : limit,
    .hits = hits,
  };

  if (!search_text (&search, error))
    return FALSE;
  for (guint i = hits->len; query->n_ranges > 0 && i-- > 0;)
    if (!in_ranges (query, g_array_index (hits, ScKbHit, i).code))
      g_array_remove_index (hits, i);
  return TRUE;
}

/**
 * sc_kb_search:
 * @query: what the user typed, in any script or width
 * @limit: at most this many hits
 *
 * Returns: (transfer full) (element-type ScKbHit): the hits, best first: the exact code, then
 * a code range, then codes whose phrase, name or key header is or holds the query, then text.
 * A query of numbers matches codes only, never digits in the text. Empty when nothing
 * matches; %NULL only on a database error or an empty query.
 */
GArray *
sc_kb_search (ScKbDatabase  *db,
              const char    *query,
              guint          limit,
              GError       **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (ScKbHit));
  g_autoptr(GString) words = g_string_new (NULL);
  Query parsed = { .words = words };

  g_return_val_if_fail (SC_KB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!sc_kb_search_check_query (query, error))
    return NULL;
  normalized = sc_kb_normalize (query);
  if (*normalized == '\0')
    {
      g_set_error_literal (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_QUERY, _("the query is empty"));
      return NULL;
    }
  if (limit == 0)
    return g_steal_pointer (&hits);

  split_query (normalized, &parsed);
  if (words->len > 0 && !search_words (db, &parsed, limit, hits, error))
    return NULL;
  if (words->len == 0)
    for (guint i = 0; i < parsed.n_ranges; i++)
      add_range_hits (db, &parsed.ranges[i], hits);

  g_array_sort (hits, compare_hits);
  if (hits->len > limit)
    g_array_set_size (hits, limit);
  return g_steal_pointer (&hits);
}
