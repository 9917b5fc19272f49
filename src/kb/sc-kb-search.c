#define G_LOG_DOMAIN "sc-kb-search"

#include "sc-kb-search.h"

#include <string.h>

#include "sc-kb-database-private.h"
#include "sc-kb-error.h"
#include "sc-kb-normalize.h"

#include <glib/gi18n-lib.h>

#define SCORE_CODE  1000.0
#define SCORE_RANGE  500.0
#define SCORE_EXACT  300.0   /* a phrase or name is exactly the query (486 for 「話中」) */
#define SCORE_PHRASE 200.0   /* the whole query, as typed, in a phrase or name */
#define SCORE_NAME   100.0   /* every word somewhere in the phrases or names */

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

static void
add_hit (GArray    *hits,
         guint      code,
         ScKbMatch  match,
         double     score)
{
  ScKbHit hit = { code, match, score };

  for (guint i = 0; i < hits->len; i++)
    if (g_array_index (hits, ScKbHit, i).code == code)
      return;
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

/* Every wide word must match: 3+ characters as a trigram phrase, 2 through the trigrams that
 * start with them. Narrow words are left to the name scan. */
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

      if (!is_wide_token (tokens[i]))
        continue;
      if (used > 0)
        g_string_append (expr, " AND ");
      if (g_utf8_strlen (tokens[i], -1) >= 3)
        append_phrase (expr, tokens[i]);
      else
        {
          int n = append_expansion (db, expr, tokens[i], error);
          if (n < 0)
            return EXPR_ERROR;
          if (n == 0)
            return EXPR_NO_MATCH;
          if (n > MAX_EXPANSION)
            {
              g_string_truncate (expr, mark);
              continue;
            }
        }
      used++;
    }
  return used > 0 ? EXPR_OK : EXPR_NAMES_ONLY;
}

static gboolean
collect (ScKbDatabase  *db,
         sqlite3_stmt  *stmt,
         ScKbMatch      match,
         double         base,
         GArray        *hits,
         GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_hit (hits, sqlite3_column_int (stmt, 0), match, base - sqlite3_column_double (stmt, 1));
  if (rc != SQLITE_DONE)
    return sc_kb_database_error (db, "searching", error);
  return TRUE;
}

/* Searches the names index (SC_KB_MATCH_NAME) or the whole text (SC_KB_MATCH_TEXT). */
static gboolean
run_fts (ScKbDatabase  *db,
         const char    *expr,
         ScKbMatch      match,
         double         base,
         guint          limit,
         GArray        *hits,
         GError       **error)
{
  gboolean names = match == SC_KB_MATCH_NAME;
  sqlite3_stmt *stmt = sc_kb_database_statement (db, names ? SC_KB_STMT_NAME_NTH : SC_KB_STMT_SEARCH_NTH);
  sqlite3_int64 bound = G_MAXINT64;
  int rc;

  sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, MAX_RANKED - 1);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bound = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return sc_kb_database_error (db, "searching", error);

  stmt = sc_kb_database_statement (db, names ? SC_KB_STMT_NAME_FTS : SC_KB_STMT_SEARCH_FTS);
  sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, bound);
  return collect (db, stmt, match, base, hits, error);
}

/* Narrow words only ("i", "4", 「話」): names that hold the query, in code order. A kana or
 * kanji can be rare, so the names index finds it through the trigrams that start with it; a
 * Latin letter or two expands to hundreds of trigrams but is common, so a scan stops early. */
