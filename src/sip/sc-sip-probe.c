/* One probe: resolve the target, try each of its addresses in turn until one takes the
 * request, keep the whole exchange within one time limit, and report every message sent and
 * received with its time, even when the probe fails. Everything runs on the caller's main
 * context; completion is deferred (at default priority: a window that redraws all the time
 * starves idle sources) so that no callback frees what is still on the stack. */
#define G_LOG_DOMAIN "sc-sip-probe"

#include "sc-sip-probe.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "sc-sip-digest.h"
#include "sc-sip-error.h"
#include "sc-sip-locate.h"
#include "sc-sip-probe-private.h"

G_DEFINE_QUARK (sc-sip-probe-error-quark, sc_sip_probe_error)


static void
event_free (gpointer data)
{
  ScSipProbeEvent *event = data;

  g_bytes_unref (event->bytes);
  g_free (event->method);
  g_free (event->remote);
  g_free (event->local);
  g_free (event);
}

void
sc_sip_probe_result_free (ScSipProbeResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->events);
  g_free (result->method);
  g_free (result->reason);
  g_free (result->remote);
  g_free (result);
}

static void
run_free (gpointer data)
{
  ProbeRun *run = data;

  g_clear_handle_id (&run->finish_id, g_source_remove);
  g_clear_handle_id (&run->retry_id, g_source_remove);
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  g_clear_handle_id (&run->grace_id, g_source_remove);
  g_clear_handle_id (&run->cancel_id, g_source_remove);
  g_clear_handle_id (&run->failover_id, g_source_remove);
  sc_sip_probe_request_clear (&run->follow_up);
  sc_sip_probe_request_clear (&run->main);
  g_clear_pointer (&run->ack_2xx, g_bytes_unref);
  g_clear_pointer (&run->body, g_bytes_unref);
  g_free (run->content_type);
  g_clear_pointer (&run->transport, sc_sip_transport_free);
  g_clear_pointer (&run->challenge, sc_sip_digest_challenge_free);
  g_clear_pointer (&run->result, sc_sip_probe_result_free);
  g_clear_error (&run->error);
  g_free (run->method);
  g_free (run->aor);
  sc_sip_probe_target_clear (&run->target);
  g_free (run->next_hop);
  g_list_free_full (run->addresses, g_object_unref);
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

/* Work that must not run inside the callback that asks for it, but must not wait either. */
guint
sc_sip_probe_defer (GSourceFunc function,
                    gpointer    data)
{
  return g_idle_add_full (G_PRIORITY_DEFAULT, function, data, NULL);
}

static gboolean
finish_cb (gpointer data)
{
  ProbeRun *run = data;
  GTask *task = run->task;
  GCancellable *cancellable = g_task_get_cancellable (task);

  run->finish_id = 0;
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
  g_clear_handle_id (&run->timeout_id, g_source_remove);
  g_clear_handle_id (&run->grace_id, g_source_remove);
  run->finish_id = sc_sip_probe_defer (finish_cb, run);
}

static char *
describe_limit (guint ms)
{
  if (ms % 1000 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", ms / 1000), ms / 1000);
  return g_strdup_printf (_("%.3g seconds"), ms / 1000.0);
}

/* The time limit ran out while the INVITE rang, and the probe cancelled it: what the CANCEL
 * brought (the 487, or nothing) is in the result; the probe still failed. */
void
sc_sip_probe_finish_timed_out (ProbeRun *run)
{
  g_autofree char *limit = describe_limit (run->timeout_ms);

  if (run->result->status != 0)
    sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT,
                                           _("no final response from %s within %s: the call rang, so the probe "
                                             "cancelled it (%u %s)"),
                                           run->result->remote, limit, run->result->status, run->result->reason));
  else
    sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT,
                                           _("no final response from %s within %s: the call rang, so the probe sent "
                                             "CANCEL, which the server did not answer within 4 s"),
                                           run->result->remote, limit));
}


/**
 * sc_sip_probe_record:
 * @msg: (nullable): @bytes parsed, when they parse
 *
 * Adds a message to the timeline and tells the caller at once. Outgoing messages are
 * recorded after they went out (with the time they were handed to the kernel), so that the
 * caller's work on the event is not timed.
 */
