/* bench-search: search latency over the real knowledge base and over a synthetic one of
 * 100,000 entries, for queries typed as a person types them (each prefix of each word), in
 * English and Japanese. Prints figures; asserts nothing about time. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sc-kb-database.h"
#include "sc-kb-search.h"
#include "sc-kb-writer.h"

#define PASSES 5
#define SYNTHETIC_ENTRIES 100000

static const char * const words[] = {
  "busy", "identity", "authentication", "unauthorized", "forbidden", "not found", "timeout",
  "retry-after", "session interval", "codec", "loop", "too many hops", "decline", "unwanted",
  "rejected", "transaction", "cancel", "register", "proxy", "certificate", "signature", "overload",
  "unavailable", "extension", "min-expires", "redirect", "forwarded", "ringing", "early media",
  "stale date", "Bad Identity-Info", "internal server error",
  "話中", "認証", "署名", "証明書", "タイムアウト", "転送", "呼び出し中", "ループ", "拒否", "過負荷",
  "登録", "コーデック", "宛先", "再送", "全域で話中", "ﾀｲﾑｱｳﾄ", "Identityヘッダー", "ダイジェスト認証",
  "428", "４２８", "4xx", "48", "486", "503", "6xx", "42x", "180", "200",
};

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* As-you-type: "i", "id", "ide", … "identity". */
static GPtrArray *
make_queries (void)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    for (const char *end = g_utf8_next_char (words[i]); ; end = g_utf8_next_char (end))
      {
        g_ptr_array_add (queries, g_strndup (words[i], end - words[i]));
        if (*end == '\0')
          break;
      }
  return queries;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

typedef struct {
  gint64      ns;
  const char *query;
} Timing;

static int
compare_timing (gconstpointer a,
                gconstpointer b)
{
  return compare_gint64 (&((const Timing *) b)->ns, &((const Timing *) a)->ns);
}

/* On stderr, so that stdout stays the figures: which queries cost the most (best of passes). */
static void
report_slowest (const char *label,
                GArray     *best)
{
  g_array_sort (best, compare_timing);
  for (guint i = 0; i < best->len && i < 8; i++)
    fprintf (stderr, "%s slowest: %6.0f us  “%s”\n", label, g_array_index (best, Timing, i).ns / 1000.0,
             g_array_index (best, Timing, i).query);
}

static void
measure (const char *label,
         const char *path,
         GPtrArray  *queries)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScKbDatabase) db = sc_kb_database_open (path, &error);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) best = g_array_new (FALSE, TRUE, sizeof (Timing));
  guint hits = 0;

  g_array_set_size (best, queries->len);

  if (db == NULL)
    g_error ("%s", error->message);
  for (guint pass = 0; pass <= PASSES; pass++)   /* pass 0 warms the page cache */
    for (guint i = 0; i < queries->len; i++)
      {
        gint64 start = now_ns (), elapsed;
        g_autoptr(GArray) result = sc_kb_search (db, g_ptr_array_index (queries, i), 20, &error);

        elapsed = now_ns () - start;
        if (result == NULL)
          g_error ("%s", error->message);
        if (pass > 0)
          {
            Timing *t = &g_array_index (best, Timing, i);
            if (t->query == NULL || elapsed < t->ns)
              *t = (Timing) { elapsed, g_ptr_array_index (queries, i) };
            g_array_append_val (times, elapsed);
            hits += result->len > 0;
          }
      }
  g_array_sort (times, compare_gint64);
  report_slowest (label, best);
  printf ("%s_queries=%u %s_with_hits_pct=%.0f\n", label, queries->len, label, 100.0 * hits / times->len);
  printf ("%s_p50_us=%.0f\n", label, g_array_index (times, gint64, times->len / 2) / 1000.0);
  printf ("%s_p99_us=%.0f\n", label, g_array_index (times, gint64, times->len * 99 / 100) / 1000.0);
  printf ("%s_max_us=%.0f\n", label, g_array_index (times, gint64, times->len - 1) / 1000.0);
}

static GStrv
first_of (GStrv items)
{
  return g_strdupv ((char *[]) { items[0], NULL });
}

/* A synthetic entry derived from a real one: its names, summary, a cause and a fix, made
 * distinct by a serial number. */
static ScKbEntry *
synthetic_entry (ScKbEntry *base,
                 guint      serial)
{
  ScKbFacts *facts = sc_kb_facts_new ();
  const ScKbFacts *real = sc_kb_entry_get_facts (base);
  ScKbText *texts[SC_KB_N_LANGS];

  facts->code = 1000 + serial;
  facts->reason = g_strdup_printf ("%s %u", real->reason, serial);
  facts->other_reasons = g_new0 (char *, 1);
  facts->status = g_strdup (real->status);
  facts->senders = g_strdupv (real->senders);
  facts->next_step = g_strdup (real->next_step);
  facts->headers = g_strdupv (real->headers);
  facts->methods = g_strdupv (real->methods);
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    {
      const ScKbText *text = sc_kb_entry_get_text (base, lang);
      texts[lang] = sc_kb_text_new ();
      texts[lang]->name = g_strdup_printf ("%s %u", text->name, serial);
      texts[lang]->summary = g_strdup (text->summary);
      texts[lang]->description = g_strdup_printf ("variant %u", serial);
      texts[lang]->next_step_detail = g_strdup (text->next_step_detail);
      texts[lang]->causes = first_of (text->causes);
      texts[lang]->fixes = first_of (text->fixes);
      texts[lang]->notes = g_new0 (char *, 1);
    }
  return sc_kb_entry_new (facts, texts);
}

static void
build_synthetic (const char *real_path,
                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScKbDatabase) db = sc_kb_database_open (real_path, &error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ScKbWriter) writer = NULL;
  gint64 start = now_ns ();

  if (db == NULL || !(entries = sc_kb_database_list (db, 0, &error)) ||
      !(writer = sc_kb_writer_new (path, &error)))
    g_error ("%s", error->message);
  for (guint i = 0; i < SYNTHETIC_ENTRIES; i++)
    {
      g_autoptr(ScKbEntry) entry = synthetic_entry (g_ptr_array_index (entries, i % entries->len), i);
      if (!sc_kb_writer_add_entry (writer, entry, &error))
        g_error ("%s", error->message);
    }
  if (!sc_kb_writer_finish (writer, &error))
    g_error ("%s", error->message);
  fprintf (stderr, "built %s (%u entries) in %.1f s\n", path, SYNTHETIC_ENTRIES, (now_ns () - start) / 1e9);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) queries = NULL;

  setlocale (LC_ALL, "");
  if (argc != 3)
    {
      fprintf (stderr, "usage: %s REAL.db SYNTHETIC.db (built when missing)\n", argv[0]);
      return 2;
    }
  queries = make_queries ();
  measure ("search", argv[1], queries);
  if (!g_file_test (argv[2], G_FILE_TEST_EXISTS))
    build_synthetic (argv[1], argv[2]);
  measure ("search_100k", argv[2], queries);
  return 0;
}
