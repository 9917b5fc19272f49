/* The user's request in a probe: built from the options (REGISTER names its address of
 * record, RFC 3261 §10.2), sent in a client transaction once the transport is there, and
 * answered when challenged. Every received message is routed here first. */
#define G_LOG_DOMAIN "sc-sip-probe"

#include "sc-sip-probe-private.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "sc-sip-uri.h"

/* A request is answered once per realm; a proxy and a registrar may each ask once, and a stale
 * nonce may be answered again (RFC 3261 §22.3, §22.4). */
#define MAX_AUTH_ATTEMPTS 3
/* REGISTER: the probe's address answers no calls, so its binding should not outlive it. */
#define DEFAULT_EXPIRES 60

void
sc_sip_probe_request_clear (ProbeRequest *request)
{
  g_clear_pointer (&request->transaction, sc_sip_transaction_free);
  g_clear_pointer (&request->request, sc_sip_request_free);
  g_clear_pointer (&request->answered, g_ptr_array_unref);
  request->auth_attempts = 0;
}

/* A user name as a URI's user part: what RFC 3261 §25.1 allows stays, the rest is escaped. */
static char *
escape_user (const char *user)
{
  GString *out = g_string_new (NULL);

  for (const char *p = user; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || strchr ("-_.!~*'()&=+$,;?/", *p) != NULL)
      g_string_append_c (out, *p);
    else
      g_string_append_printf (out, "%%%02X", (guchar) *p);
  return g_string_free (out, FALSE);
}

static char *
host_part (const char *host)
{
  return strchr (host, ':') != NULL ? g_strdup_printf ("[%s]", host) : g_strdup (host);
}

/* The address of record: the one given ("alice@example.jp" or a SIP URI), else the target's
 * user at its host, else the username at the target's host. */
static char *
address_of_record (const ScSipProbeTarget  *target,
                   const char              *username,
                   const char              *given,
                   GError                 **error)
{
  g_autofree char *host = host_part (target->host);
  g_autofree char *text = NULL;
  const char *problem = NULL;
  ScSipUri uri;

  if (given != NULL)
    text = g_str_has_prefix (given, "sip:") || g_str_has_prefix (given, "sips:") ? g_strdup (given)
                                                                                 : g_strconcat ("sip:", given, NULL);
  else if (target->user != NULL)
    text = g_strdup_printf ("%s:%s@%s", target->sips ? "sips" : "sip", target->user, host);
  else if (username != NULL && *username != '\0')
    {
      g_autofree char *user = escape_user (username);
      text = g_strdup_printf ("%s:%s@%s", target->sips ? "sips" : "sip", user, host);
    }
  else
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE,
                   _("REGISTER needs an address of record: give the target a user (sip:alice@%s), a username, "
                     "or the address of record itself"), host);
      return NULL;
    }
  if (!g_utf8_validate (text, -1, NULL) || !sc_sip_uri_parse ((ScSipSlice) { text, strlen (text) }, &uri, &problem) ||
      !sc_sip_uri_is_sip (&uri) || uri.user.len == 0 || uri.headers.len > 0)
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE,
                   _("the address of record must be a SIP URI with a user, such as sip:alice@example.jp (%s)"),
                   problem ? problem : _("this one has no user part, or has URI headers"));
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* REGISTER goes to the domain (RFC 3261 §10.2): Request-URI without user; To and From the
 * address of record; Expires (set after the user's headers), or "Contact: *" with Expires 0
 * to remove every binding. */
static gboolean
build_register (ProbeRun                *run,
                const ScSipProbeOptions *options,
                GError                 **error)
{
  run->aor = address_of_record (&run->target, run->username, options->aor, error);
  if (run->aor == NULL ||
      !(run->main.request = sc_sip_request_new (run->method, run->target.domain_uri, error)))
    return FALSE;
  sc_sip_request_set_to (run->main.request, run->aor);
  run->expires = options->unregister ? 0 : options->expires > 0 ? (gint) MIN (options->expires, G_MAXINT32)
                                                                 : DEFAULT_EXPIRES;
  return TRUE;
}

/**
 * sc_sip_probe_address_of_record:
 * @aor: (nullable): the address of record as the user typed it
 * @username: (nullable)
 *
 * Returns: (transfer full) (nullable): what a REGISTER to @target would register, or NULL
 * with @error saying what is missing or wrong: for a form to check as the user types.
 */
char *
sc_sip_probe_address_of_record (const char  *target,
                                const char  *transport,
                                const char  *aor,
                                const char  *username,
                                GError     **error)
{
  ScSipProbeTarget parsed = { 0 };
  char *result;

  if (!sc_sip_probe_target_parse (target, transport, &parsed, error))
    return NULL;
  result = address_of_record (&parsed, username, aor && *aor ? aor : NULL, error);
  sc_sip_probe_target_clear (&parsed);
  return result;
}

/**
 * sc_sip_probe_build_request:
 * The user's request from the options, before anything is sent: a problem here is a usage
 * error and nothing goes out.
 */
gboolean
sc_sip_probe_build_request (ProbeRun                *run,
                            const ScSipProbeOptions *options,
                            GError                 **error)
{
  g_autoptr(GError) local_error = NULL;

  run->expires = -1;
  run->main.answered = g_ptr_array_new_with_free_func (g_free);
  if (g_str_equal (run->method, "REGISTER"))
    {
      if (!build_register (run, options, error))
        return FALSE;
    }
  else
    {
      if (options->aor != NULL && !(run->aor = address_of_record (&run->target, run->username, options->aor, error)))
        return FALSE;
      if (!(run->main.request = sc_sip_request_new (run->method, run->target.request_uri, error)))
        return FALSE;
    }
  for (guint i = 0; run->headers != NULL && run->headers[i] != NULL; i++)
    if (!sc_sip_request_add_header_line (run->main.request, run->headers[i], &local_error))
      {
        g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE, "%s", local_error->message);
        return FALSE;
      }
  if (run->expires >= 0)
    {
      g_autofree char *expires = g_strdup_printf ("%d", run->expires);
      sc_sip_request_set_header (run->main.request, "Expires", expires, NULL);   /* ours wins over a typed one */
    }
  return TRUE;
}

