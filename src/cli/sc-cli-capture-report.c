/* What `sip-codes capture` prints of a capture's calls: a line per call, a failure with its
 * explanation (the same findings as explain), counts per outcome and final code, JSON. */
#define G_LOG_DOMAIN "sc-cli-capture"

#include "config.h"

#include "sc-cli-capture-report.h"

#include <glib/gi18n.h>

#include "sc-cli-finding.h"
#include "sc-cli-json.h"
#include "sc-diagnosis.h"
#include "sc-sip-printable.h"

/* Distinct Reason or Warning values kept per final code: enough to see the pattern. */
#define MAX_VALUES 8

/* The registered reason phrase, else what the capture said. */
static const char *
code_name (ScKbDatabase *db,
           guint         code,
           const char   *seen,
           ScKbEntry   **entry)
{
  *entry = code > 0 ? sc_kb_database_lookup (db, code, NULL) : NULL;
  return *entry ? sc_kb_entry_get_reason (*entry) : seen ? seen : "";
}

static char *
clock_time (gint64 time_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autofree char *stamp = time ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S") : NULL;

  return g_strdup_printf ("%s.%03d", stamp ? stamp : "?", (int) ((time_us % G_USEC_PER_SEC) / 1000));
}

/* "2023-11-14 22:13:20.123  INVITE  alice@example.com → 12155551213  failed  486 Busy Here  2.1 s" */
void
sc_cli_capture_print_call (GString       *out,
                           ScCaptureCall *call,
                           ScKbDatabase  *db)
{
  g_autoptr(ScKbEntry) entry = NULL;
  g_autofree char *when = clock_time (sc_capture_call_get_start_time (call));
  guint code = sc_capture_call_get_final_code (call);
  const char *name = code_name (db, code, sc_capture_call_get_reason_phrase (call), &entry);
  gint64 duration = sc_capture_call_get_duration (call);

  g_string_append_printf (out, "%s  %-8s %s → %s  %s", when, sc_capture_call_get_method (call), sc_capture_call_get_from (call),
                          sc_capture_call_get_to (call), sc_capture_outcome_name (sc_capture_call_get_outcome (call)));
  if (code > 0)
    g_string_append_printf (out, "  %u %s", code, name);
  if (sc_capture_call_is_up (call))
    g_string_append_printf (out, "  %s", _("still up at the end of the capture"));
  else if (duration >= 0 && sc_capture_call_get_outcome (call) == SC_CAPTURE_OUTCOME_ANSWERED)
    g_string_append_printf (out, "  %.1f s", duration / (double) G_USEC_PER_SEC);
  g_string_append_printf (out, "  Call-ID %s\n", sc_capture_call_get_call_id (call));
}

static ScDiagnosis *
diagnose (ScCaptureCall *call,
          ScKbDatabase  *db,
          ScKbLang       lang)
{
  GBytes *response = sc_capture_call_get_final_response (call);

  return response ? sc_diagnosis_new (db, response, lang, NULL) : NULL;
}

void
sc_cli_capture_print_failure (GString       *out,
                              ScCaptureCall *call,
                              ScKbDatabase  *db,
                              ScKbLang       lang)
{
  g_autoptr(ScDiagnosis) diagnosis = diagnose (call, db, lang);
  const ScDiagnosisMessage *m = diagnosis && sc_diagnosis_get_n_messages (diagnosis) > 0 ? sc_diagnosis_get_message (diagnosis, 0) : NULL;

  sc_cli_capture_print_call (out, call, db);
  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    sc_cli_finding_print (out, db, lang, g_ptr_array_index (m->findings, i), 1);
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          gint64       time_us)
{
  json_builder_set_member_name (b, member);
  if (time_us < 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, time_us / (double) G_USEC_PER_SEC);
}

