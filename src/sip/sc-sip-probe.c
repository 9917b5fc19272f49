/* One probe: resolve the target, send the request in a client transaction, answer one digest
 * challenge, and report every message sent and received with its time. Everything runs on
 * the caller's main context; completion is deferred to an idle so that no callback frees
 * what is still on the stack. */
#define G_LOG_DOMAIN "sc-sip-probe"

#include "sc-sip-probe.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "sc-sip-digest.h"
#include "sc-sip-error.h"
#include "sc-sip-locate.h"
#include "sc-sip-probe-private.h"
#include "sc-sip-probe-second.h"

G_DEFINE_QUARK (sc-sip-probe-error-quark, sc_sip_probe_error)

#define MAX_AUTH_ATTEMPTS 2


static void
event_free (gpointer data)
{
  ScSipProbeEvent *event = data;

  g_bytes_unref (event->bytes);
  g_free (event);
}

void
sc_sip_probe_result_free (ScSipProbeResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->events);
  g_free (result->reason);
  g_free (result->remote);
  g_free (result);
}

static void
run_free (gpointer data)
{
  ProbeRun *run = data;

  g_clear_handle_id (&run->finish_idle, g_source_remove);
  g_clear_handle_id (&run->retry_idle, g_source_remove);
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  g_clear_handle_id (&run->guard_id, g_source_remove);
  g_clear_handle_id (&run->cancel_idle_id, g_source_remove);
  g_clear_pointer (&run->second_transaction, sc_sip_transaction_free);
  g_clear_pointer (&run->second_request, sc_sip_request_free);
  g_clear_pointer (&run->ack_2xx, g_bytes_unref);
  g_clear_pointer (&run->body, g_bytes_unref);
  g_free (run->content_type);
  g_clear_pointer (&run->transaction, sc_sip_transaction_free);
  g_clear_pointer (&run->transport, sc_sip_transport_free);
  g_clear_pointer (&run->request, sc_sip_request_free);
  g_clear_pointer (&run->challenge, sc_sip_digest_challenge_free);
  g_clear_pointer (&run->result, sc_sip_probe_result_free);
  g_clear_error (&run->error);
  g_free (run->method);
  sc_sip_probe_target_clear (&run->target);
  g_free (run->next_hop);
  g_free (run->ca_file);
  g_free (run->pinned_certificate);
  g_clear_pointer (&run->refused, sc_sip_certificate_info_free);
  g_clear_object (&run->identity);
  g_free (run->username);
  if (run->password != NULL)
    memset (run->password, 0, strlen (run->password));
  g_free (run->password);
  g_strfreev (run->headers);
  g_free (run);
}

static gboolean
finish_cb (gpointer data)
{
  ProbeRun *run = data;
  GTask *task = run->task;
  GCancellable *cancellable = g_task_get_cancellable (task);

  run->finish_idle = 0;
  if (run->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, run->cancelled_id);
  run->cancelled_id = 0;
  if (run->error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&run->result), (GDestroyNotify) sc_sip_probe_result_free);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Ends the probe with @error (or success when NULL), once: the first outcome wins. */
void
sc_sip_probe_finish (ProbeRun *run,
                     GError   *error)
{
  if (run->done)
    {
      g_clear_error (&error);
      return;
    }
  run->done = TRUE;
  run->error = error;
  run->finish_idle = g_idle_add (finish_cb, run);
}

static void
record (ProbeRun *run,
        gboolean  outgoing,
        gboolean  retransmission,
        GBytes   *bytes,
        guint     status)
{
  ScSipProbeEvent *event = g_new0 (ScSipProbeEvent, 1);

  event->outgoing = outgoing;
  event->retransmission = retransmission;
  event->t_us = g_get_monotonic_time () - run->start_us;
  event->bytes = g_bytes_ref (bytes);
  event->status = status;
  g_ptr_array_add (run->result->events, event);
  if (run->on_event != NULL)
    run->on_event (event, run->event_data);
}

