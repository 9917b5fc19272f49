/* From one parsed message to its findings: the knowledge base says what each part means. Every
 * value taken from the message is made printable here, so that no renderer meets raw bytes. */
#define G_LOG_DOMAIN "sc-diagnosis"

#include "sc-diagnosis-explain.h"

#include <string.h>

#include "sc-sip-date.h"
#include "sc-sip-printable.h"
#include "sc-stir-verification.h"

typedef struct {
  ScKbDatabase       *db;
  const ScSipMessage *message;
  ScKbLang            lang;
  GPtrArray          *findings;
  GBytes             *certificate;   /* the Identity signer's, PEM; NULL leaves signatures unchecked */
} Explainer;

/* The message's line (1-based) that @p points into. */
static guint
line_of (const ScSipMessage *message,
         const char         *p)
{
  gsize size;
  const char *base = g_bytes_get_data (message->bytes, &size);
  guint line = 1;

  if (p == NULL || p < base || p > base + size)
    return 0;
  for (const char *q = base; q < p; q++)
    line += *q == '\n';
  return line;
}

/* The finding is about @slice of the message: its line, and where it is on it. */
static void
locate (const ScSipMessage *message,
        ScDiagnosisFinding *finding,
        ScSipSlice          slice)
{
  const char *base = g_bytes_get_data (message->bytes, NULL);

  if (slice.p == NULL)
    return;
  finding->line = line_of (message, slice.p);
  finding->offset = slice.p - base;
  finding->length = slice.len;
}

static void
rests_on (ScDiagnosisFinding *finding,
          guint               rfc,
          const char         *section)
{
  finding->rfc = rfc;
  g_free (finding->section);
  finding->section = g_strdup (section);
}

static char *
printable (ScSipSlice slice)
{
  return sc_sip_printable (slice.p, MIN (slice.len, 512));
}

/* A title keeps the start and the end of a long value (an Identity is ~600 bytes): the line
 * itself is shown beside the finding. */
static char *
shortened (ScSipSlice value)
{
  g_autofree char *head = NULL, *tail = NULL;

  if (value.len <= 160)
    return printable (value);
  head = printable ((ScSipSlice) { value.p, 60 });
  tail = printable ((ScSipSlice) { value.p + value.len - 60, 60 });
  return g_strdup_printf ("%s…%s", head, tail);
}

static ScDiagnosisFinding *
add (Explainer              *ex,
     ScDiagnosisFindingKind  kind,
     ScDiagnosisSeverity     severity,
     guint                   line)
{
  ScDiagnosisFinding *finding = sc_diagnosis_finding_new (kind, severity, line);

  g_ptr_array_add (ex->findings, finding);
  return finding;
}

static const char *
label (Explainer  *ex,
       const char *key)
{
  return sc_kb_database_term (ex->db, "Label", key, ex->lang);
}

/* "Reason: Q.850 cause 34: No circuit…", "ReasonヘッダーのQ.850理由表示34：利用可能な…". */
static char *
titled (Explainer  *ex,
        const char *label_text,
        const char *name)
{
  return g_strdup_printf (ex->lang == SC_KB_LANG_JA ? "%s：%s" : "%s: %s", label_text, name);
}

static ScDiagnosisSeverity
severity_of_code (guint code)
{
  return code >= 400 ? SC_DIAGNOSIS_FAILURE : code >= 300 ? SC_DIAGNOSIS_NOTICE : SC_DIAGNOSIS_INFO;
}

/* A status code, from the status line or a Reason cause: what the knowledge base says of it. */
static void
describe_code (Explainer          *ex,
               ScDiagnosisFinding *finding,
               guint               code)
{
  g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (ex->db, code, NULL);

  finding->link = g_strdup_printf ("code:%u", code);
  if (entry == NULL)
    {
      finding->meaning = g_strdup (label (ex, "not-known"));
      return;
    }
  if (sc_kb_entry_get_facts (entry)->rfcs->len > 0)
    {
      const ScKbRfcRef *ref = &g_array_index (sc_kb_entry_get_facts (entry)->rfcs, ScKbRfcRef, 0);
      rests_on (finding, ref->number, ref->section);
    }
  finding->meaning = g_strdup (sc_kb_entry_get_text (entry, ex->lang)->summary);
  finding->check = g_strdup (sc_kb_entry_get_text (entry, ex->lang)->next_step_detail);
}

