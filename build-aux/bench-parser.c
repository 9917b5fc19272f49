/* bench-parser DIR [--passes N]: parses every .sip file in DIR, checking what the shared anchor
 * harness checks (start line, Call-ID, CSeq, From/To tags, every Via and Record-Route, Contact,
 * body length), then prints parse_msgs_per_s (median of 5 one-second rounds). With --passes N
 * it parses the corpus exactly N times in run_fixed(), for callgrind's --toggle-collect. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sc-sip-message.h"

static GPtrArray *corpus;   /* of GBytes */
static gsize parsed;

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* What the raw text says, counted the naive way: Via values by their "SIP/2.0/", Record-Route
 * values by their '<'. */
static void
count_raw (GBytes *bytes,
           guint  *vias,
           guint  *record_routes)
{
  gsize len;
  const char *p = g_bytes_get_data (bytes, &len), *end = p + len;

  *vias = *record_routes = 0;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = (nl ? nl : end) - p;
      if (n == 0 || (n == 1 && *p == '\r'))
        break;
      if (g_ascii_strncasecmp (p, "Via:", 4) == 0 || g_ascii_strncasecmp (p, "v:", 2) == 0)
        for (const char *q = p; q + 8 <= p + n; q++)
          *vias += memcmp (q, "SIP/2.0/", 8) == 0;
      if (g_ascii_strncasecmp (p, "Record-Route:", 13) == 0)
        for (const char *q = p; q < p + n; q++)
          *record_routes += *q == '<';
      p = nl ? nl + 1 : end;
    }
}

static gboolean
check (const char *name,
       GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipMessage) msg = sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, &error);
  guint vias, record_routes;

  if (msg == NULL)
    return fprintf (stderr, "FAIL %s: %s\n", name, error->message), FALSE;
  count_raw (bytes, &vias, &record_routes);
  if ((msg->is_request ? msg->method.len == 0 : msg->status == 0) || msg->call_id.len == 0 ||
      msg->cseq_method.len == 0 || msg->from.tag.len == 0 || msg->to.uri_text.len == 0 ||
      msg->n_vias != vias || msg->n_record_routes != record_routes ||
      (msg->content_length >= 0 && (gint64) msg->body.len != msg->content_length))
    return fprintf (stderr, "FAIL %s: decoded fields disagree with the text\n", name), FALSE;
  return TRUE;
}

/* The loop callgrind counts: nothing but parsing. */
G_GNUC_NO_INLINE static void
run_fixed (guint passes)
{
  for (guint pass = 0; pass < passes; pass++)
    for (guint i = 0; i < corpus->len; i++)
      {
        ScSipMessage *msg = sc_sip_message_parse (g_ptr_array_index (corpus, i), SC_SIP_FRAMING_DATAGRAM, NULL);
        parsed += msg != NULL;
        sc_sip_message_unref (msg);
      }
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint failures = 0, passes = 0;
  double rates[5];

  if (argc != 2 && !(argc == 4 && g_str_equal (argv[2], "--passes") && (passes = atoi (argv[3])) > 0))
    {
      fprintf (stderr, "usage: %s DIR [--passes N]\n", argv[0]);
      return 2;
    }
  if (!(dir = g_dir_open (argv[1], 0, &error)))
    return fprintf (stderr, "%s\n", error->message), 2;
  corpus = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".sip"))
      g_ptr_array_add (names, g_build_filename (argv[1], name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      char *data = NULL;
      gsize len = 0;
      if (!g_file_get_contents (g_ptr_array_index (names, i), &data, &len, &error))
        return fprintf (stderr, "%s\n", error->message), 2;
      g_ptr_array_add (corpus, g_bytes_new_take (data, len));
      failures += !check (g_ptr_array_index (names, i), g_ptr_array_index (corpus, corpus->len - 1));
    }
  if (passes > 0)
    {
      run_fixed (passes);
      printf ("parse_messages=%" G_GSIZE_FORMAT " parse_failures=%u\n", parsed, failures);
      return failures ? 1 : 0;
    }
  for (int round = 0; round < 5; round++)
    {
      guint n = 0;
      gint64 start = now_ns (), elapsed;
      do
        {
          run_fixed (50);
          n += 50 * corpus->len;
        }
      while ((elapsed = now_ns () - start) < 1000000000);
      rates[round] = n / (elapsed / 1e9);
    }
  qsort (rates, 5, sizeof rates[0], compare_double);
  printf ("parse_corpus_messages=%u parse_failures=%u\n", corpus->len, failures);
  printf ("parse_msgs_per_s=%.0f\n", rates[2]);
  return failures ? 1 : 0;
}
