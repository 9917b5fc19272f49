#define G_LOG_DOMAIN "sc-diagnosis"

#include "sc-diagnosis.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "sc-diagnosis-explain.h"
#include "sc-diagnosis-text.h"
#include "sc-sip-printable.h"

struct _ScDiagnosis
{
  GObject   parent_instance;
  ScKbLang  lang;
  GBytes   *certificate;   /* while the messages are explained */
  GArray   *messages;   /* of ScDiagnosisMessage */
};

G_DEFINE_FINAL_TYPE (ScDiagnosis, sc_diagnosis, G_TYPE_OBJECT)
G_DEFINE_QUARK (sc-diagnosis-error-quark, sc_diagnosis_error)

static void
message_clear (gpointer data)
{
  ScDiagnosisMessage *m = data;

  g_clear_pointer (&m->bytes, g_bytes_unref);
  g_clear_pointer (&m->message, sc_sip_message_unref);
  g_clear_pointer (&m->error, g_free);
  g_clear_pointer (&m->call_id, g_free);
  g_clear_pointer (&m->start_line, g_free);
  g_clear_pointer (&m->findings, g_ptr_array_unref);
}

static void
sc_diagnosis_finalize (GObject *object)
{
  g_clear_pointer (&SC_DIAGNOSIS (object)->messages, g_array_unref);
  G_OBJECT_CLASS (sc_diagnosis_parent_class)->finalize (object);
}

static void
sc_diagnosis_class_init (ScDiagnosisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_diagnosis_finalize;
}

static void
sc_diagnosis_init (ScDiagnosis *self)
{
  self->messages = g_array_new (FALSE, TRUE, sizeof (ScDiagnosisMessage));
  g_array_set_clear_func (self->messages, message_clear);
}

static guint
count_lines (const char *p,
             gsize       len)
{
  guint n = 1;

  for (gsize i = 0; i + 1 < len; i++)
    n += p[i] == '\n';
  return n;
}

/* A message from a stream carries a Content-Length that frames it; one without is read as a
 * datagram, to the end of what was pasted. */
static ScSipFraming
framing_of (const char *p,
            gsize       len)
{
  g_autofree char *head = g_ascii_strdown (p, MIN (len, 64 * 1024));

  return strstr (head, "\ncontent-length:") || strstr (head, "\nl:") ? SC_SIP_FRAMING_STREAM : SC_SIP_FRAMING_DATAGRAM;
}

/* Trailing blank lines between pasted messages are not part of either. */
static gsize
trim_end (const char *p,
          gsize       len)
{
  gsize body = 0;
  const char *blank = g_strstr_len (p, len, "\n\n");
  const char *crlf = g_strstr_len (p, len, "\r\n\r\n");

  /* The body (after the first empty line) is the message's own: keep it whole. */
  if (blank != NULL || crlf != NULL)
    body = (crlf != NULL && (blank == NULL || crlf < blank)) ? (gsize) (crlf - p) + 4 : (gsize) (blank - p) + 2;
  while (len > body && (p[len - 1] == '\n' || p[len - 1] == '\r' || p[len - 1] == ' '))
    len--;
  return len;
}

static void
add_message (ScDiagnosis    *self,
             ScKbDatabase   *db,
             GBytes         *text,
             const ScDiagnosisSpan *span)
{
  const char *base = span->rebuilt ? g_bytes_get_data (span->rebuilt, NULL) : g_bytes_get_data (text, NULL);
  gsize start = span->rebuilt ? 0 : span->start;
  gsize len = span->rebuilt ? g_bytes_get_size (span->rebuilt) : trim_end (base + span->start, span->end - span->start);
  ScDiagnosisMessage m = { .first_line = span->first_line };
  g_autoptr(GError) error = NULL;
  gsize len_with_end;

  /* The parser wants the header section closed by an empty line even without a body. */
  len_with_end = len;
  m.bytes = g_bytes_new_from_bytes (span->rebuilt ? span->rebuilt : text, start, len);
  m.n_lines = count_lines (base + start, len);
  if (g_strstr_len (base + start, len, "\n\n") == NULL && g_strstr_len (base + start, len, "\r\n\r\n") == NULL)
    {
      GByteArray *copy = g_byte_array_sized_new (len + 2);
      g_byte_array_append (copy, (const guint8 *) base + start, len);
      g_byte_array_append (copy, (const guint8 *) "\n\n", 2);
      g_bytes_unref (m.bytes);
      m.bytes = g_byte_array_free_to_bytes (copy);
      len_with_end = len + 2;
    }
  {
    const char *first = base + start, *nl = memchr (first, '\n', len);
    gsize first_len = nl ? (gsize) (nl - first) : len;
    if (first_len > 0 && first[first_len - 1] == '\r')
      first_len--;
    m.start_line = sc_sip_printable (first, MIN (first_len, 512));
  }
  m.message = sc_sip_message_parse (m.bytes, framing_of (g_bytes_get_data (m.bytes, NULL), len_with_end), &error);
  if (m.message == NULL)
    {
      ScDiagnosisFinding *finding = sc_diagnosis_finding_new (SC_DIAGNOSIS_FINDING_MALFORMED, SC_DIAGNOSIS_FAILURE, 0);
      const char *line_text = g_strstr_len (error->message, -1, "line ");

      m.error = sc_sip_printable (error->message, strlen (error->message));
      /* An error past the text pasted (a body shorter than its Content-Length) is at its end. */
      if (line_text != NULL)
        finding->line = MIN ((guint) g_ascii_strtoull (line_text + 5, NULL, 10), m.n_lines);
      finding->title = g_strdup (m.error);
      m.findings = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_diagnosis_finding_free);
      g_ptr_array_add (m.findings, finding);
    }
  else
    {
      m.findings = sc_diagnosis_explain (db, m.message, self->lang, self->certificate);
      if (m.message->call_id.len > 0)
        m.call_id = sc_sip_printable (m.message->call_id.p, MIN (m.message->call_id.len, 256));
    }
  g_array_append_val (self->messages, m);
}

