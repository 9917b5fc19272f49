/* What `sip-codes probe` prints. Everything a server sent is made printable first: its bytes
 * reach a terminal or a JSON document only as valid UTF-8 without control characters. */
#define G_LOG_DOMAIN "sc-cli-probe"

#include "config.h"

#include "sc-diagnosis.h"
#include "sc-cli-probe-report.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sc-cli-json.h"
#include "sc-cli-private.h"
#include "sc-sip-message.h"
#include "sc-sip-probe-advice.h"

static const char *
explanation (ScKbDatabase *db,
             guint         code,
             ScKbLang      lang,
             ScKbEntry   **keep)
{
  ScKbEntry *entry = db ? sc_kb_database_lookup (db, code, NULL) : NULL;

  *keep = entry;
  return entry ? sc_kb_entry_get_text (entry, lang)->summary : NULL;
}

/* The final response to the user's request, parsed again from the timeline. */
static ScSipMessage *
final_message (const ScSipProbeResult *result)
{
  for (guint i = result->events->len; i > 0 && result->status != 0; i--)
    {
      ScSipProbeEvent *event = g_ptr_array_index (result->events, i - 1);
      if (!event->outgoing && event->status == result->status && g_strcmp0 (event->method, result->method) == 0)
        return sc_sip_message_parse (event->bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
    }
  return NULL;
}

static void
add_items (GStrvBuilder       *builder,
           const ScSipMessage *msg,
           ScSipHeaderId       id)
{
  const ScSipHeader *h;

  for (guint i = 0; msg != NULL && (h = sc_sip_message_find (msg, id, i)); i++)
    {
      g_autofree char *value = sc_sip_printable (h->value.p, h->value.len);
      g_auto(GStrv) items = g_strsplit (value, ",", -1);
      for (guint j = 0; items[j] != NULL; j++)
        if (*g_strstrip (items[j]) != '\0')
          g_strv_builder_add (builder, items[j]);
    }
}

/* What the server says about itself in its final response: Server (a UAS) or User-Agent (a
 * UA that also sends requests), and every Allow and Supported value. */
typedef struct {
  char  *server;
  char  *user_agent;
  GStrv  allow;
  GStrv  supported;
} Peer;

static void
describe_peer (const ScSipProbeResult *result,
               Peer                   *peer)
{
  g_autoptr(GStrvBuilder) allow = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) supported = g_strv_builder_new ();
  g_autoptr(ScSipMessage) msg = final_message (result);
  const ScSipHeader *h;

  memset (peer, 0, sizeof *peer);
  if (msg != NULL && (h = sc_sip_message_find (msg, SC_SIP_HEADER_SERVER, 0)))
    peer->server = sc_sip_printable (h->value.p, h->value.len);
  if (msg != NULL && (h = sc_sip_message_find (msg, SC_SIP_HEADER_USER_AGENT, 0)))
    peer->user_agent = sc_sip_printable (h->value.p, h->value.len);
  add_items (allow, msg, SC_SIP_HEADER_ALLOW);
  add_items (supported, msg, SC_SIP_HEADER_SUPPORTED);
  peer->allow = g_strv_builder_end (allow);
  peer->supported = g_strv_builder_end (supported);
}

static void
peer_clear (Peer *peer)
{
  g_free (peer->server);
  g_free (peer->user_agent);
  g_strfreev (peer->allow);
  g_strfreev (peer->supported);
}

/* ---- text ---- */

/* What the rest of a received response says (Reason causes, Warning codes, headers), as
 * sip-codes explain would say it; NULL for a request or what is not SIP. */
static ScDiagnosis *
diagnose (const ScSipProbeEvent *event,
          ScKbDatabase          *db,
          ScKbLang               lang)
{
  if (db == NULL || event->outgoing || event->status < 100 || event->retransmission ||
      event->note == SC_SIP_PROBE_NOTE_STRAY)
    return NULL;
  return sc_diagnosis_new (db, event->bytes, lang, NULL);
}

