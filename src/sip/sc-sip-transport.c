/* SIP transports over GIO (RFC 3261 §18): UDP, one datagram per message up to 65,535 bytes;
 * TCP and TLS, messages cut from the stream. The callbacks must not free the transport:
 * finish from an idle instead. */
#define G_LOG_DOMAIN "sc-sip-transport"

#include "sc-sip-transport.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "sc-sip-error.h"
#include "sc-sip-message.h"
#include "sc-sip-tls.h"

#define MAX_DATAGRAM 65535
#define MAX_DATAGRAMS_PER_TURN 64

static void write_next (ScSipTransport *self);
static void read_next (ScSipTransport *self);

struct _ScSipTransport
{
  gboolean                tcp;         /* a stream: TCP, or TLS over TCP */
  gboolean                tls;
  GIOStream              *stream;      /* the TCP connection or the TLS connection over it */
  GCancellable           *cancellable; /* stream: cancelled when the transport goes */
  GByteArray             *buffer;      /* stream: what arrived and is not a whole message yet */
  GQueue                 *outgoing;    /* stream: GBytes waiting to be written */
  gboolean                writing;
  GSocket                *socket;
  GSource                *source;
  guint                   resume_id;   /* a flood's pause between batches */
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
  /* The kernel's arrival time of each datagram: see on_readable(). Without it, the time the
   * main loop got round to reading is used. */
  setsockopt (g_socket_get_fd (self->socket), SOL_SOCKET, SO_TIMESTAMPNS, &(int) { 1 }, sizeof (int));
  local = g_socket_get_local_address (self->socket, error);
  if (local == NULL)
    return NULL;
  self->local_host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  self->local_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  return g_steal_pointer (&self);
}

/* When the datagram just read arrived, on the monotonic clock: the kernel stamps it on the
 * realtime clock, so the age it gives is taken from now. */
static gint64
arrival_time (struct msghdr *header)
{
  gint64 now = g_get_monotonic_time ();

  for (struct cmsghdr *c = CMSG_FIRSTHDR (header); c != NULL; c = CMSG_NXTHDR (header, c))
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS)
      {
        struct timespec stamp;
        gint64 age;

        memcpy (&stamp, CMSG_DATA (c), sizeof stamp);
        age = g_get_real_time () - ((gint64) stamp.tv_sec * G_USEC_PER_SEC + stamp.tv_nsec / 1000);
        return now - CLAMP (age, 0, 10 * G_USEC_PER_SEC);
      }
  return now;
}

/* One datagram, with its time of arrival; -1 with @error set when none could be read. */
static gssize
receive_datagram (GSocket  *socket,
                  guint8   *buffer,
                  gint64   *received_us,
                  GError  **error)
{
  char control[CMSG_SPACE (sizeof (struct timespec))];
  struct iovec vector = { buffer, MAX_DATAGRAM };
  struct msghdr header = { .msg_iov = &vector, .msg_iovlen = 1, .msg_control = control,
                           .msg_controllen = sizeof control };
  gssize n;

  do
    n = recvmsg (g_socket_get_fd (socket), &header, MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      int saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return -1;
    }
  *received_us = arrival_time (&header);
  return n;
}

static gboolean on_readable (GSocket *socket, GIOCondition condition, gpointer data);

static void
watch_socket (ScSipTransport *self)
{
  self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->source, (GSourceFunc) (GCallback) on_readable, self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());
}

static gboolean
resume_reading (gpointer data)
{
  ScSipTransport *self = data;

  self->resume_id = 0;
  watch_socket (self);
  return G_SOURCE_REMOVE;
}

/* At most a batch of datagrams per turn of the main loop, then a pause of a millisecond: a
 * flood cannot keep the loop from its timers and the window from its frames. What the
 * kernel's buffer cannot hold meanwhile is lost, as a flood's datagrams are anyway. */
static gboolean
on_readable (GSocket      *socket,
             GIOCondition  condition,
             gpointer      data)
{
  ScSipTransport *self = data;

  for (guint n_read = 0;; n_read++)
    {
      g_autoptr(GError) error = NULL;
      guint8 *buffer = g_malloc (MAX_DATAGRAM);
      gint64 received_us = 0;
      gssize n = receive_datagram (socket, buffer, &received_us, &error);
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
      self->datagram (datagram, received_us, self->user_data);
      if (n_read + 1 >= MAX_DATAGRAMS_PER_TURN && self->source != NULL)
        {
          g_clear_pointer (&self->source, g_source_unref);
          self->resume_id = g_timeout_add (1, resume_reading, self);
          return G_SOURCE_REMOVE;
        }
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
  if (self->tcp)
    {
      read_next (self);
      return;
    }
  watch_socket (self);
}

gboolean
sc_sip_transport_send (ScSipTransport  *self,
                       GBytes          *bytes,
                       GError         **error)
{
  gsize len;
  const char *data;
  gssize sent;

  if (self->tcp)
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("the connection is closed"));
          return FALSE;
        }
      g_queue_push_tail (self->outgoing, g_bytes_ref (bytes));
      write_next (self);
      return TRUE;
    }
  data = g_bytes_get_data (bytes, &len);
  sent = g_socket_send (self->socket, data, len, NULL, error);

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