/**
 * sc_diagnosis_new:
 * @text: what was pasted, dropped or opened: one or more SIP messages, possibly among other lines
 *
 * Returns: (transfer full): the explanation, or %NULL with @error when @text is too large or
 * holds no SIP message at all.
 */
ScDiagnosis *
sc_diagnosis_new (ScKbDatabase  *db,
                  GBytes        *text,
                  ScKbLang       lang,
                  GError       **error)
{
  return sc_diagnosis_new_verifying (db, text, lang, NULL, error);
}

/**
 * sc_diagnosis_new_verifying:
 * @certificate: (nullable): the certificate (PEM) of whoever signed the Identity headers in
 *   @text: their signatures are checked against it
 *
 * Like sc_diagnosis_new(), the signatures of Identity headers included.
 */
ScDiagnosis *
sc_diagnosis_new_verifying (ScKbDatabase  *db,
                            GBytes        *text,
                            ScKbLang       lang,
                            GBytes        *certificate,
                            GError       **error)
{
  g_autoptr(ScDiagnosis) self = NULL;
  g_autoptr(GArray) spans = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (SC_KB_IS_DATABASE (db) && text != NULL, NULL);
  data = g_bytes_get_data (text, &len);
  if (len > SC_DIAGNOSIS_MAX_TEXT)
    {
      g_set_error (error, SC_DIAGNOSIS_ERROR, SC_DIAGNOSIS_ERROR_TOO_LARGE,
                   _("the text is %llu bytes; at most %d can be explained at once: paste one call’s messages"),
                   (unsigned long long) len, SC_DIAGNOSIS_MAX_TEXT);
      return NULL;
    }
  spans = sc_diagnosis_text_split (data, len);
  if (spans->len == 0)
    {
      g_set_error_literal (error, SC_DIAGNOSIS_ERROR, SC_DIAGNOSIS_ERROR_NO_MESSAGE,
                           _("no SIP message found: a message starts with a line such as “SIP/2.0 503 Service Unavailable” or “INVITE sip:bob@example.com SIP/2.0”"));
      return NULL;
    }
  self = g_object_new (SC_TYPE_DIAGNOSIS, NULL);
  self->lang = lang;
  self->certificate = certificate;
  for (guint i = 0; i < spans->len; i++)
    add_message (self, db, text, &g_array_index (spans, ScDiagnosisSpan, i));
  self->certificate = NULL;
  return g_steal_pointer (&self);
}

guint
sc_diagnosis_get_n_messages (ScDiagnosis *self)
{
  g_return_val_if_fail (SC_IS_DIAGNOSIS (self), 0);
  return self->messages->len;
}

const ScDiagnosisMessage *
sc_diagnosis_get_message (ScDiagnosis *self,
                          guint        index)
{
  g_return_val_if_fail (SC_IS_DIAGNOSIS (self), NULL);
  g_return_val_if_fail (index < self->messages->len, NULL);
  return &g_array_index (self->messages, ScDiagnosisMessage, index);
}

ScKbLang
sc_diagnosis_get_language (ScDiagnosis *self)
{
  g_return_val_if_fail (SC_IS_DIAGNOSIS (self), SC_KB_LANG_EN);
  return self->lang;
}