static void
explain_status (Explainer *ex)
{
  const ScSipMessage *msg = ex->message;
  g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (ex->db, msg->status, NULL);
  g_autofree char *reason = printable (msg->reason);
  ScDiagnosisFinding *finding = add (ex, SC_DIAGNOSIS_FINDING_STATUS, severity_of_code (msg->status), 1);

  finding->title = g_strdup_printf ("%u %s", msg->status, entry ? sc_kb_entry_get_reason (entry) : reason);
  {
    /* The status line: from its start to the end of the reason phrase. */
    const char *base = g_bytes_get_data (msg->bytes, NULL);
    locate (msg, finding, (ScSipSlice) { base, msg->reason.p ? (gsize) (msg->reason.p + msg->reason.len - base) : 12 });
  }
  describe_code (ex, finding, msg->status);
  if (entry != NULL && !sc_sip_slice_equal_case (msg->reason, sc_kb_entry_get_reason (entry)))
    finding->detail = g_strdup_printf ("“%s”: %s", reason, label (ex, "phrase-differs"));
}

/* The value of a `name=value` parameter in @params (";cause=34;text=\"…\""), quotes removed. */
static ScSipSlice
param_value (ScSipSlice  params,
             const char *name)
{
  gsize n = strlen (name);

  for (gsize i = 0; i + n + 1 <= params.len; i++)
    {
      gsize j;
      if (params.p[i] != ';' && !(i == 0))
        continue;
      j = params.p[i] == ';' ? i + 1 : i;
      while (j < params.len && params.p[j] == ' ')
        j++;
      if (j + n < params.len && g_ascii_strncasecmp (params.p + j, name, n) == 0)
        {
          gsize k = j + n;
          while (k < params.len && params.p[k] == ' ')
            k++;
          if (k < params.len && params.p[k] == '=')
            {
              gsize start = k + 1, end;
              while (start < params.len && params.p[start] == ' ')
                start++;
              if (start < params.len && params.p[start] == '"')
                {
                  for (end = start + 1; end < params.len && params.p[end] != '"'; end += params.p[end] == '\\' ? 2 : 1)
                    ;
                  return (ScSipSlice) { params.p + start + 1, MIN (end, params.len) - start - 1 };
                }
              for (end = start; end < params.len && params.p[end] != ';' && params.p[end] != ' '; end++)
                ;
              return (ScSipSlice) { params.p + start, end - start };
            }
        }
    }
  return SC_SIP_SLICE_EMPTY;
}

static gboolean
slice_number (ScSipSlice  slice,
              guint       min,
              guint       max,
              guint      *out)
{
  g_autofree char *text = sc_sip_slice_dup (slice);
  guint64 value;

  return slice.len > 0 && slice.len < 12 &&
         g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL) && (*out = (guint) value, TRUE);
}

/* "Q.850;cause=34;text=\"…\"": what the cause means, and whether the response agrees with RFC
 * 3398's mapping of it. */
static void
explain_q850 (Explainer          *ex,
              ScDiagnosisFinding *finding,
              guint               cause)
{
  g_autofree char *key = g_strdup_printf ("%u", cause);
  g_autoptr(ScKbTopic) topic = sc_kb_database_get_topic (ex->db, SC_KB_TOPIC_CAUSE, key, NULL);
  g_autofree char *name = g_strdup_printf (label (ex, "reason-q850"), cause);

  finding->link = g_strdup_printf ("q850:%u", cause);
  if (topic == NULL)
    {
      finding->title = g_steal_pointer (&name);
      finding->meaning = g_strdup (label (ex, "not-known"));
      return;
    }
  finding->title = titled (ex, name, topic->texts[ex->lang].name);
  finding->meaning = g_strdup (topic->texts[ex->lang].meaning);
  finding->check = g_strdup (topic->texts[ex->lang].check);
  if (topic->sip_response != 0 || topic->from_sip->len > 0)
    rests_on (finding, 3398, "7.2.4.1");
  if (topic->sip_response != 0 && !ex->message->is_request && ex->message->status != topic->sip_response)
    {
      finding->detail = g_strdup_printf (label (ex, "mapping-differs"), ex->message->status, topic->sip_response);
      finding->severity = MAX (finding->severity, SC_DIAGNOSIS_NOTICE);
    }
  else if (topic->sip_response != 0)
    finding->detail = g_strdup_printf (label (ex, "maps-to"), topic->sip_response);
}