static void
print_event (const ScSipProbeEvent *event,
             ScKbDatabase          *db,
             ScKbLang               lang,
             gboolean               verbose)
{
  gsize len;
  const char *data = g_bytes_get_data (event->bytes, &len);
  const char *eol = memchr (data, '\r', len);
  g_autofree char *line = sc_sip_printable (data, eol ? eol - data : (gssize) MIN (len, 80));
  g_autofree char *method = event->method && !event->outgoing ? g_strdup_printf ("  (%s)", event->method) : NULL;
  const char *note = sc_sip_probe_note_describe (event->note);

  printf ("%8.1f ms  %s %s%s%s\n", event->t_us / 1000.0, event->outgoing ? "→" : "←", line, method ? method : "",
          event->retransmission ? _("  (retransmission)") : "");
  if (!event->outgoing && event->status >= 100 && event->note != SC_SIP_PROBE_NOTE_STRAY)
    {
      g_autoptr(ScKbEntry) entry = NULL;
      const char *text = explanation (db, event->status, lang, &entry);
      if (text != NULL)
        printf ("             %s\n", text);
    }
  {
    g_autoptr(ScDiagnosis) diagnosis = diagnose (event, db, lang);
    const ScDiagnosisMessage *m = diagnosis ? sc_diagnosis_get_message (diagnosis, 0) : NULL;

    for (guint i = 0; m != NULL && i < m->findings->len; i++)
      {
        const ScDiagnosisFinding *f = g_ptr_array_index (m->findings, i);
        if (f->kind == SC_DIAGNOSIS_FINDING_STATUS || f->kind == SC_DIAGNOSIS_FINDING_HEADER)
          continue;
        printf ("             • %s%s%s\n", f->title, f->detail ? " — " : "", f->detail ? f->detail : "");
      }
  }
  if (note != NULL)
    printf ("             %s\n", note);
  if (verbose)
    {
      g_autofree char *raw = sc_sip_printable_message (event->bytes);
      printf ("\n%s\n", raw);
    }
}

static void
print_list (const char         *label,
            const char * const *items)
{
  g_autofree char *joined = NULL;

  if (items == NULL || items[0] == NULL)
    return;
  joined = g_strjoinv (", ", (GStrv) items);
  printf ("%s %s\n", label, joined);
}

/* The refused certificate, so that the user can check it and pin it with its fingerprint. */
static void
print_refused (const ScSipCertificateInfo *info)
{
  g_autoptr(GDateTime) utc = info->not_after ? g_date_time_to_utc (info->not_after) : NULL;
  g_autofree char *not_after = utc ? g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC") : NULL;
  g_autofree char *subject = sc_sip_printable (info->subject, -1);
  g_autofree char *issuer = sc_sip_printable (info->issuer, -1);

  g_printerr (_("The certificate of %s:\n"), info->server);
  g_printerr ("  %s %s\n", _("SHA-256 fingerprint:"), info->fingerprint);
  g_printerr ("  %s %s\n", _("Subject:"), subject);
  g_printerr ("  %s %s\n", _("Issuer:"), issuer);
  if (not_after != NULL)
    g_printerr ("  %s %s\n", _("Valid until:"), not_after);
}