/* An async operation in flight: it may complete after the transport is freed, so it holds
 * the cancellable and checks it before touching the transport. */
typedef struct {
  ScSipTransport *self;
  GCancellable   *cancellable;
  GBytes         *bytes;
} Op;

static Op *
op_new (ScSipTransport *self,
        GBytes         *bytes)
{
  Op *op = g_new0 (Op, 1);

  op->self = self;
  op->cancellable = g_object_ref (self->cancellable);
  op->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  return op;
}

static void
op_free (Op *op)
{
  g_object_unref (op->cancellable);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_free (op);
}

static void
fail_stream (ScSipTransport *self,
             GError         *error)
{
  g_cancellable_cancel (self->cancellable);   /* no more reads or writes */
  self->failed (error, self->user_data);
  g_error_free (error);
}

static void
on_written (GObject      *stream,
            GAsyncResult *result,
            gpointer      data)
{
  Op *op = data;
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (stream), result, NULL, &error) ||
      g_cancellable_is_cancelled (op->cancellable))
    {
      if (!g_cancellable_is_cancelled (op->cancellable))
        fail_stream (op->self, error);
      else
        g_clear_error (&error);
      op_free (op);
      return;
    }
  op->self->writing = FALSE;
  write_next (op->self);
  op_free (op);
}

static void
write_next (ScSipTransport *self)
{
  GBytes *bytes;
  Op *op;
  gsize len;
  const void *data;

  if (self->writing || (bytes = g_queue_pop_head (self->outgoing)) == NULL)
    return;
  self->writing = TRUE;
  op = op_new (self, bytes);
  g_bytes_unref (bytes);
  data = g_bytes_get_data (op->bytes, &len);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (self->stream), data, len,
                                   G_PRIORITY_DEFAULT, self->cancellable, on_written, op);
}

/* Cuts whole messages off the front of the buffer: a stream cannot resynchronise after a
 * malformed message, and a peer that never completes one is stopped at the size limit. */
static gboolean
deliver_messages (ScSipTransport *self)
{
  while (self->buffer->len > 0)
    {
      g_autoptr(GBytes) view = g_bytes_new (self->buffer->data, self->buffer->len);
      g_autoptr(GError) error = NULL;
      g_autoptr(ScSipMessage) msg = sc_sip_message_parse (view, SC_SIP_FRAMING_STREAM, &error);
      const char *data = g_bytes_get_data (view, NULL);
      gsize start = 0, consumed;
      g_autoptr(GBytes) one = NULL;

      if (msg == NULL && (g_error_matches (error, SC_SIP_ERROR, SC_SIP_ERROR_INCOMPLETE) ||
                          g_error_matches (error, SC_SIP_ERROR, SC_SIP_ERROR_TOO_LARGE)))
        {
          if (g_error_matches (error, SC_SIP_ERROR, SC_SIP_ERROR_INCOMPLETE) && self->buffer->len <= SC_SIP_MAX_MESSAGE_SIZE)
            return TRUE;
          /* Too many headers is the parser's own finding, not the size limit's. */
          if (self->buffer->len <= SC_SIP_MAX_MESSAGE_SIZE)
            fail_stream (self, g_error_new (SC_SIP_ERROR, SC_SIP_ERROR_TOO_LARGE, _("a message on the stream: %s"),
                                            error->message));
          else
            fail_stream (self, g_error_new (SC_SIP_ERROR, SC_SIP_ERROR_TOO_LARGE,
                                            _("the peer sent over %d bytes without completing a message"),
                                            SC_SIP_MAX_MESSAGE_SIZE));
          return FALSE;
        }
      if (msg == NULL)
        {
          fail_stream (self, g_error_new (SC_SIP_ERROR, error->code, _("a malformed message on the stream: %s"),
                                          error->message));
          return FALSE;
        }
      while (data[start] == '\r' || data[start] == '\n')   /* keep-alive CRLFs before it */
        start++;
      consumed = (gsize) (msg->body.p + msg->body.len - data);
      one = g_bytes_new (data + start, consumed - start);
      g_byte_array_remove_range (self->buffer, 0, consumed);
      self->datagram (one, g_get_monotonic_time (), self->user_data);
    }
  return TRUE;
}

static void
on_read (GObject      *stream,
         GAsyncResult *result,
         gpointer      data)
{
  Op *op = data;
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (stream), result, &error);
  ScSipTransport *self = op->self;

  if (g_cancellable_is_cancelled (op->cancellable))
    {
      g_clear_error (&error);
      op_free (op);
      return;
    }
  op_free (op);
  if (chunk == NULL)
    {
      fail_stream (self, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      fail_stream (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                              _("the peer closed the connection")));
      return;
    }
  g_byte_array_append (self->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (deliver_messages (self))
    read_next (self);
}