/* One value of a Reason header (RFC 3326): protocol, then cause and text parameters. */
static void
explain_reason_value (Explainer  *ex,
                      ScSipSlice  value,
                      guint       line)
{
  ScSipSlice protocol = value, params = SC_SIP_SLICE_EMPTY;
  const char *semi = memchr (value.p, ';', value.len);
  ScDiagnosisFinding *finding;
  g_autofree char *text = NULL;
  guint cause;

  if (semi != NULL)
    {
      protocol = sc_sip_trim ((ScSipSlice) { value.p, semi - value.p });
      params = (ScSipSlice) { semi, value.len - (semi - value.p) };
    }
  if (!slice_number (param_value (params, "cause"), 0, 65535, &cause))
    return;
  /* The cause of a failure is part of the failure; on a request (CANCEL, BYE) it is context. */
  finding = add (ex, SC_DIAGNOSIS_FINDING_REASON,
                 !ex->message->is_request && ex->message->status >= 400 ? SC_DIAGNOSIS_FAILURE : SC_DIAGNOSIS_INFO, line);
  locate (ex->message, finding, value);
  if (sc_sip_slice_equal_case (protocol, "Q.850"))
    explain_q850 (ex, finding, cause);
  else if (sc_sip_slice_equal_case (protocol, "SIP") || sc_sip_slice_equal_case (protocol, "STIR"))
    {
      gboolean stir = sc_sip_slice_equal_case (protocol, "STIR");
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (ex->db, cause, NULL);
      g_autofree char *name = g_strdup_printf (label (ex, stir ? "reason-stir" : "reason-sip"), cause);

      finding->title = entry ? titled (ex, name, sc_kb_entry_get_reason (entry)) : g_steal_pointer (&name);
      describe_code (ex, finding, cause);
      if (stir)
        finding->severity = SC_DIAGNOSIS_FAILURE;
      else
        rests_on (finding, 3326, "2");
    }
  else
    {
      g_autofree char *shown = printable (protocol);
      finding->title = g_strdup_printf ("Reason: %s %u", shown, cause);
      finding->meaning = g_strdup (label (ex, "not-known"));
    }
  text = printable (param_value (params, "text"));
  if (*text != '\0')
    {
      g_autofree char *detail = finding->detail;
      finding->detail = detail ? g_strdup_printf ("text=\"%s\". %s", text, detail) : g_strdup_printf ("text=\"%s\"", text);
    }
}

static void
for_each_value (Explainer     *ex,
                ScSipHeaderId  id,
                void         (*explain) (Explainer *, ScSipSlice, guint))
{
  for (guint nth = 0; ; nth++)
    {
      const ScSipHeader *header = sc_sip_message_find (ex->message, id, nth);
      ScSipSlice items[SC_SIP_MAX_LIST_ITEMS];
      guint n = G_N_ELEMENTS (items);
      const char *problem = NULL, *where = NULL;

      if (header == NULL)
        return;
      if (!sc_sip_split_list (header->value, items, &n, &problem, &where))
        {
          items[0] = header->value;
          n = 1;
        }
      for (guint i = 0; i < n; i++)
        explain (ex, sc_sip_trim (items[i]), line_of (ex->message, header->name.p));
    }
}