/* Records @bytes in the timeline and sends them: every message the probe sends goes here. */
void
sc_sip_probe_on_send (GBytes   *bytes,
                      gboolean  retransmission,
                      gpointer  data)
{
  ProbeRun *run = data;
  GError *error = NULL;

  if (run->first_send_us == 0)
    run->first_send_us = g_get_monotonic_time ();
  record (run, TRUE, retransmission, bytes, 0);
  if (retransmission)
    run->result->retransmissions++;
  if (!sc_sip_transport_send (run->transport, bytes, &error))
    {
      sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE,
                                             _("sending to %s failed: %s"), run->result->remote, error->message));
      g_error_free (error);
    }
}

static gboolean retry_cb (gpointer data);

/* 401/407 with credentials: answer the challenge once (again only if the nonce was stale). */
static gboolean
wants_retry (ProbeRun           *run,
             const ScSipMessage *response)
{
  g_autoptr(GError) error = NULL;
  ScSipDigestChallenge *challenge;

  if ((response->status != 401 && response->status != 407) || run->username == NULL || run->password == NULL ||
      run->result->auth_attempts >= MAX_AUTH_ATTEMPTS)
    return FALSE;
  challenge = sc_sip_digest_challenge_pick (response, &error);
  if (challenge == NULL)
    return FALSE;   /* the 401 itself is the answer; its problem is visible in the timeline */
  if (run->result->auth_attempts > 0 && !challenge->stale)
    {
      sc_sip_digest_challenge_free (challenge);
      return FALSE;   /* the same credentials were refused: a retry would be refused too */
    }
  g_clear_pointer (&run->challenge, sc_sip_digest_challenge_free);
  run->challenge = challenge;
  return TRUE;
}

static void
on_response (const ScSipMessage *response,
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
          /* Cancelled before anything rang: now that something did, CANCEL may go. */
          if (run->cancelling)
            sc_sip_probe_send_cancel (run);
        }
      return;
    }
  if (wants_retry (run, response))
    {
      run->retry_idle = g_idle_add (retry_cb, run);
      return;
    }
  run->result->status = response->status;
  run->result->reason = g_strndup (response->reason.p ? response->reason.p : "", response->reason.len);
  run->result->rtt_us = g_get_monotonic_time () - run->first_send_us;
  /* A 2xx to INVITE set up a call on the server: ACK it and hang up before reporting. */
  if (run->invite && response->status < 300)
    sc_sip_probe_hang_up (run, response);
  else
    sc_sip_probe_finish (run, NULL);
}

static void
on_timeout (const char *timer,
            gpointer    data)
{
  ProbeRun *run = data;

  sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT,
                                         _("no final response from %s: the client transaction's %s fired after %d s"),
                                         run->result->remote, timer, 64 * SC_SIP_T1 / 1000));
}

static void
on_terminated (gpointer data)
{
}

static const ScSipTransactionCallbacks transaction_callbacks = { sc_sip_probe_on_send, on_response, on_timeout,
                                                                 on_terminated };

static void
on_datagram (GBytes   *datagram,
             gpointer  data)
{
  ProbeRun *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipMessage) msg = sc_sip_message_parse (datagram, SC_SIP_FRAMING_DATAGRAM, &error);

  /* Garbage and strays are part of the story; only a matching response moves the transaction. */
  record (run, FALSE, FALSE, datagram, msg != NULL && !msg->is_request ? msg->status : 0);
  if (msg == NULL)
    return;
  if (run->second_transaction != NULL && sc_sip_transaction_matches (run->second_transaction, msg))
    sc_sip_transaction_receive (run->second_transaction, msg);
  else if (run->transaction != NULL && sc_sip_transaction_matches (run->transaction, msg))
    {
      /* The UAS repeats its 2xx until our ACK arrives (RFC 3261 §13.3.1.4): ACK each copy. */
      if (run->ack_2xx != NULL && msg->status >= 200 && msg->status < 300)
        sc_sip_probe_on_send (run->ack_2xx, TRUE, run);
      else
        sc_sip_transaction_receive (run->transaction, msg);
    }
}

static void
on_transport_failed (const GError *error,
                     gpointer      data)
{
  ProbeRun *run = data;

  if (error->domain == SC_SIP_ERROR)
    sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_MALFORMED,
                                           _("%s: %s"), run->result->remote, error->message));
  else
    sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE,
                                           _("%s did not take the request: %s"), run->result->remote, error->message));
}