/* The command-line options that carry out a certificate advice. */
static const char *
certificate_options (const ScSipCertificateInfo *refused)
{
  if (refused != NULL && refused->problems == G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("With this command: probe the name the certificate names, or --pin-certificate SHA256 to trust this "
             "certificate alone.");
  return _("With this command: --ca-file FILE trusts the authority that signed it, --pin-certificate SHA256 this "
           "certificate alone by its fingerprint, --insecure any certificate.");
}

static void
print_failure (const ScCliProbeOutcome *outcome)
{
  const char *advice = sc_sip_probe_error_advice (outcome->error, outcome->result, outcome->refused);
  g_autofree char *message = sc_sip_printable (outcome->error->message, -1);

  g_printerr ("sip-codes probe: %s\n", message);
  if (outcome->refused != NULL)
    print_refused (outcome->refused);
  if (advice != NULL)
    g_printerr ("%s %s\n", _("What to check:"), advice);
  if (g_error_matches (outcome->error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_CERTIFICATE))
    g_printerr ("%s\n", certificate_options (outcome->refused));
}

void
sc_cli_probe_print (const ScCliProbeOutcome *outcome,
                    ScKbDatabase            *db,
                    ScKbLang                 lang,
                    gboolean                 verbose)
{
  const ScSipProbeResult *r = outcome->result;
  g_autofree char *call = r ? sc_sip_probe_call_describe (r) : NULL;
  Peer peer;

  g_autofree char *not_kept = r ? sc_sip_probe_not_kept_describe (r) : NULL;

  for (guint i = 0; r != NULL && i < r->events->len; i++)
    print_event (g_ptr_array_index (r->events, i), db, lang, verbose);
  if (not_kept != NULL)
    printf ("             %s\n", not_kept);
  if (r != NULL && r->status != 0)
    {
      g_autofree char *reason = sc_sip_printable (r->reason, -1);
      /* TRANSLATORS: followed by "486 Busy Here, 3.2 ms" */
      g_autofree char *label = g_strdup_printf (_("Final response to %s:"), r->method);

      printf ("\n%s %u %s, %.1f ms\n", label, r->status, reason, r->rtt_us / 1000.0);
      describe_peer (r, &peer);
      if (peer.server != NULL)
        printf ("%s %s\n", _("Server:"), peer.server);
      if (peer.user_agent != NULL)
        printf ("%s %s\n", _("User-Agent:"), peer.user_agent);
      print_list (_("Allow:"), (const char * const *) peer.allow);
      print_list (_("Supported:"), (const char * const *) peer.supported);
      peer_clear (&peer);
    }
  if (call != NULL)
    {
      if (r->call == SC_SIP_PROBE_CALL_HUNG_UP || r->call == SC_SIP_PROBE_CALL_CANCELLED)
        printf ("%s\n", call);
      else
        g_printerr ("%s %s\n", _("Warning:"), call);
    }
  if (outcome->error != NULL)
    print_failure (outcome);
}

/* ---- JSON ---- */

static const char *
error_kind (const GError *error)
{
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT))
    return "timeout";
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_RESOLVE))
    return "resolve";
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE))
    return "unreachable";
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_MALFORMED))
    return "malformed";
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_CERTIFICATE))
    return "certificate";
  if (g_error_matches (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TLS))
    return "tls";
  return "usage";
}

static const char *
note_name (ScSipProbeNote note)
{
  static const char * const names[] = { NULL, "challenge", "credentials-rejected", "stray" };

  return note < G_N_ELEMENTS (names) ? names[note] : NULL;
}

static const char *
call_name (ScSipProbeCall call)
{
  static const char * const names[] = { NULL, "hung-up", "hang-up-failed", "hang-up-unanswered", "cancelled",
                                        "cancel-unanswered" };

  return call < G_N_ELEMENTS (names) ? names[call] : NULL;
}

static void
add_explanation (JsonBuilder  *b,
                 ScKbDatabase *db,
                 ScKbLang      lang,
                 guint         code)
{
  g_autoptr(ScKbEntry) entry = NULL;
  const char *text = explanation (db, code, lang, &entry);

  sc_cli_json_add_string (b, "explanation", text);
}