/* "399 sbc.example.com \"No codec in common\"": warn-code, warn-agent, warn-text (§20.43). */
static void
explain_warning_value (Explainer  *ex,
                       ScSipSlice  value,
                       guint       line)
{
  g_autoptr(ScKbTopic) topic = NULL;
  ScDiagnosisFinding *finding;
  const char *quote = memchr (value.p, '"', value.len);
  g_autofree char *key = NULL, *name = NULL, *text = NULL;
  guint code;

  if (value.len < 3 || !slice_number ((ScSipSlice) { value.p, 3 }, 300, 399, &code))
    return;
  key = g_strdup_printf ("%u", code);
  topic = sc_kb_database_get_topic (ex->db, SC_KB_TOPIC_WARNING, key, NULL);
  finding = add (ex, SC_DIAGNOSIS_FINDING_WARNING, SC_DIAGNOSIS_FAILURE, line);
  locate (ex->message, finding, value);
  rests_on (finding, topic ? topic->rfc.number : 3261, topic ? topic->rfc.section : "20.43");
  name = g_strdup_printf (label (ex, "warning-code"), code);
  finding->link = g_strdup_printf ("warning:%u", code);
  finding->title = topic ? titled (ex, name, topic->texts[ex->lang].name) : g_steal_pointer (&name);
  finding->meaning = g_strdup (topic ? topic->texts[ex->lang].meaning : label (ex, "not-known"));
  finding->check = topic ? g_strdup (topic->texts[ex->lang].check) : NULL;
  if (quote != NULL)
    {
      ScSipSlice rest = { quote + 1, value.len - (quote + 1 - value.p) };
      const char *close = memchr (rest.p, '"', rest.len);
      text = printable ((ScSipSlice) { rest.p, close ? (gsize) (close - rest.p) : rest.len });
      finding->detail = g_strdup_printf ("“%s”", text);
    }
}

/* "ppt=shaken · attest=A · orig=… · dest=… · iat=… (2026-12-04 22:46:35 UTC) · origid=…": the
 * claims as the verification read them (each value already printable). */