static char *
user_of (const char *uri_text)
{
  ScSipUri uri;
  const char *problem;

  if (uri_text == NULL || !sc_sip_uri_parse ((ScSipSlice) { uri_text, strlen (uri_text) }, &uri, &problem) ||
      uri.user.len == 0)
    return NULL;
  return g_strndup (uri.user.p, uri.user.len);
}

/* From names who is calling: the address of record, else the user at the target's domain,
 * which an authenticating proxy checks against the credentials; only an anonymous probe
 * names itself at its own address. Contact is the probe's address with the same user. */
static void
set_addresses (ProbeRun       *run,
               ScSipTransport *transport)
{
  const char *local = sc_sip_transport_get_local_host (transport);
  guint local_port = sc_sip_transport_get_local_port (transport);
  g_autofree char *local_host = host_part (local);
  g_autofree char *target_host = host_part (run->target.host);
  g_autofree char *escaped = run->username ? escape_user (run->username) : NULL;
  g_autofree char *from = NULL;
  g_autofree char *user = NULL;
  g_autofree char *contact = NULL;

  if (run->aor != NULL)
    from = g_strdup (run->aor);
  else if (escaped != NULL)
    from = g_strdup_printf ("%s:%s@%s", run->target.sips ? "sips" : "sip", escaped, target_host);
  else
    from = g_strdup_printf ("sip:probe@%s", local_host);
  user = user_of (from);
  contact = g_strdup_printf ("sip:%s@%s:%u;transport=%s", user ? user : "probe", local_host, local_port,
                             sc_sip_transport_get_name (transport));
  sc_sip_request_set_from (run->main.request, from, "SIP Codes probe");
  sc_sip_request_set_contact (run->main.request, run->expires == 0 ? "*" : contact);
}

/* SIPp's [local_ip] and [local_ip_type] in a body the user wrote (an SDP offer, typically):
 * only now is the address the probe sends from known. */
