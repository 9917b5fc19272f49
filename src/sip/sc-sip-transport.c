/* UDP over GIO (RFC 3261 §18): one datagram per message, up to 65,535 bytes. The callbacks
 * must not free the transport: finish from an idle instead. */
#define G_LOG_DOMAIN "sc-sip-transport"

#include "sc-sip-transport.h"

#define MAX_DATAGRAM 65535

struct _ScSipTransport
{
  GSocket                *socket;
  GSource                *source;
  char                   *local_host;
  guint                   local_port;
  ScSipDatagramFunc       datagram;
  ScSipTransportErrorFunc failed;
  gpointer                user_data;
};

/**
 * sc_sip_transport_udp_new:
 * Binds an ephemeral port of @remote's family and connects to @remote: the kernel then picks
 * the local address (for Via), and an ICMP "port unreachable" comes back as an error.
 */
ScSipTransport *
sc_sip_transport_udp_new (GInetSocketAddress  *remote,
                          GError             **error)
{
  g_autoptr(ScSipTransport) self = g_new0 (ScSipTransport, 1);
  GSocketFamily family = g_socket_address_get_family (G_SOCKET_ADDRESS (remote));
  g_autoptr(GInetAddress) any = g_inet_address_new_any (family);
  g_autoptr(GSocketAddress) local_any = g_inet_socket_address_new (any, 0);
  g_autoptr(GSocketAddress) local = NULL;

  self->socket = g_socket_new (family, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, error);
  if (self->socket == NULL || !g_socket_bind (self->socket, local_any, FALSE, error) ||
      !g_socket_connect (self->socket, G_SOCKET_ADDRESS (remote), NULL, error))
    return NULL;
  g_socket_set_blocking (self->socket, FALSE);
  local = g_socket_get_local_address (self->socket, error);
  if (local == NULL)
    return NULL;
  self->local_host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  self->local_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  return g_steal_pointer (&self);
}

static gboolean
on_readable (GSocket      *socket,
             GIOCondition  condition,
             gpointer      data)
{
  ScSipTransport *self = data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      guint8 *buffer = g_malloc (MAX_DATAGRAM);
      gssize n = g_socket_receive (socket, (char *) buffer, MAX_DATAGRAM, NULL, &error);
      g_autoptr(GBytes) datagram = NULL;

      if (n < 0)
        {
          g_free (buffer);
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;
          /* The main loop holds the source while it dispatches: drop ours, then report. */
          g_clear_pointer (&self->source, g_source_unref);
          self->failed (error, self->user_data);
          return G_SOURCE_REMOVE;
        }
      datagram = g_bytes_new_take (g_realloc (buffer, MAX (n, 1)), n);
      self->datagram (datagram, self->user_data);
    }
}

void
sc_sip_transport_start (ScSipTransport          *self,
                        ScSipDatagramFunc        datagram,
                        ScSipTransportErrorFunc  failed,
                        gpointer                 user_data)
{
  g_return_if_fail (self->source == NULL);

  self->datagram = datagram;
  self->failed = failed;
  self->user_data = user_data;
  self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->source, (GSourceFunc) (GCallback) on_readable, self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());
}

gboolean
sc_sip_transport_send (ScSipTransport  *self,
                       GBytes          *bytes,
                       GError         **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  gssize sent = g_socket_send (self->socket, data, len, NULL, error);

  if (sent < 0)
    return FALSE;
  if ((gsize) sent != len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "only %" G_GSSIZE_FORMAT " of %" G_GSIZE_FORMAT
                   " bytes went out in one datagram", sent, len);
      return FALSE;
    }
  return TRUE;
}

const char *
sc_sip_transport_get_local_host (ScSipTransport *self)
{
  return self->local_host;
}

guint
sc_sip_transport_get_local_port (ScSipTransport *self)
{
  return self->local_port;
}

void
sc_sip_transport_free (ScSipTransport *self)
{
  if (self == NULL)
    return;
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_source_unref (self->source);
    }
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  g_free (self->local_host);
  g_free (self);
}
