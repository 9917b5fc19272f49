/* RFC 3263 as far as GIO goes: GResolver has no NAPTR, so when the URI names neither a port
 * nor a transport we ask SRV for each transport we speak, in our order of preference (UDP,
 * TCP, TLS; only TLS for sips:), and take the first that exists. An explicit port, or an IP
 * address, means no SRV at all (§4.2); without SRV records the host's A/AAAA records are used
 * with the transport's default port. */
#define G_LOG_DOMAIN "sc-sip-locate"

#include "sc-sip-locate.h"

typedef struct {
  char               *host;
  ScSipTransportKind  candidates[3];
  guint               n_candidates;
  guint               next;
} Locate;

static void
locate_free (gpointer data)
{
  Locate *locate = data;

  g_free (locate->host);
  g_free (locate);
}

static guint
default_port (ScSipTransportKind transport)
{
  return transport == SC_SIP_TRANSPORT_TLS ? 5061 : 5060;
}

static ScSipLocation *
location_new (const char         *host,
              guint               port,
              ScSipTransportKind  transport,
              gboolean            from_srv)
{
  ScSipLocation *location = g_new0 (ScSipLocation, 1);

  location->host = g_strdup (host);
  location->port = port ? port : default_port (transport);
  location->transport = transport;
  location->from_srv = from_srv;
  return location;
}

void
sc_sip_location_free (ScSipLocation *location)
{
  if (location == NULL)
    return;
  g_free (location->host);
  g_free (location);
}

static void query_next (GTask *task);

static void
on_service (GObject      *resolver,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  Locate *locate = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *targets = g_resolver_lookup_service_finish (G_RESOLVER (resolver), result, &error);
  /* RFC 2782: a single target of "." says the service is decidedly not available here. */
  gboolean usable = targets != NULL && g_strcmp0 (g_srv_target_get_hostname (targets->data), ".") != 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (usable)
    g_task_return_pointer (task, location_new (g_srv_target_get_hostname (targets->data),
                                               g_srv_target_get_port (targets->data),
                                               locate->candidates[locate->next - 1], TRUE),
                           (GDestroyNotify) sc_sip_location_free);
  else
    query_next (g_steal_pointer (&task));
  g_resolver_free_targets (targets);
}

static void
query_next (GTask *task)
{
  Locate *locate = g_task_get_task_data (task);
  ScSipTransportKind transport;

  if (locate->next == locate->n_candidates)
    {
      g_task_return_pointer (task, location_new (locate->host, 0, locate->candidates[0], FALSE),
                             (GDestroyNotify) sc_sip_location_free);
      g_object_unref (task);
      return;
    }
  transport = locate->candidates[locate->next++];
  g_resolver_lookup_service_async (g_resolver_get_default (), transport == SC_SIP_TRANSPORT_TLS ? "sips" : "sip",
                                   transport == SC_SIP_TRANSPORT_UDP ? "udp" : "tcp", locate->host,
                                   g_task_get_cancellable (task), on_service, task);
}

/**
 * sc_sip_locate_async:
 * @port: the URI's port, 0 when it has none
 * @transport: an #ScSipTransportKind the user or the URI chose, or -1
 */
void
sc_sip_locate_async (const char          *host,
                     guint                port,
                     gboolean             sips,
                     int                  transport,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Locate *locate = g_new0 (Locate, 1);
  ScSipTransportKind fallback = sips ? SC_SIP_TRANSPORT_TLS : SC_SIP_TRANSPORT_UDP;

  locate->host = g_strdup (host);
  g_task_set_task_data (task, locate, locate_free);
  if (port != 0 || g_hostname_is_ip_address (host))
    {
      g_task_return_pointer (task, location_new (host, port, transport >= 0 ? (ScSipTransportKind) transport : fallback,
                                                 FALSE),
                             (GDestroyNotify) sc_sip_location_free);
      g_object_unref (task);
      return;
    }
  if (transport >= 0)
    locate->candidates[locate->n_candidates++] = transport;
  else if (sips)
    locate->candidates[locate->n_candidates++] = SC_SIP_TRANSPORT_TLS;
  else
    {
      locate->candidates[locate->n_candidates++] = SC_SIP_TRANSPORT_UDP;
      locate->candidates[locate->n_candidates++] = SC_SIP_TRANSPORT_TCP;
      locate->candidates[locate->n_candidates++] = SC_SIP_TRANSPORT_TLS;
    }
  query_next (task);
}

ScSipLocation *
sc_sip_locate_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