static void
read_next (ScSipTransport *self)
{
  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (self->stream), 16384,
                                   G_PRIORITY_DEFAULT, self->cancellable, on_read, op_new (self, NULL));
}

typedef struct {
  ScSipTlsSettings      tls;        /* the strings are owned here */
  gboolean              use_tls;
  ScSipCertificateInfo *refused;    /* the certificate the handshake refused */
} Connect;

static void
connect_free (gpointer data)
{
  Connect *connect = data;

  g_free ((char *) connect->tls.server_name);
  g_free ((char *) connect->tls.ca_file);
  g_free ((char *) connect->tls.pinned_sha256);
  g_clear_pointer (&connect->refused, sc_sip_certificate_info_free);
  g_free (connect);
}

static void
return_transport (GTask             *task,
                  GIOStream         *stream,
                  gboolean           tls,
                  GSocketConnection *tcp)
{
  GError *error = NULL;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (tcp, &error);
  ScSipTransport *self;

  if (local == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self = g_new0 (ScSipTransport, 1);
  self->tcp = TRUE;
  self->tls = tls;
  self->stream = g_object_ref (stream);
  self->cancellable = g_cancellable_new ();
  self->buffer = g_byte_array_new ();
  self->outgoing = g_queue_new ();
  self->local_host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  self->local_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_task_return_pointer (task, self, (GDestroyNotify) sc_sip_transport_free);
}

static void
on_handshake (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  Connect *connect = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GIOStream) tls = sc_sip_tls_handshake_finish (result, &connect->refused, &error);
  g_autoptr(GIOStream) base = NULL;

  if (tls == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_object_get (tls, "base-io-stream", &base, NULL);
  return_transport (task, tls, TRUE, G_SOCKET_CONNECTION (base));
}

static void
on_connected (GObject      *client,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  Connect *connect = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GSocketConnection) connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (client), result, &error);

  if (connection == NULL)
    g_task_return_error (task, error);
  else if (connect->use_tls)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);
      sc_sip_tls_handshake_async (G_IO_STREAM (connection), &connect->tls, cancellable, on_handshake,
                                  g_steal_pointer (&task));
    }
  else
    return_transport (task, G_IO_STREAM (connection), FALSE, connection);
}

/**
 * sc_sip_transport_tcp_connect_async:
 * Connects over TCP to @remote, then, when @tls is given, runs the TLS handshake on it.
 */
void
sc_sip_transport_tcp_connect_async (GInetSocketAddress     *remote,
                                    const ScSipTlsSettings *tls,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Connect *connect = g_new0 (Connect, 1);

  if (tls != NULL)
    {
      connect->use_tls = TRUE;
      connect->tls = (ScSipTlsSettings) { .server_name = g_strdup (tls->server_name), .ca_file = g_strdup (tls->ca_file),
                                          .accept_any = tls->accept_any,
                                          .pinned_sha256 = g_strdup (tls->pinned_sha256) };
    }
  g_task_set_task_data (task, connect, connect_free);
  g_socket_client_connect_async (client, G_SOCKET_CONNECTABLE (remote), cancellable, on_connected, task);
}

/**
 * sc_sip_transport_tcp_connect_finish:
 * @refused: (out) (optional) (nullable): when the TLS handshake refused the server's
 * certificate, that certificate and why; NULL otherwise
 */
ScSipTransport *
sc_sip_transport_tcp_connect_finish (GAsyncResult          *result,
                                     ScSipCertificateInfo **refused,
                                     GError               **error)
{
  Connect *connect = g_task_get_task_data (G_TASK (result));
  ScSipTransport *self = g_task_propagate_pointer (G_TASK (result), error);

  if (refused != NULL)
    *refused = self == NULL ? g_steal_pointer (&connect->refused) : NULL;
  return self;
}

gboolean
sc_sip_transport_is_reliable (ScSipTransport *self)
{
  return self->tcp;
}

const char *
sc_sip_transport_get_name (ScSipTransport *self)
{
  return self->tls ? "tls" : self->tcp ? "tcp" : "udp";
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
  g_clear_handle_id (&self->resume_id, g_source_remove);
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_source_unref (self->source);
    }
  if (self->tcp)
    {
      g_cancellable_cancel (self->cancellable);
      g_io_stream_close (self->stream, NULL, NULL);
      g_clear_object (&self->stream);
      g_clear_object (&self->cancellable);
      g_byte_array_unref (self->buffer);
      g_queue_free_full (self->outgoing, (GDestroyNotify) g_bytes_unref);
    }
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  g_free (self->local_host);
  g_free (self);
}