static gboolean
search_names_only (ScKbDatabase  *db,
                   const char    *normalized,
                   guint          limit,
                   GArray        *hits,
                   GError       **error)
{
  g_autoptr(GString) expr = g_string_new (NULL);
  gboolean use_index = FALSE;
  sqlite3_stmt *stmt;

  if (!g_str_is_ascii (normalized) && strchr (normalized, ' ') == NULL)
    {
      int n = append_expansion (db, expr, normalized, error);
      if (n < 0)
        return FALSE;
      if (n == 0)   /* every occurrence starts a trigram: none starts with it, none exists */
        return TRUE;
      use_index = n <= MAX_EXPANSION;
    }
  if (use_index)
    {
      stmt = sc_kb_database_statement (db, SC_KB_STMT_NAME_SCAN_FTS);
      sqlite3_bind_text (stmt, 1, expr->str, -1, SQLITE_TRANSIENT);
    }
  else
    {
      stmt = sc_kb_database_statement (db, SC_KB_STMT_SEARCH_HEAD_SCAN);
      sqlite3_bind_text (stmt, 1, normalized, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int (stmt, 2, limit);
  return collect (db, stmt, SC_KB_MATCH_NAME, SCORE_NAME, hits, error);
}

/* Names first (every word in the code, a phrase or a name), then the whole text by bm25. */
static gboolean
search_text (ScKbDatabase  *db,
             const char    *normalized,
             guint          limit,
             GArray        *hits,
             GError       **error)
{
  g_autoptr(GString) expr = g_string_new (NULL);

  switch (build_match_expression (db, normalized, expr, error))
    {
    case EXPR_ERROR:
      return FALSE;
    case EXPR_NO_MATCH:
      return TRUE;
    case EXPR_NAMES_ONLY:
      return search_names_only (db, normalized, limit, hits, error);
    case EXPR_OK:
      break;
    }
  if (strchr (normalized, ' ') != NULL && g_utf8_strlen (normalized, -1) >= 3)
    {
      g_autoptr(GString) phrase = g_string_new (NULL);
      append_phrase (phrase, normalized);
      if (!run_fts (db, phrase->str, SC_KB_MATCH_NAME, SCORE_PHRASE, limit, hits, error))
        return FALSE;
    }
  if (!run_fts (db, expr->str, SC_KB_MATCH_NAME, SCORE_NAME, limit, hits, error))
    return FALSE;
  /* Name hits outrank every text hit: when they fill the page, the text cannot show. */
  if (hits->len >= limit)
    return TRUE;
  return run_fts (db, expr->str, SC_KB_MATCH_TEXT, 0.0, limit, hits, error);
}

/* Head fields are separated and ended by two spaces (sc-kb-writer.c). */
static gboolean
promote_exact_names (ScKbDatabase  *db,
                     const char    *normalized,
                     GArray        *hits,
                     GError       **error)
{
  g_autofree char *field = g_strdup_printf ("  %s  ", normalized);

  for (guint i = 0; i < hits->len; i++)
    {
      ScKbHit *hit = &g_array_index (hits, ScKbHit, i);
      sqlite3_stmt *stmt;
      int rc;

      if (hit->match != SC_KB_MATCH_NAME)
        continue;
      stmt = sc_kb_database_statement (db, SC_KB_STMT_HEAD);
      sqlite3_bind_int (stmt, 1, hit->code);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        return sc_kb_database_error (db, "reading a name", error);
      if (strstr ((const char *) sqlite3_column_text (stmt, 0), field) != NULL)
        hit->score = SCORE_EXACT + hit->score - SCORE_NAME;
    }
  return TRUE;
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
static gboolean
check_query (const char  *query,
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

/**
 * sc_kb_search:
 * @query: what the user typed, in any script or width
 * @limit: at most this many hits
 *
 * Returns: (transfer full) (element-type ScKbHit): the hits, best first: the exact code, then
 * a code range, then codes whose number, phrase or name holds the query, then text (bm25).
 * Empty when nothing matches; %NULL only on a database error or an empty query.
 */
GArray *
sc_kb_search (ScKbDatabase  *db,
              const char    *query,
              guint          limit,
              GError       **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (ScKbHit));
  CodeRange range;

  g_return_val_if_fail (SC_KB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!check_query (query, error))
    return NULL;
  normalized = sc_kb_normalize (query);
  if (*normalized == '\0')
    {
      g_set_error_literal (error, SC_KB_ERROR, SC_KB_ERROR_INVALID_QUERY, _("the query is empty"));
      return NULL;
    }
  if (limit == 0)
    return g_steal_pointer (&hits);

  if (parse_code_query (normalized, &range))
    {
      add_range_hits (db, &range, hits);
      /* A range says all it means; a full code may also be cited in other entries' text. */
      if (range.low != range.high)
        goto done;
    }
  if (!search_text (db, normalized, limit, hits, error) ||
      !promote_exact_names (db, normalized, hits, error))
    return NULL;

done:
  g_array_sort (hits, compare_hits);
  if (hits->len > limit)
    g_array_set_size (hits, limit);
  return g_steal_pointer (&hits);
}

/* Character unigrams and bigrams: tolerant of typos in English and in two-character Japanese words. */
static GHashTable *
grams_of (const char *text)
{
  GHashTable *grams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *prev = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);
      g_hash_table_add (grams, g_strndup (p, next - p));
      if (prev != NULL)
        g_hash_table_add (grams, g_strndup (prev, next - prev));
      prev = p;
    }
  return grams;
}

static double
dice (GHashTable *a,
      const char *text)
{
  g_autoptr(GHashTable) b = grams_of (text);
  GHashTableIter iter;
  gpointer gram;
  guint common = 0;
  guint total = g_hash_table_size (a) + g_hash_table_size (b);

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &gram, NULL))
    common += g_hash_table_contains (b, gram);
  return total ? 2.0 * common / total : 0.0;
}