JsonNode *
sc_cli_capture_call_json (ScCaptureCall *call,
                          ScKbDatabase  *db,
                          ScKbLang       lang)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(ScKbEntry) entry = NULL;
  guint code = sc_capture_call_get_final_code (call), n_codes = 0;
  const guint *codes = sc_capture_call_get_codes (call, &n_codes);

  json_builder_begin_object (b);
  sc_cli_json_add_string (b, "call_id", sc_capture_call_get_call_id (call));
  sc_cli_json_add_string (b, "kind", sc_capture_kind_to_string (sc_capture_call_get_kind (call)));
  sc_cli_json_add_string (b, "method", sc_capture_call_get_method (call));
  sc_cli_json_add_string (b, "from", sc_capture_call_get_from (call));
  sc_cli_json_add_string (b, "to", sc_capture_call_get_to (call));
  sc_cli_json_add_string (b, "src", sc_capture_call_get_src (call));
  sc_cli_json_add_string (b, "dst", sc_capture_call_get_dst (call));
  sc_cli_json_add_string (b, "transport", sc_capture_call_get_transport (call));
  sc_cli_json_add_string (b, "outcome", sc_capture_outcome_to_string (sc_capture_call_get_outcome (call)));
  json_builder_set_member_name (b, "final");
  if (code == 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, code);
  sc_cli_json_add_string (b, "reason", code ? code_name (db, code, sc_capture_call_get_reason_phrase (call), &entry) : NULL);
  json_builder_set_member_name (b, "codes");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_codes; i++)
    json_builder_add_int_value (b, codes[i]);
  json_builder_end_array (b);
  add_time (b, "start", sc_capture_call_get_start_time (call));
  add_time (b, "answered", sc_capture_call_get_answer_time (call));
  add_time (b, "end", sc_capture_call_get_end_time (call));
  json_builder_set_member_name (b, "still_up");
  json_builder_add_boolean_value (b, sc_capture_call_is_up (call));
  json_builder_set_member_name (b, "retransmissions");
  json_builder_add_int_value (b, sc_capture_call_get_retransmissions (call));
  json_builder_set_member_name (b, "challenges");
  json_builder_add_int_value (b, sc_capture_call_get_challenges (call));
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  if (sc_capture_outcome_is_failure (sc_capture_call_get_outcome (call)))
    {
      g_autoptr(ScDiagnosis) diagnosis = diagnose (call, db, lang);
      const ScDiagnosisMessage *m = diagnosis && sc_diagnosis_get_n_messages (diagnosis) > 0 ? sc_diagnosis_get_message (diagnosis, 0) : NULL;

      for (guint i = 0; m != NULL && i < m->findings->len; i++)
        sc_cli_finding_add_json (b, g_ptr_array_index (m->findings, i));
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- counts ---- */

/* @text, then spaces up to @columns terminal columns: a Japanese character takes two. */
static void
append_padded (GString    *out,
               const char *text,
               guint       columns)
{
  guint used = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    used += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  g_string_append (out, text);
  for (; used < columns; used++)
    g_string_append_c (out, ' ');
}

static guint64
kind_total (const ScCaptureStats *stats,
            ScCaptureKind         kind)
{
  guint64 total = 0;

  for (guint o = 0; o < SC_CAPTURE_N_OUTCOMES; o++)
    total += stats->outcomes[kind][o];
  return total;
}

void
sc_cli_capture_print_stats (GString              *out,
                            const ScCaptureStats *stats,
                            ScKbDatabase         *db)
{
  for (guint kind = 0; kind < SC_CAPTURE_N_KINDS; kind++)
    {
      guint64 total = kind_total (stats, kind);

      if (total == 0)
        continue;
      g_string_append_printf (out, _("%s: %llu"), sc_capture_kind_title (kind), (unsigned long long) total);
      g_string_append_c (out, '\n');
      for (guint o = 0; o < SC_CAPTURE_N_OUTCOMES; o++)
        if (stats->outcomes[kind][o] > 0)
          {
            g_string_append (out, "  ");
            append_padded (out, sc_capture_outcome_name (o), 24);
            g_string_append_printf (out, "%" G_GUINT64_FORMAT "\n", stats->outcomes[kind][o]);
          }
      for (guint code = 1; code <= SC_CAPTURE_MAX_CODE; code++)
        if (stats->final_codes[kind][code] > 0)
          {
            g_autoptr(ScKbEntry) entry = NULL;
            g_autofree char *name = g_strdup_printf ("%u %s", code, code_name (db, code, NULL, &entry));

            g_string_append (out, "    ");
            append_padded (out, name, 36);
            g_string_append_printf (out, "%" G_GUINT64_FORMAT "\n", stats->final_codes[kind][code]);
          }
    }
  g_string_append_printf (out, _("SIP messages: %llu (%llu retransmissions, %llu not in any call)"),
                          (unsigned long long) stats->messages, (unsigned long long) stats->retransmissions,
                          (unsigned long long) stats->ungrouped);
  g_string_append_c (out, '\n');
  /* What memory follows: the calls still open, never the size of the file. */
  g_string_append_printf (out, _("Most calls open at once: %u"), stats->max_open);
  g_string_append_c (out, '\n');
}

void
sc_cli_capture_stats_json (JsonBuilder          *b,
                           const ScCaptureStats *stats,
                           ScKbDatabase         *db)
{
  json_builder_begin_object (b);
  for (guint kind = 0; kind < SC_CAPTURE_N_KINDS; kind++)
    {
      json_builder_set_member_name (b, sc_capture_kind_to_string (kind));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, kind_total (stats, kind));
      json_builder_set_member_name (b, "outcomes");
      json_builder_begin_object (b);
      for (guint o = 0; o < SC_CAPTURE_N_OUTCOMES; o++)
        {
          json_builder_set_member_name (b, sc_capture_outcome_to_string (o));
          json_builder_add_int_value (b, stats->outcomes[kind][o]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "final_codes");
      json_builder_begin_object (b);
      for (guint code = 0; code <= SC_CAPTURE_MAX_CODE; code++)
        if (stats->final_codes[kind][code] > 0)
          {
            g_autofree char *key = code ? g_strdup_printf ("%u", code) : g_strdup ("none");
            json_builder_set_member_name (b, key);
            json_builder_add_int_value (b, stats->final_codes[kind][code]);
          }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "messages");
  json_builder_add_int_value (b, stats->messages);
  json_builder_set_member_name (b, "retransmissions");
  json_builder_add_int_value (b, stats->retransmissions);
  json_builder_set_member_name (b, "ungrouped");
  json_builder_add_int_value (b, stats->ungrouped);
  json_builder_set_member_name (b, "max_open");
  json_builder_add_int_value (b, stats->max_open);
  json_builder_end_object (b);
}

/* ---- failures by code ---- */

typedef struct {
  guint       code;
  ScCaptureKind kind;
  guint64     calls;
  GBytes     *example;        /* the first such call's final response */
  char       *example_call_id;
  GHashTable *values;         /* Reason and Warning value → times seen (at most MAX_VALUES) */
} FailureGroup;

struct _ScCliFailures
{
  GHashTable *groups;   /* (kind << 16 | code) → FailureGroup */
};

static void
failure_group_free (FailureGroup *group)
{
  g_clear_pointer (&group->example, g_bytes_unref);
  g_free (group->example_call_id);
  g_hash_table_unref (group->values);
  g_free (group);
}

ScCliFailures *
sc_cli_failures_new (void)
{
  ScCliFailures *self = g_new0 (ScCliFailures, 1);

  self->groups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) failure_group_free);
  return self;
}

