/* sc_rank(fts_table, weight…): BM25's term-frequency saturation and length normalization,
 * weighted per column, without its inverse document frequency. FTS5's bm25() computes the
 * IDF by visiting every document that matches each phrase, once per query; on a large
 * knowledge base that visit costs more than ranking the few hundred candidates we keep. The
 * result is negative, better first, like bm25(). */
#define G_LOG_DOMAIN "sc-kb-rank"

#include "sc-kb-rank.h"

#include "sc-kb-error.h"

#define K1 1.2
#define B  0.75
#define MAX_CELLS 256   /* phrases × columns; a longer query is capped by the search layer */

/* Per query: the average column sizes, computed on the first row. */
typedef struct {
  int    n_columns;
  double average[8];
} Averages;

static Averages *
averages_for (const Fts5ExtensionApi *api,
              Fts5Context            *fts)
{
  Averages *averages = api->xGetAuxdata (fts, 0);
  sqlite3_int64 rows = 0;

  if (averages != NULL)
    return averages;
  averages = g_new0 (Averages, 1);
  averages->n_columns = MIN (api->xColumnCount (fts), (int) G_N_ELEMENTS (averages->average));
  api->xRowCount (fts, &rows);
  for (int c = 0; c < averages->n_columns; c++)
    {
      sqlite3_int64 total = 0;
      api->xColumnTotalSize (fts, c, &total);
      averages->average[c] = rows > 0 && total > 0 ? (double) total / rows : 1.0;
    }
  api->xSetAuxdata (fts, averages, g_free);
  return averages;
}

static void
rank_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *context,
               int                     argc,
               sqlite3_value         **argv)
{
  Averages *averages = averages_for (api, fts);
  int n_columns = averages->n_columns;
  int n_phrases = api->xPhraseCount (fts);
  int counts[MAX_CELLS] = { 0 };
  int n_inst = 0;
  double score = 0.0;

  if (n_phrases * n_columns > MAX_CELLS || api->xInstCount (fts, &n_inst) != SQLITE_OK)
    {
      sqlite3_result_double (context, 0.0);
      return;
    }
  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;
      if (api->xInst (fts, i, &phrase, &column, &offset) == SQLITE_OK && column < n_columns)
        counts[phrase * n_columns + column]++;
    }
  for (int c = 0; c < n_columns; c++)
    {
      double weight = c < argc ? sqlite3_value_double (argv[c]) : 1.0;
      int size = 0;

      api->xColumnSize (fts, c, &size);
      for (int p = 0; p < n_phrases; p++)
        {
          double tf = counts[p * n_columns + c];
          if (tf > 0)
            score += weight * tf * (K1 + 1) / (tf + K1 * (1 - B + B * size / averages->average[c]));
        }
    }
  sqlite3_result_double (context, -score);
}

static fts5_api *
fts5_api_of (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

gboolean
sc_kb_rank_register (sqlite3  *db,
                     GError  **error)
{
  fts5_api *api = fts5_api_of (db);

  if (api == NULL || api->iVersion < 2 ||
      api->xCreateFunction (api, "sc_rank", NULL, rank_function, NULL) != SQLITE_OK)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE,
                   "this SQLite has no usable FTS5 (needed for search): %s", sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}