/* A fresh Date and a fresh Identity for each request sent with the user's method: the
 * PASSporT's "iat" must match the Date (RFC 8224 §4.1), and a verifier refuses a stale one. */
static gboolean
stamp_identity (ProbeRun  *run,
                GError   **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  ScSipIdentityRequest request = { run->method, sc_sip_request_get_from_uri (run->request),
                                   sc_sip_request_get_to_uri (run->request), now };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = NULL;

  sc_sip_request_set_date (run->request, now);
  value = sc_sip_identity_signer_sign (run->identity, &request, &local_error);
  if (value == NULL || !sc_sip_request_set_header (run->request, "Identity", value, &local_error))
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE, _("the Identity header could not be made: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
send_request (ProbeRun *run)
{
  g_autoptr(GBytes) wire = NULL;
  GError *error = NULL;

  if (run->identity != NULL && !stamp_identity (run, &error))
    {
      sc_sip_probe_finish (run, error);
      return;
    }
  if (run->challenge != NULL)
    {
      g_autofree char *authorization = sc_sip_digest_authorization (run->challenge, run->username, run->password,
                                                                    run->method, run->target.request_uri, 1, NULL);
      sc_sip_request_set_authorization (run->request, run->challenge->proxy, authorization);
      run->result->auth_attempts++;
    }
  wire = sc_sip_request_serialize (run->request);
  g_clear_pointer (&run->transaction, sc_sip_transaction_free);
  run->transaction = sc_sip_transaction_new (run->request, wire, sc_sip_transport_is_reliable (run->transport), NULL,
                                            &transaction_callbacks, run);
  sc_sip_transaction_start (run->transaction);
}

/* A new transaction for the authenticated request: CSeq + 1 and a new branch (§22.2). */
static gboolean
retry_cb (gpointer data)
{
  ProbeRun *run = data;

  run->retry_idle = 0;
  sc_sip_request_set_cseq (run->request, sc_sip_request_get_cseq (run->request) + 1);
  sc_sip_request_new_branch (run->request);
  send_request (run);
  return G_SOURCE_REMOVE;
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

/* The request goes out once the transport is there: Via, From and Contact name its address. */
static void
attach_transport (ProbeRun       *run,
                  ScSipTransport *transport)
{
  g_autofree char *from = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *via_transport = g_ascii_strup (sc_sip_transport_get_name (transport), -1);
  const char *local;
  guint local_port;

  run->transport = transport;
  local = sc_sip_transport_get_local_host (transport);
  local_port = sc_sip_transport_get_local_port (transport);
  sc_sip_request_set_via (run->request, via_transport, local, local_port);
  from = g_strdup_printf (strchr (local, ':') ? "sip:probe@[%s]" : "sip:probe@%s", local);
  contact = g_strdup_printf (strchr (local, ':') ? "sip:probe@[%s]:%u;transport=%s" : "sip:probe@%s:%u;transport=%s",
                             local, local_port, sc_sip_transport_get_name (transport));
  sc_sip_request_set_from (run->request, from, "SIP Codes probe");
  sc_sip_request_set_contact (run->request, contact);
  if (run->body != NULL)
    {
      g_autoptr(GBytes) body = fill_local_address (run->body, local);
      sc_sip_request_set_body (run->request, body, run->content_type ? run->content_type : "text/plain");
    }
  else if (run->invite)
    {
      /* A minimal offer (RFC 3264): the probe sends and receives no media, so port 9 ("discard"). */
      g_autofree char *sdp = g_strdup_printf ("v=0\r\no=- %u 1 IN %s %s\r\ns=SIP Codes probe\r\nc=IN %s %s\r\n"
                                              "t=0 0\r\nm=audio 9 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n"
                                              "a=rtpmap:8 PCMA/8000\r\na=inactive\r\n", g_random_int (),
                                              strchr (local, ':') ? "IP6" : "IP4", local,
                                              strchr (local, ':') ? "IP6" : "IP4", local);
      g_autoptr(GBytes) offer = g_bytes_new (sdp, strlen (sdp));
      sc_sip_request_set_body (run->request, offer, "application/sdp");
    }
  sc_sip_transport_start (transport, on_datagram, on_transport_failed, run);
  send_request (run);
}

static void
on_tcp_connected (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GTask) task = data;
  ProbeRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipCertificateInfo) refused = NULL;
  ScSipTransport *transport = sc_sip_transport_tcp_connect_finish (result, &refused, &error);

  if (run->done)
    {
      sc_sip_transport_free (transport);
      return;
    }
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      run->refused = g_steal_pointer (&refused);
      sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_CERTIFICATE,
                                             _("%s (trust its authority with a CA file, pin this certificate by its "
                                             "fingerprint, or accept it explicitly)"), error->message));
    }
  else if (transport == NULL && run->tls && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE,
                                           _("no TLS session with %s: %s"), run->result->remote, error->message));
  else if (transport == NULL)
    sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE,
                                           _("cannot connect to %s: %s"), run->result->remote, error->message));
  else
    attach_transport (run, transport);
}