void
sc_cli_failures_free (ScCliFailures *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->groups);
  g_free (self);
}

static void
count_values (FailureGroup       *group,
              const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      gpointer seen = g_hash_table_lookup (group->values, values[i]);

      if (seen != NULL || g_hash_table_size (group->values) < MAX_VALUES)
        g_hash_table_insert (group->values, g_strdup (values[i]), GUINT_TO_POINTER (GPOINTER_TO_UINT (seen) + 1));
    }
}

void
sc_cli_failures_add (ScCliFailures *self,
                     ScCaptureCall *call)
{
  guint code = sc_capture_call_get_final_code (call);
  ScCaptureKind kind = sc_capture_call_get_kind (call);
  gpointer key = GUINT_TO_POINTER ((kind << 16) | code);
  FailureGroup *group = g_hash_table_lookup (self->groups, key);

  if (group == NULL)
    {
      group = g_new0 (FailureGroup, 1);
      group->code = code;
      group->kind = kind;
      group->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (sc_capture_call_get_final_response (call) != NULL)
        group->example = g_bytes_ref (sc_capture_call_get_final_response (call));
      group->example_call_id = g_strdup (sc_capture_call_get_call_id (call));
      g_hash_table_insert (self->groups, key, group);
    }
  group->calls++;
  count_values (group, sc_capture_call_get_reasons (call));
  count_values (group, sc_capture_call_get_warnings (call));
}

static int
by_count (gconstpointer a,
          gconstpointer b)
{
  const FailureGroup *x = *(FailureGroup * const *) a, *y = *(FailureGroup * const *) b;

  return (x->calls < y->calls) - (x->calls > y->calls);
}

static void
print_group (GString      *out,
             FailureGroup *group,
             ScKbDatabase *db,
             ScKbLang      lang)
{
  g_autoptr(ScKbEntry) entry = NULL;
  g_autoptr(ScDiagnosis) diagnosis = group->example ? sc_diagnosis_new (db, group->example, lang, NULL) : NULL;
  const ScDiagnosisMessage *m = diagnosis && sc_diagnosis_get_n_messages (diagnosis) > 0 ? sc_diagnosis_get_message (diagnosis, 0) : NULL;
  g_autofree char *what = group->code > 0 ? g_strdup_printf ("%u %s", group->code, code_name (db, group->code, NULL, &entry))
                                            : g_strdup (_("no final response"));
  GHashTableIter iter;
  gpointer value, times;

  g_string_append_c (out, '\n');
  /* TRANSLATORS: "Calls: 486 Busy Here — 312": what, which code, how many */
  g_string_append_printf (out, _("%s: %s — %llu"), sc_capture_kind_title (group->kind), what, (unsigned long long) group->calls);
  g_string_append_c (out, '\n');
  g_hash_table_iter_init (&iter, group->values);
  while (g_hash_table_iter_next (&iter, &value, &times))
    g_string_append_printf (out, "  %u × %s\n", GPOINTER_TO_UINT (times), (const char *) value);
  if (m != NULL)
    g_string_append_printf (out, "  %s %s\n", _("For example, Call-ID"), group->example_call_id);
  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    sc_cli_finding_print (out, db, lang, g_ptr_array_index (m->findings, i), 1);
}

void
sc_cli_failures_print (ScCliFailures *self,
                       GString       *out,
                       ScKbDatabase  *db,
                       ScKbLang       lang)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer group;

  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &group))
    g_ptr_array_add (groups, group);
  g_ptr_array_sort (groups, by_count);
  for (guint i = 0; i < groups->len; i++)
    print_group (out, g_ptr_array_index (groups, i), db, lang);
}