/* The best similarity of the query to any field of a head, or any word of those fields. */
static double
head_similarity (GHashTable *query_grams,
                 const char *head)
{
  g_auto(GStrv) fields = g_strsplit (head, "  ", -1);
  double best = 0.0;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (fields[i], " ", -1);
      best = MAX (best, dice (query_grams, fields[i]));
      for (guint j = 0; words[j] != NULL && words[1] != NULL; j++)
        best = MAX (best, dice (query_grams, words[j]));
    }
  return best;
}

static GArray *
suggest_by_text (ScKbDatabase *db,
                 const char   *normalized,
                 guint         n)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (db, SC_KB_STMT_HEADS);
  g_autoptr(GHashTable) query_grams = grams_of (normalized);
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (ScKbHit));
  GArray *codes = g_array_new (FALSE, FALSE, sizeof (guint));

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double similarity = head_similarity (query_grams, (const char *) sqlite3_column_text (stmt, 1));
      if (similarity >= 0.3)
        add_hit (scored, sqlite3_column_int (stmt, 0), SC_KB_MATCH_TEXT, similarity);
    }
  g_array_sort (scored, compare_hits);
  for (guint i = 0; i < scored->len && i < n; i++)
    g_array_append_val (codes, g_array_index (scored, ScKbHit, i).code);
  return codes;
}

/**
 * sc_kb_search_suggest:
 * For a query without hits: up to @n codes the user may have meant. A number gives the
 * numerically nearest codes; words give the codes whose phrase or name looks most alike.
 *
 * Returns: (transfer full) (element-type guint): possibly empty.
 */
GArray *
sc_kb_search_suggest (ScKbDatabase *db,
                      const char   *query,
                      guint         n)
{
  g_autofree char *normalized = NULL;
  gsize len;
  gboolean numeric;

  if (!check_query (query, NULL))
    return g_array_new (FALSE, FALSE, sizeof (guint));
  normalized = sc_kb_normalize (query);
  len = strlen (normalized);
  numeric = len > 0;

  for (gsize i = 0; i < len; i++)
    numeric = numeric && (g_ascii_isdigit (normalized[i]) || normalized[i] == 'x' || normalized[i] == '*');
  if (numeric)
    {
      guint value = 0;
      for (gsize i = 0; i < 3; i++)
        value = value * 10 + (i < len && g_ascii_isdigit (normalized[i]) ? normalized[i] - '0' : 0);
      return sc_kb_database_nearest_codes (db, value, n);
    }
  return suggest_by_text (db, normalized, n);
}
