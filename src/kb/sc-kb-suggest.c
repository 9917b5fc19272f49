/* What the user may have meant when a search finds nothing: the nearest codes to a number,
 * the codes whose phrase or name looks most alike to words. */
#define G_LOG_DOMAIN "sc-kb-search"

#include "sc-kb-search.h"

#include <string.h>

#include "sc-kb-database-private.h"
#include "sc-kb-normalize.h"

typedef struct {
  guint  code;
  double similarity;
} Scored;

/* Most alike first; ties by code. */
static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const Scored *x = a, *y = b;

  if (x->similarity != y->similarity)
    return x->similarity > y->similarity ? -1 : 1;
  return (int) x->code - (int) y->code;
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
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (Scored));
  GArray *codes = g_array_new (FALSE, FALSE, sizeof (guint));

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double similarity = head_similarity (query_grams, (const char *) sqlite3_column_text (stmt, 1));
      if (similarity >= 0.3)
        g_array_append_val (scored, ((Scored) { sqlite3_column_int (stmt, 0), similarity }));
    }
  g_array_sort (scored, compare_scored);
  for (guint i = 0; i < scored->len && i < n; i++)
    g_array_append_val (codes, g_array_index (scored, Scored, i).code);
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

  if (!sc_kb_search_check_query (query, NULL))
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