void
sc_sip_probe_record (ProbeRun           *run,
                     gboolean            outgoing,
                     gboolean            retransmission,
                     GBytes             *bytes,
                     const ScSipMessage *msg,
                     ScSipProbeNote      note)
{
  gsize size = g_bytes_get_size (bytes);
  gint64 at = outgoing ? run->sent_us : run->received_us;
  gboolean essential = outgoing || (msg != NULL && !msg->is_request && msg->status >= 200 && !retransmission &&
                                    note != SC_SIP_PROBE_NOTE_STRAY);
  ScSipProbeEvent *event;

  /* A flood is counted, not stored and drawn: memory and the caller's work stay bounded. */
  if (!essential && (run->result->events->len >= SC_SIP_PROBE_MAX_EVENTS ||
                     run->kept_bytes + size > SC_SIP_PROBE_MAX_KEPT_BYTES))
    {
      run->result->not_kept++;
      run->result->not_kept_bytes += size;
      return;
    }
  run->kept_bytes += size;
  event = g_new0 (ScSipProbeEvent, 1);
  event->outgoing = outgoing;
  event->retransmission = retransmission;
  event->t_us = MAX (at - run->start_us, 0);
  event->bytes = g_bytes_ref (bytes);
  if (msg != NULL)
    {
      event->status = msg->is_request ? 0 : msg->status;
      event->method = sc_sip_slice_dup (msg->is_request ? msg->method : msg->cseq_method);
    }
  event->remote = g_strdup (run->result->remote);
  if (run->transport != NULL && sc_sip_transport_get_local_host (run->transport) != NULL)
    {
      const char *host = sc_sip_transport_get_local_host (run->transport);
      event->local = g_strdup_printf (strchr (host, ':') ? "[%s]:%u" : "%s:%u", host, sc_sip_transport_get_local_port (run->transport));
    }
  event->time_us = g_get_real_time () - (g_get_monotonic_time () - at);
  event->note = note;
  g_ptr_array_add (run->result->events, event);
  if (run->on_event != NULL)
    run->on_event (event, run->event_data);
}

/* Every message the probe sends goes here: sent first, then recorded with its time. */
void
sc_sip_probe_on_send (GBytes   *bytes,
                      gboolean  retransmission,
                      gpointer  data)
{
  ProbeRun *run = data;
  g_autoptr(ScSipMessage) msg = sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
  g_autoptr(GError) error = NULL;
  gboolean sent;

  /* Before the send: an answer on loopback may be stamped by the kernel before it returns. */
  run->sent_us = g_get_monotonic_time ();
  if (run->first_send_us == 0)
    run->first_send_us = run->sent_us;
  sent = sc_sip_transport_send (run->transport, bytes, &error);
  if (retransmission)
    run->result->retransmissions++;
  sc_sip_probe_record (run, TRUE, retransmission, bytes, msg, SC_SIP_PROBE_NOTE_NONE);
  if (!sent)
    sc_sip_probe_address_failed (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE,
                                                   _("sending to %s failed: %s"), run->result->remote, error->message));
}

void
sc_sip_probe_on_transport_failed (const GError *error,
                                  gpointer      data)
{
  ProbeRun *run = data;

  if (error->domain == SC_SIP_ERROR)
    sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_MALFORMED,
                                           _("%s: %s"), run->result->remote, error->message));
  else
    sc_sip_probe_address_failed (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE,
                                                   _("%s did not take the request: %s"), run->result->remote,
                                                   error->message));
}

/* ---- each address in turn (RFC 3263 §4.3) ---- */

static void try_address (ProbeRun *run);

static gboolean
next_address_cb (gpointer data)
{
  ProbeRun *run = data;

  run->failover_id = 0;
  if (run->done)
    return G_SOURCE_REMOVE;
  sc_sip_probe_request_clear (&run->follow_up);
  g_clear_pointer (&run->main.transaction, sc_sip_transaction_free);
  g_clear_pointer (&run->transport, sc_sip_transport_free);
  sc_sip_request_new_branch (run->main.request);
  run->address = run->address->next;
  try_address (run);
  return G_SOURCE_REMOVE;
}

/**
 * sc_sip_probe_address_failed:
 * The current address refused the request at the transport level. Unless it answered
 * anything before, the next address is tried; after the last, the probe fails with @error.
 */
void
sc_sip_probe_address_failed (ProbeRun *run,
                             GError   *error)
{
  /* Cancelling: the port may close once the server let go of the call; the grace period,
   * not the transport, says how the cancellation ended. */
  if (run->done || run->failover_id != 0 || (run->cancelling && run->heard))
    {
      g_error_free (error);
      return;
    }
  if (!run->heard && run->address != NULL && run->address->next != NULL)
    {
      g_debug ("%s", error->message);
      g_error_free (error);
      /* Not from inside the transport or transaction that failed: they are freed. */
      run->failover_id = sc_sip_probe_defer (next_address_cb, run);
      return;
    }
  sc_sip_probe_finish (run, error);
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
      sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_CERTIFICATE, "%s", error->message));
    }
  else if (transport == NULL && run->tls && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    sc_sip_probe_address_failed (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TLS,
                                                   _("no TLS session with %s: %s"), run->result->remote, error->message));
  else if (transport == NULL)
    sc_sip_probe_address_failed (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE,
                                                   _("cannot connect to %s: %s"), run->result->remote, error->message));
  else
    sc_sip_probe_attach (run, transport);
}