static GBytes *
fill_local_address (GBytes     *body,
                    const char *local)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);
  g_autoptr(GString) text = NULL;

  if (g_strstr_len (data, size, "[local_ip") == NULL)
    return g_bytes_ref (body);
  text = g_string_new_len (data, size);
  g_string_replace (text, "[local_ip_type]", strchr (local, ':') ? "IP6" : "IP4", 0);
  g_string_replace (text, "[local_ip]", local, 0);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static void
set_body (ProbeRun   *run,
          const char *local)
{
  const char *ip = strchr (local, ':') ? "IP6" : "IP4";

  if (run->body != NULL)
    {
      g_autoptr(GBytes) body = fill_local_address (run->body, local);
      sc_sip_request_set_body (run->main.request, body, run->content_type ? run->content_type : "text/plain");
    }
  else if (run->invite)
    {
      /* A minimal offer (RFC 3264): the probe sends and receives no media, so port 9 ("discard"). */
      g_autofree char *sdp = g_strdup_printf ("v=0\r\no=- %u 1 IN %s %s\r\ns=SIP Codes probe\r\nc=IN %s %s\r\n"
                                              "t=0 0\r\nm=audio 9 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n"
                                              "a=rtpmap:8 PCMA/8000\r\na=inactive\r\n", g_random_int (),
                                              ip, local, ip, local);
      g_autoptr(GBytes) offer = g_bytes_new (sdp, strlen (sdp));
      sc_sip_request_set_body (run->main.request, offer, "application/sdp");
    }
}

/* ---- challenges ---- */

static char *
challenge_key (const ScSipDigestChallenge *challenge)
{
  return g_strdup_printf ("%s %s", challenge->proxy ? "407" : "401", challenge->realm);
}

/* What a 401 or 407 to @request means: a challenge the probe will answer (@challenge is set),
 * or a refusal of the credentials it already sent for that realm (unless the nonce was only
 * stale). */
static ScSipProbeNote
judge_challenge (ProbeRun              *run,
                 const ProbeRequest    *request,
                 const ScSipMessage    *response,
                 ScSipDigestChallenge **challenge)
{
  g_autoptr(ScSipDigestChallenge) picked = NULL;
  g_autofree char *key = NULL;

  if (response->status != 401 && response->status != 407)
    return SC_SIP_PROBE_NOTE_NONE;
  picked = sc_sip_digest_challenge_pick (response, NULL);
  if (picked == NULL)
    return SC_SIP_PROBE_NOTE_NONE;   /* the 401 itself is the answer; its problem shows in the timeline */
  key = challenge_key (picked);
  if (request->answered != NULL && g_ptr_array_find_with_equal_func (request->answered, key, g_str_equal, NULL) &&
      !picked->stale)
    return SC_SIP_PROBE_NOTE_CREDENTIALS_REJECTED;
  if (run->username == NULL || run->password == NULL || request->auth_attempts >= MAX_AUTH_ATTEMPTS)
    return SC_SIP_PROBE_NOTE_NONE;
  *challenge = g_steal_pointer (&picked);
  return SC_SIP_PROBE_NOTE_CHALLENGE;
}

/* Credentials for @challenge on @request's next send: its own method and Request-URI. */
static void
add_credentials (ProbeRun             *run,
                 ProbeRequest         *request,
                 ScSipDigestChallenge *challenge)
{
  g_autofree char *authorization = sc_sip_digest_authorization (challenge, run->username, run->password,
                                                                sc_sip_request_get_method (request->request),
                                                                sc_sip_request_get_request_uri (request->request),
                                                                1, NULL);
  g_autofree char *key = challenge_key (challenge);

  sc_sip_request_set_authorization (request->request, challenge->proxy, challenge->realm, authorization);
  if (request->answered == NULL)
    request->answered = g_ptr_array_new_with_free_func (g_free);
  if (!g_ptr_array_find_with_equal_func (request->answered, key, g_str_equal, NULL))
    g_ptr_array_add (request->answered, g_steal_pointer (&key));
  request->auth_attempts++;
  run->result->auth_attempts++;
}

/**
 * sc_sip_probe_answer_challenge:
 * Readies @request to go again with credentials for the challenge judged last: a new
 * transaction, so CSeq + 1 and a new branch (RFC 3261 §22.2).
 */