static void
start_with_address (ProbeRun     *run,
                    GInetAddress *address)
{
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new (address, run->port);
  g_autoptr(GError) error = NULL;
  g_autofree char *ip = g_inet_address_to_string (address);
  const char *name = run->tls ? "tls" : run->tcp ? "tcp" : "udp";
  ScSipTlsSettings tls = { .server_name = run->target.host, .ca_file = run->ca_file,
                           .accept_any = run->accept_any_certificate, .pinned_sha256 = run->pinned_certificate };
  ScSipTransport *transport;

  run->result->remote = g_strdup_printf (strchr (ip, ':') ? "%s [%s]:%u" : "%s %s:%u", name, ip, run->port);
  if (run->tcp)
    {
      sc_sip_transport_tcp_connect_async (G_INET_SOCKET_ADDRESS (remote), run->tls ? &tls : NULL,
                                          g_task_get_cancellable (run->task),
                                          on_tcp_connected, g_object_ref (run->task));
      return;
    }
  transport = sc_sip_transport_udp_new (G_INET_SOCKET_ADDRESS (remote), &error);
  if (transport == NULL)
    sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE, _("cannot reach %s: %s"),
                                           run->result->remote, error->message));
  else
    attach_transport (run, transport);
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  ProbeRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);

  if (run->done)
    {
      g_resolver_free_addresses (addresses);
      return;
    }
  if (addresses == NULL)
    sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_RESOLVE, _("%s has no address: %s"),
                                           run->next_hop, error->message));
  else
    start_with_address (run, addresses->data);
  g_resolver_free_addresses (addresses);
}

static void
on_located (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  ProbeRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipLocation) location = sc_sip_locate_finish (result, &error);
  g_autoptr(GInetAddress) literal = NULL;

  if (run->done)
    return;
  if (location == NULL)
    {
      sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_RESOLVE, _("cannot locate %s: %s"),
                                             run->target.host, error->message));
      return;
    }
  run->tls = location->transport == SC_SIP_TRANSPORT_TLS;
  run->tcp = location->transport != SC_SIP_TRANSPORT_UDP;
  run->port = location->port;
  run->next_hop = g_strdup (location->host);
  literal = g_inet_address_new_from_string (run->next_hop);
  if (literal != NULL)
    start_with_address (run, literal);
  else
    g_resolver_lookup_by_name_async (g_resolver_get_default (), run->next_hop, g_task_get_cancellable (task),
                                     on_resolved, g_object_ref (task));
}

static gboolean
on_overall_timeout (gpointer data)
{
  ProbeRun *run = data;

  run->timeout_id = 0;
  sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT,
                                         _("no final response from %s within %u ms (the probe's own time limit)"),
                                         run->result->remote ? run->result->remote : run->target.host,
                                         run->timeout_ms));
  return G_SOURCE_REMOVE;
}

/* A ringing INVITE is cancelled with CANCEL and ends with its 487; anything else is
 * abandoned (RFC 3261 §9.1: no CANCEL before a provisional response). */