static void
try_address (ProbeRun *run)
{
  GInetAddress *address = run->address->data;
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new (address, run->port);
  g_autoptr(GError) error = NULL;
  g_autofree char *ip = g_inet_address_to_string (address);
  const char *name = run->tls ? "tls" : run->tcp ? "tcp" : "udp";
  ScSipTlsSettings tls = { .server_name = run->target.host, .ca_file = run->ca_file,
                           .accept_any = run->accept_any_certificate, .pinned_sha256 = run->pinned_certificate };
  ScSipTransport *transport;

  g_free (run->result->remote);
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
    sc_sip_probe_address_failed (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNREACHABLE,
                                                   _("cannot reach %s: %s"), run->result->remote, error->message));
  else
    sc_sip_probe_attach (run, transport);
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
    {
      sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_RESOLVE, _("%s has no address: %s"),
                                             run->next_hop, error->message));
      return;
    }
  run->addresses = run->address = addresses;
  try_address (run);
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
    {
      run->addresses = run->address = g_list_prepend (NULL, g_steal_pointer (&literal));
      try_address (run);
    }
  else
    g_resolver_lookup_by_name_async (g_resolver_get_default (), run->next_hop, g_task_get_cancellable (task),
                                     on_resolved, g_object_ref (task));
}

/* A final response already came: the probe was only waiting for the BYE's answer. */
static void
finish_answered (ProbeRun *run)
{
  if (run->result->call == SC_SIP_PROBE_CALL_NONE && run->ack_2xx != NULL)
    run->result->call = SC_SIP_PROBE_CALL_HANG_UP_UNANSWERED;
  sc_sip_probe_finish (run, NULL);
}

/* The one time limit covers the whole exchange. A ringing INVITE is cancelled, and its 487
 * waited for briefly. */
static gboolean
on_overall_timeout (gpointer data)
{
  ProbeRun *run = data;
  g_autofree char *limit = describe_limit (run->timeout_ms);

  run->timeout_id = 0;
  if (run->done)
    return G_SOURCE_REMOVE;
  if (run->result->status != 0)
    finish_answered (run);
  else if (run->invite && run->provisional)
    {
      run->timed_out = TRUE;
      if (run->follow_up.request == NULL)
        {
          run->cancelling = TRUE;
          sc_sip_probe_send_cancel (run);
        }
    }
  else
    sc_sip_probe_finish (run, g_error_new (SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_TIMEOUT,
                                           _("no final response from %s within %s (the probe’s time limit)"),
                                           run->result->remote ? run->result->remote : run->target.host, limit));
  return G_SOURCE_REMOVE;
}

/* A ringing INVITE is cancelled with CANCEL and ends with its 487; one not ringing yet gets
 * a few seconds to ring, as no CANCEL may go before a provisional response (RFC 3261 §9.1);
 * an answered one is only waiting for its BYE; anything else is abandoned. */
static gboolean
cancel_cb (gpointer data)
{
  ProbeRun *run = data;

  run->cancel_id = 0;
  if (run->done || run->cancelling)
    return G_SOURCE_REMOVE;
  if (run->result->status != 0)
    finish_answered (run);
  else if (run->invite && run->main.transaction != NULL)
    {
      run->cancelling = TRUE;
      if (run->provisional)
        sc_sip_probe_send_cancel (run);
      else
        sc_sip_probe_start_grace (run);
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
  if (run->cancel_id == 0)
    run->cancel_id = sc_sip_probe_defer (cancel_cb, run);
}

/* What cannot work whatever the server does: said before anything is sent. */
static gboolean
check_options (ProbeRun                *run,
               const ScSipProbeOptions *options,
               GError                 **error)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;

  if (options->timeout_ms > 3600 * 1000)
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE, _("the time limit is at most an hour"));
      return FALSE;
    }
  if (run->ca_file != NULL && !(database = g_tls_file_database_new (run->ca_file, &local_error)))
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE,
                   _("the CA file %s cannot be used: %s (it must hold PEM certificates)"), run->ca_file,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
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
  /* GLib takes an absolute path only: a relative one would be ignored without a word. */
  run->ca_file = options->ca_file ? g_canonicalize_filename (options->ca_file, NULL) : NULL;
  run->accept_any_certificate = options->accept_any_certificate;
  run->identity = options->identity ? g_object_ref (options->identity) : NULL;
  run->timeout_ms = options->timeout_ms > 0 ? options->timeout_ms : SC_SIP_PROBE_DEFAULT_TIMEOUT_MS;
  run->result->method = g_strdup (run->method);

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
  if (!check_options (run, options, &error) ||
      !sc_sip_probe_target_parse (options->target, options->transport, &run->target, &error) ||
      !sc_sip_probe_build_request (run, options, &error))
    {
      sc_sip_probe_finish (run, g_steal_pointer (&error));
      return;
    }
  if (cancellable != NULL)
    run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), run, NULL);
  run->timeout_id = g_timeout_add (run->timeout_ms, on_overall_timeout, run);

  sc_sip_locate_async (run->target.host, run->target.uri_port, run->target.sips, run->target.transport, cancellable,
                       on_located, g_object_ref (task));
}

/**
 * sc_sip_probe_run_finish:
 * @error: why the probe failed: no final response in time, unreachable, a usage error…
 *
 * Returns: (transfer full): the exchange, also when @error is set: the messages seen before
 * the failure, and the final response when one came before the time limit ran out.
 */
ScSipProbeResult *
sc_sip_probe_run_finish (GAsyncResult  *result,
                         GError       **error)
{
  ScSipProbeResult *done;
  ProbeRun *run;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done != NULL)
    return done;
  /* A failure still says what was sent and received before it. */
  run = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&run->result);
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