void
sc_sip_probe_answer_challenge (ProbeRun     *run,
                               ProbeRequest *request)
{
  g_autoptr(ScSipDigestChallenge) challenge = g_steal_pointer (&run->challenge);

  sc_sip_request_set_cseq (request->request, sc_sip_request_get_cseq (request->request) + 1);
  sc_sip_request_new_branch (request->request);
  add_credentials (run, request, challenge);
}

void
sc_sip_probe_start_transaction (ProbeRun                        *run,
                                ProbeRequest                    *request,
                                const ScSipTransactionCallbacks *callbacks)
{
  g_autoptr(GBytes) wire = sc_sip_request_serialize (request->request);

  g_clear_pointer (&request->transaction, sc_sip_transaction_free);
  request->transaction = sc_sip_transaction_new (request->request, wire, sc_sip_transport_is_reliable (run->transport),
                                                 NULL, callbacks, run);
  sc_sip_transaction_start (request->transaction);
}

/* ---- the user's request ---- */

static const ScSipTransactionCallbacks main_callbacks;

/* A fresh Date and a fresh Identity for each request sent with the user's method: the
 * PASSporT's "iat" must match the Date (RFC 8224 §4.1), and a verifier refuses a stale one. */
static gboolean
stamp_identity (ProbeRun  *run,
                GError   **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *asserted = sc_sip_request_dup_asserted_uri (run->main.request);
  ScSipIdentityRequest request = { .method = run->method, .from_uri = sc_sip_request_get_from_uri (run->main.request),
                                   .to_uri = sc_sip_request_get_to_uri (run->main.request), .asserted_uri = asserted,
                                   .date_unix = now };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = NULL;

  sc_sip_request_set_date (run->main.request, now);
  value = sc_sip_identity_signer_sign (run->identity, &request, &local_error);
  if (value == NULL || !sc_sip_request_set_header (run->main.request, "Identity", value, &local_error))
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE, _("the Identity header could not be made: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
send_main (ProbeRun *run)
{
  GError *error = NULL;

  if (run->identity != NULL && !stamp_identity (run, &error))
    {
      sc_sip_probe_finish (run, error);
      return;
    }
  sc_sip_probe_start_transaction (run, &run->main, &main_callbacks);
}

static gboolean
retry_cb (gpointer data)
{
  ProbeRun *run = data;

  run->retry_id = 0;
  if (run->done)
    return G_SOURCE_REMOVE;
  sc_sip_probe_answer_challenge (run, &run->main);
  send_main (run);
  return G_SOURCE_REMOVE;
}

static void
on_main_response (const ScSipMessage *response,
                  gpointer            data)
{
  ProbeRun *run = data;

  if (run->done)
    return;
  if (response->status < 200)
    {
      if (run->invite && !run->provisional)
        {
          run->provisional = TRUE;
          /* Cancelled before anything rang: now that something did, CANCEL may go (§9.1). */
          if (run->cancelling)
            sc_sip_probe_send_cancel (run);
        }
      return;
    }
  if (run->challenge != NULL)
    {
      /* Not from inside the transaction, which the retry replaces. */
      run->retry_id = sc_sip_probe_defer (retry_cb, run);
      return;
    }
  run->result->status = response->status;
  run->result->reason = g_strndup (response->reason.p ? response->reason.p : "", response->reason.len);
  run->result->rtt_us = MAX (run->received_us - run->first_send_us, 0);
  /* A 2xx to INVITE set up a call on the server: ACK it and hang up before reporting. */
  if (run->invite && response->status < 300)
    sc_sip_probe_hang_up (run, response);
  else if (run->invite && run->cancelling)
    {
      run->result->call = SC_SIP_PROBE_CALL_CANCELLED;
      if (run->timed_out)
        sc_sip_probe_finish_timed_out (run);
      else
        sc_sip_probe_finish (run, NULL);
    }
  else
    sc_sip_probe_finish (run, NULL);
}

static void
on_main_timeout (const char *timer,
                 gpointer    data)
{
  ProbeRun *run = data;

  sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT,
                                         _("no final response from %s: the client transaction’s %s fired after %d s"),
                                         run->result->remote, timer, 64 * SC_SIP_T1 / 1000));
}