static char *
decoded_claims (const ScStirVerification *v)
{
  g_autoptr(GString) out = g_string_new ("PASSporT:");
  static const char * const shown[] = { "ppt", "attest", "orig", "dest", "origid", "x5u" };

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    for (guint j = 0; j < v->checks->len; j++)
      {
        const ScStirCheck *check = &g_array_index (v->checks, ScStirCheck, j);

        if (g_str_equal (check->id, shown[i]) && check->result == SC_STIR_CHECK_PASSED)
          g_string_append_printf (out, "%s %s=%s", out->len > 9 ? " ·" : "", check->id, check->message);
      }
  if (json_object_has_member (v->passport->claims, "iat") &&
      json_node_get_value_type (json_object_get_member (v->passport->claims, "iat")) == G_TYPE_INT64)
    {
      gint64 iat = json_object_get_int_member (v->passport->claims, "iat");
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (iat);
      g_autofree char *text = time ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S UTC") : NULL;

      g_string_append_printf (out, " · iat=%" G_GINT64_FORMAT "%s%s%s", iat, text ? " (" : "", text ? text : "", text ? ")" : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
signature_passed (const ScStirVerification *v)
{
  for (guint i = 0; i < v->checks->len; i++)
    if (g_str_equal (g_array_index (v->checks, ScStirCheck, i).id, "signature"))
      return g_array_index (v->checks, ScStirCheck, i).result == SC_STIR_CHECK_PASSED;
  return FALSE;
}

/* An Identity header decoded and checked as a verification service would, the signature only
 * when the signer's certificate was given: each check that fails is a finding with the
 * response it draws (RFC 8224 §6.2.2), freshness judged against the message's own Date. */
static void
explain_identity (Explainer          *ex,
                  const ScSipHeader  *header,
                  ScDiagnosisFinding *about)
{
  const ScSipMessage *msg = ex->message;
  const ScSipHeader *date = sc_sip_message_find (msg, SC_SIP_HEADER_DATE, 0);
  g_autofree char *value = sc_sip_slice_dup ((ScSipSlice) { header->value.p, MIN (header->value.len, 16 * 1024) });
  g_autoptr(ScStirVerification) v = NULL;
  g_autofree char *claims = NULL;
  gint64 when = 0;

  if (date != NULL && !sc_sip_date_parse (date->value, &when))
    when = 0;
  v = sc_stir_verify (value, ex->certificate, msg->is_request ? msg : NULL, when, SC_STIR_DEFAULT_MAX_AGE);
  if (v->passport != NULL)
    about->detail = g_strdup_printf ("%s %s", claims = decoded_claims (v),
                                     label (ex, ex->certificate == NULL ? "identity-unchecked"
                                                : signature_passed (v) ? "identity-signed" : "identity-not-signed"));
  for (guint i = 0; i < v->checks->len; i++)
    {
      const ScStirCheck *check = &g_array_index (v->checks, ScStirCheck, i);
      g_autoptr(ScKbEntry) entry = NULL;
      ScDiagnosisFinding *finding;

      if (check->result != SC_STIR_CHECK_FAILED)
        continue;
      entry = sc_kb_database_lookup (ex->db, check->code, NULL);
      finding = add (ex, SC_DIAGNOSIS_FINDING_IDENTITY, SC_DIAGNOSIS_FAILURE, line_of (msg, header->name.p));
      locate (msg, finding, header->value);
      finding->title = titled (ex, label (ex, "identity-fails"), check->message);
      describe_code (ex, finding, check->code);
      /* RFC 8224 §6.2.2 names the stale-date 403 "Stale Date"; 403's own page is about policy. */
      finding->detail = g_strdup_printf (label (ex, "identity-answer"), check->code,
                                         check->code == 403 ? "Stale Date" : entry ? sc_kb_entry_get_reason (entry) : "");
      if (check->code == 403)
        {
          g_free (finding->check);
          finding->check = g_strdup (label (ex, "identity-stale"));
          rests_on (finding, 8224, "6.2.1");
        }
    }
}

/* Headers the knowledge base explains, where they matter: Contact only in redirections. */
static void
explain_headers (Explainer *ex)
{
  const ScSipMessage *msg = ex->message;

  for (guint i = 0; i < msg->n_headers; i++)
    {
      const ScSipHeader *header = &msg->headers[i];
      g_autofree char *name = sc_sip_slice_dup (header->name);
      g_autoptr(ScKbTopic) topic = NULL;
      ScDiagnosisFinding *finding;
      g_autofree char *value = NULL;

      if (header->id == SC_SIP_HEADER_REASON || header->id == SC_SIP_HEADER_WARNING ||
          (header->id == SC_SIP_HEADER_CONTACT && (msg->is_request || (msg->status / 100 != 3 && msg->status != 485))))
        continue;
      topic = sc_kb_database_get_topic (ex->db, SC_KB_TOPIC_HEADER,
                                        header->id != SC_SIP_HEADER_OTHER ? sc_sip_header_canonical (header->id) : name, NULL);
      if (topic == NULL)
        continue;
      finding = add (ex, SC_DIAGNOSIS_FINDING_HEADER, SC_DIAGNOSIS_INFO, line_of (msg, header->name.p));
      value = shortened (header->value);
      finding->title = g_strdup_printf ("%s: %s", topic->texts[ex->lang].name, value);
      finding->meaning = g_strdup (topic->texts[ex->lang].meaning);
      finding->check = g_strdup (topic->texts[ex->lang].check);
      finding->link = g_strdup_printf ("header:%s", topic->key);
      locate (msg, finding, (ScSipSlice) { header->name.p, header->value.p != NULL
                                             ? (gsize) (header->value.p + header->value.len - header->name.p)
                                             : header->name.len });
      if (topic->rfc.number != 0)
        rests_on (finding, topic->rfc.number, topic->rfc.section);
      if (header->id == SC_SIP_HEADER_IDENTITY)
        explain_identity (ex, header, finding);
    }
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const ScDiagnosisFinding *x = *(ScDiagnosisFinding * const *) a, *y = *(ScDiagnosisFinding * const *) b;

  return (x->line > y->line) - (x->line < y->line);
}

GPtrArray *
sc_diagnosis_explain (ScKbDatabase       *db,
                      const ScSipMessage *message,
                      ScKbLang            lang,
                      GBytes             *certificate)
{
  Explainer ex = { db, message, lang, g_ptr_array_new_with_free_func ((GDestroyNotify) sc_diagnosis_finding_free),
                   certificate };

  g_return_val_if_fail (SC_KB_IS_DATABASE (db) && message != NULL, NULL);
  if (!message->is_request)
    explain_status (&ex);
  for_each_value (&ex, SC_SIP_HEADER_REASON, explain_reason_value);
  for_each_value (&ex, SC_SIP_HEADER_WARNING, explain_warning_value);
  explain_headers (&ex);
  g_ptr_array_sort (ex.findings, compare_lines);   /* a stable sort: the status stays first */
  return ex.findings;
}