static gboolean
cancel_idle (gpointer data)
{
  ProbeRun *run = data;

  run->cancel_idle_id = 0;
  if (run->done)
    return G_SOURCE_REMOVE;
  if (run->invite && run->transaction != NULL && run->provisional && run->result->status == 0)
    {
      run->cancelling = TRUE;
      sc_sip_probe_send_cancel (run);
    }
  else
    sc_sip_probe_finish (run, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("the probe was cancelled")));
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      data)
{
  ProbeRun *run = data;

  /* "cancelled" may be emitted from any thread: act in our main context. */
  if (run->cancel_idle_id == 0)
    run->cancel_idle_id = g_idle_add (cancel_idle, run);
}

/**
 * sc_sip_probe_run_async:
 * Sends one request to @options->target and waits for its final response, answering one
 * digest challenge with the credentials given. Never blocks the calling main context.
 */
void
sc_sip_probe_run_async (const ScSipProbeOptions *options,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ProbeRun *run = g_new0 (ProbeRun, 1);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, sc_sip_probe_run_async);
  /* Cancelling a ringing INVITE still ends in a result (its 487): we decide, not GTask. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, run, run_free);
  run->task = task;
  run->start_us = g_get_monotonic_time ();
  run->result = g_new0 (ScSipProbeResult, 1);
  run->result->events = g_ptr_array_new_with_free_func (event_free);
  run->method = g_ascii_strup (options->method ? options->method : "OPTIONS", -1);
  run->username = g_strdup (options->username);
  run->password = g_strdup (options->password);
  run->headers = g_strdupv ((GStrv) options->headers);
  run->ca_file = g_strdup (options->ca_file);
  run->accept_any_certificate = options->accept_any_certificate;
  run->identity = options->identity ? g_object_ref (options->identity) : NULL;
  run->timeout_ms = options->timeout_ms;

  run->invite = g_str_equal (run->method, "INVITE");
  run->body = options->body ? g_bytes_ref (options->body) : NULL;
  run->on_event = options->on_event;
  run->event_data = options->event_data;
  run->content_type = g_strdup (options->content_type);
  if (g_str_equal (run->method, "ACK") || g_str_equal (run->method, "CANCEL"))
    {
      sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE,
                                             _("%s is not sent on its own: probe with INVITE, and cancel it while it rings"),
                                             run->method));
      return;
    }
  if (options->pinned_certificate != NULL &&
      !(run->pinned_certificate = sc_sip_tls_normalize_fingerprint (options->pinned_certificate)))
    {
      sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE,
                                             _("“%s” is not a SHA-256 fingerprint: 32 hex pairs such as AB:CD:…"),
                                             options->pinned_certificate));
      return;
    }
  if (!sc_sip_probe_target_parse (options->target, options->transport, &run->target, &error) ||
      !(run->request = sc_sip_request_new (run->method, run->target.request_uri, &error)))
    {
      sc_sip_probe_finish (run, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; run->headers != NULL && run->headers[i] != NULL; i++)
    if (!sc_sip_request_add_header_line (run->request, run->headers[i], &error))
      {
        sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE, "%s", error->message));
        return;
      }
  if (cancellable != NULL)
    run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), run, NULL);
  if (run->timeout_ms > 0)
    run->timeout_id = g_timeout_add (run->timeout_ms, on_overall_timeout, run);

  sc_sip_locate_async (run->target.host, run->target.uri_port, run->target.sips, run->target.transport, cancellable,
                       on_located, g_object_ref (task));
}

ScSipProbeResult *
sc_sip_probe_run_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sc_sip_probe_get_rejected_certificate:
 * @result: the result given to sc_sip_probe_run_async()'s callback
 *
 * Returns: (transfer full) (nullable): the server's certificate and what was wrong with it,
 * when the probe failed with SC_SIP_PROBE_ERROR_CERTIFICATE; NULL for any other outcome.
 */
ScSipCertificateInfo *
sc_sip_probe_get_rejected_certificate (GAsyncResult *result)
{
  ProbeRun *run;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sc_sip_probe_run_async, NULL);
  run = g_task_get_task_data (G_TASK (result));
  return run->refused ? sc_sip_certificate_info_copy (run->refused) : NULL;
}