static const ScSipTransactionCallbacks main_callbacks = { sc_sip_probe_on_send, on_main_response, on_main_timeout,
                                                          NULL };

/* The request goes out once the transport is there: Via, From and Contact name its address. */
void
sc_sip_probe_attach (ProbeRun       *run,
                     ScSipTransport *transport)
{
  g_autofree char *via_transport = g_ascii_strup (sc_sip_transport_get_name (transport), -1);

  run->transport = transport;
  run->heard = FALSE;
  sc_sip_request_set_via (run->main.request, via_transport, sc_sip_transport_get_local_host (transport),
                          sc_sip_transport_get_local_port (transport));
  set_addresses (run, transport);
  set_body (run, sc_sip_transport_get_local_host (transport));
  sc_sip_transport_start (transport, sc_sip_probe_on_datagram, sc_sip_probe_on_transport_failed, run);
  send_main (run);
}

/* ---- what comes back ---- */

/**
 * sc_sip_probe_receive:
 * @answerable: a challenge in a final response may be answered (the user's request, a BYE)
 *
 * A response for @request's transaction: a new final one is judged for a challenge first
 * (run->challenge is then set for the transaction's callback), recorded with what the probe
 * made of it (a repeated final as a repeat), then handed to the transaction.
 */
ScSipProbeNote
sc_sip_probe_receive (ProbeRun     *run,
                      ProbeRequest *request,
                      ScSipMessage *msg,
                      GBytes       *datagram,
                      gboolean      answerable)
{
  ScSipTransactionState state = sc_sip_transaction_get_state (request->transaction);
  gboolean repeat = state == SC_SIP_TX_COMPLETED || state == SC_SIP_TX_TERMINATED;
  ScSipProbeNote note = SC_SIP_PROBE_NOTE_NONE;

  if (!repeat && msg->status >= 200 && answerable)
    {
      g_clear_pointer (&run->challenge, sc_sip_digest_challenge_free);
      note = judge_challenge (run, request, msg, &run->challenge);
    }
  sc_sip_probe_record (run, FALSE, repeat, datagram, msg, note);
  sc_sip_transaction_receive (request->transaction, msg);
  return note;
}

static void
receive_for_main (ProbeRun     *run,
                  ScSipMessage *msg,
                  GBytes       *datagram)
{
  /* The UAS repeats its 2xx until our ACK arrives (RFC 3261 §13.3.1.4): ACK each copy. */
  if (run->ack_2xx != NULL && msg->status >= 200 && msg->status < 300)
    {
      sc_sip_probe_record (run, FALSE, TRUE, datagram, msg, SC_SIP_PROBE_NOTE_NONE);
      sc_sip_probe_on_send (run->ack_2xx, TRUE, run);
      return;
    }
  if (sc_sip_probe_receive (run, &run->main, msg, datagram, TRUE) == SC_SIP_PROBE_NOTE_CREDENTIALS_REJECTED)
    run->result->credentials_rejected = TRUE;
}

void
sc_sip_probe_on_datagram (GBytes   *datagram,
                          gint64    received_us,
                          gpointer  data)
{
  ProbeRun *run = data;
  g_autoptr(ScSipMessage) msg = sc_sip_message_parse (datagram, SC_SIP_FRAMING_DATAGRAM, NULL);

  if (run->done)
    return;
  run->heard = TRUE;
  run->received_us = received_us;
  /* Garbage and strays are part of the story; only a matching response moves a transaction. */
  if (msg != NULL && run->follow_up.transaction != NULL &&
      sc_sip_transaction_matches (run->follow_up.transaction, msg))
    sc_sip_probe_follow_up_receive (run, msg, datagram);
  else if (msg != NULL && run->main.transaction != NULL && sc_sip_transaction_matches (run->main.transaction, msg))
    receive_for_main (run, msg, datagram);
  else
    sc_sip_probe_record (run, FALSE, FALSE, datagram, msg, msg ? SC_SIP_PROBE_NOTE_STRAY : SC_SIP_PROBE_NOTE_NONE);
}