/* A message's start line and what it answers; the server's own words made printable. */
static void
add_findings (JsonBuilder           *b,
              const ScSipProbeEvent *event,
              ScKbDatabase          *db,
              ScKbLang               lang)
{
  g_autoptr(ScDiagnosis) diagnosis = diagnose (event, db, lang);
  const ScDiagnosisMessage *m = diagnosis ? sc_diagnosis_get_message (diagnosis, 0) : NULL;

  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    {
      const ScDiagnosisFinding *f = g_ptr_array_index (m->findings, i);
      if (f->kind == SC_DIAGNOSIS_FINDING_STATUS)
        continue;
      json_builder_begin_object (b);
      sc_cli_json_add_string (b, "kind", sc_diagnosis_finding_kind_to_string (f->kind));
      sc_cli_json_add_string (b, "title", f->title);
      sc_cli_json_add_string (b, "detail", f->detail);
      sc_cli_json_add_string (b, "link", f->link);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_message (JsonBuilder           *b,
             const ScSipProbeEvent *event,
             ScKbDatabase          *db,
             ScKbLang               lang)
{
  g_autoptr(ScSipMessage) msg = sc_sip_message_parse (event->bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
  g_autofree char *reason = msg && !msg->is_request ? sc_sip_printable (msg->reason.p, msg->reason.len) : NULL;

  json_builder_begin_object (b);
  sc_cli_json_add_string (b, "direction", event->outgoing ? "sent" : "received");
  json_builder_set_member_name (b, "t_ms");
  json_builder_add_int_value (b, (event->t_us + 500) / 1000);
  sc_cli_json_add_string (b, "method", event->method);
  if (event->status != 0)
    {
      json_builder_set_member_name (b, "code");
      json_builder_add_int_value (b, event->status);
      sc_cli_json_add_string (b, "reason", reason);
      add_explanation (b, db, lang, event->status);
      add_findings (b, event, db, lang);
    }
  json_builder_set_member_name (b, "retransmission");
  json_builder_add_boolean_value (b, event->retransmission);
  sc_cli_json_add_string (b, "remote", event->remote);
  sc_cli_json_add_string (b, "note", note_name (event->note));
  json_builder_end_object (b);
}

static void
add_final (JsonBuilder            *b,
           const ScSipProbeResult *r,
           ScKbDatabase           *db,
           ScKbLang                lang)
{
  g_autofree char *reason = NULL;

  json_builder_set_member_name (b, "final");
  if (r->status == 0)
    {
      json_builder_add_null_value (b);
      return;
    }
  reason = sc_sip_printable (r->reason, -1);
  json_builder_begin_object (b);
  sc_cli_json_add_string (b, "method", r->method);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, r->status);
  sc_cli_json_add_string (b, "reason", reason);
  add_explanation (b, db, lang, r->status);
  json_builder_end_object (b);
}

/* What became of the call: {"state": "hung-up", "method": "BYE", "code": 200, "text": …}. */
static void
add_call (JsonBuilder            *b,
          const ScSipProbeResult *r)
{
  g_autofree char *text = sc_sip_probe_call_describe (r);
  gboolean bye = r->call >= SC_SIP_PROBE_CALL_HUNG_UP && r->call <= SC_SIP_PROBE_CALL_HANG_UP_UNANSWERED;

  json_builder_set_member_name (b, "call");
  if (text == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  sc_cli_json_add_string (b, "state", call_name (r->call));
  sc_cli_json_add_string (b, "method", bye ? "BYE" : "CANCEL");
  json_builder_set_member_name (b, "code");
  if (r->follow_up_status != 0)
    json_builder_add_int_value (b, r->follow_up_status);
  else
    json_builder_add_null_value (b);
  sc_cli_json_add_string (b, "text", text);
  json_builder_end_object (b);
}

/* The certificate's expiry as JSON has it: ISO 8601 in UTC. */
static char *
iso8601_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = time ? g_date_time_to_utc (time) : NULL;

  return utc ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* What the user needs to decide to pin the certificate: {"server", "fingerprint", …}. */
static void
add_certificate (JsonBuilder                *b,
                 const ScSipCertificateInfo *info)
{
  g_autofree char *not_after = iso8601_utc (info->not_after);
  g_autofree char *subject = info->subject ? sc_sip_printable (info->subject, -1) : NULL;
  g_autofree char *issuer = info->issuer ? sc_sip_printable (info->issuer, -1) : NULL;

  json_builder_begin_object (b);
  sc_cli_json_add_string (b, "server", info->server);
  sc_cli_json_add_string (b, "fingerprint", info->fingerprint);
  sc_cli_json_add_string (b, "subject", subject);
  sc_cli_json_add_string (b, "issuer", issuer);
  sc_cli_json_add_string (b, "not_after", not_after);
  json_builder_end_object (b);
}

static void
add_error (JsonBuilder             *b,
           const ScCliProbeOutcome *outcome)
{
  g_autofree char *message = NULL;

  json_builder_set_member_name (b, "error");
  if (outcome->error == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  message = sc_sip_printable (outcome->error->message, -1);
  json_builder_begin_object (b);
  sc_cli_json_add_string (b, "kind", error_kind (outcome->error));
  sc_cli_json_add_string (b, "message", message);
  sc_cli_json_add_string (b, "advice", sc_sip_probe_error_advice (outcome->error, outcome->result, outcome->refused));
  json_builder_set_member_name (b, "certificate");
  if (outcome->refused != NULL)
    add_certificate (b, outcome->refused);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
add_peer (JsonBuilder            *b,
          const ScSipProbeResult *r)
{
  Peer peer;

  describe_peer (r, &peer);
  sc_cli_json_add_string (b, "server", peer.server);
  sc_cli_json_add_string (b, "user_agent", peer.user_agent);
  sc_cli_json_add_strv (b, "allow", (const char * const *) peer.allow);
  sc_cli_json_add_strv (b, "supported", (const char * const *) peer.supported);
  peer_clear (&peer);
}

JsonNode *
sc_cli_probe_json (const char              *target,
                   const char              *transport,
                   const ScCliProbeOutcome *outcome,
                   ScKbDatabase            *db,
                   ScKbLang                 lang)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  /* A second Ctrl+C stops before the probe could hand back its result. */
  ScSipProbeResult stopped = { .events = none };
  const ScSipProbeResult *r = outcome->result ? outcome->result : &stopped;
  g_autofree char *shown_target = sc_sip_printable (target, -1);
  g_autofree char *used = r->remote ? g_strndup (r->remote, strcspn (r->remote, " ")) : NULL;

  json_builder_begin_object (b);
  sc_cli_json_add_string (b, "target", shown_target);
  sc_cli_json_add_string (b, "method", r->method);
  sc_cli_json_add_string (b, "transport", used ? used : transport ? transport
                                          : g_ascii_strncasecmp (target, "sips:", 5) == 0 ? "tls" : "udp");
  add_final (b, r, db, lang);
  /* Every message in order, and (as before) the responses alone, each with its method. */
  json_builder_set_member_name (b, "messages");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->events->len; i++)
    add_message (b, g_ptr_array_index (r->events, i), db, lang);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "responses");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->events->len; i++)
    {
      ScSipProbeEvent *event = g_ptr_array_index (r->events, i);
      if (!event->outgoing && event->status != 0)
        add_message (b, event, db, lang);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rtt_ms");
  if (r->status != 0)
    json_builder_add_int_value (b, (r->rtt_us + 500) / 1000);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "retransmissions");
  json_builder_add_int_value (b, r->retransmissions);
  json_builder_set_member_name (b, "auth_attempts");
  json_builder_add_int_value (b, r->auth_attempts);
  json_builder_set_member_name (b, "credentials_rejected");
  json_builder_add_boolean_value (b, r->credentials_rejected);
  json_builder_set_member_name (b, "not_kept");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "messages");
  json_builder_add_int_value (b, r->not_kept);
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, (gint64) r->not_kept_bytes);
  json_builder_end_object (b);
  add_call (b, r);
  add_peer (b, r);
  add_error (b, outcome);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
