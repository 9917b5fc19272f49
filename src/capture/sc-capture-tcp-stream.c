#define G_LOG_DOMAIN "sc-capture-tcp-stream"

#include <string.h>

#include "sc-capture-sip-framing.h"
#include "sc-capture-tcp-stream.h"

/* How far to look for a start line in a stream picked up in its middle before calling it
 * something else than SIP. */
#define MAX_RESYNC_SCAN (64 * 1024)
/* What is kept while looking for a start line: one may straddle two segments. */
#define RESYNC_TAIL 8192

typedef struct {
  guint32 seq;
  GBytes *bytes;
} Held;

struct _ScCaptureTcpStream
{
  ScCaptureReaderStats         *stats;
  ScCaptureTcpStreamState state;
  gboolean                counted;
  GByteArray             *buffer;     /* bytes in sequence order; those before head are consumed */
  gsize                   head;
  guint32                 next_seq;   /* the sequence number of the byte after the buffer */
  gboolean                synced;     /* next_seq is known */
  gboolean                resync;     /* look for a start line before framing again */
  gsize                   scanned;    /* bytes dropped while looking for one */
  GQueue                  held;       /* Held beyond a hole, in sequence order */
  gsize                   held_bytes;
};

static void
held_free (gpointer p)
{
  Held *held = p;

  g_bytes_unref (held->bytes);
  g_free (held);
}

ScCaptureTcpStream *
sc_capture_tcp_stream_new (ScCaptureReaderStats *stats,
                           gboolean        tls_port)
{
  ScCaptureTcpStream *self = g_new0 (ScCaptureTcpStream, 1);

  self->stats = stats;
  /* RFC 5630 §3.1 gives sips its own port: what goes there is TLS, readable or not. */
  self->state = tls_port ? SC_CAPTURE_TCP_STREAM_TLS : SC_CAPTURE_TCP_STREAM_UNKNOWN;
  self->buffer = g_byte_array_new ();
  g_queue_init (&self->held);
  return self;
}

static void
release (ScCaptureTcpStream *self)
{
  g_queue_clear_full (&self->held, held_free);
  self->held_bytes = 0;
  g_byte_array_set_size (self->buffer, 0);
  self->head = 0;
}

void
sc_capture_tcp_stream_free (ScCaptureTcpStream *self)
{
  if (self == NULL)
    return;
  release (self);
  g_byte_array_unref (self->buffer);
  g_free (self);
}

static gboolean
skipped (ScCaptureTcpStream *self)
{
  return self->state >= SC_CAPTURE_TCP_STREAM_NOT_SIP;
}

/* Stops reading the stream for good, and says so in the statistics. */
static void
skip (ScCaptureTcpStream *self, ScCaptureTcpStreamState state)
{
  g_assert (state >= SC_CAPTURE_TCP_STREAM_NOT_SIP);
  if (skipped (self))
    return;
  self->state = state;
  release (self);
  if (state == SC_CAPTURE_TCP_STREAM_NOT_SIP)
    self->stats->tcp_not_sip++;
  else if (state == SC_CAPTURE_TCP_STREAM_TLS)
    self->stats->tls_streams++;
  else if (state == SC_CAPTURE_TCP_STREAM_UNFRAMEABLE)
    self->stats->tcp_unframeable++;
  else
    self->stats->tcp_overflow++;
}

void
sc_capture_tcp_stream_abandon (ScCaptureTcpStream *self)
{
  g_return_if_fail (self != NULL);
  skip (self, SC_CAPTURE_TCP_STREAM_OVERFLOW);
}

static void
append (ScCaptureTcpStream *self, const guint8 *data, gsize len)
{
  /* Consumed bytes are dropped only when they are the greater part, so that cutting many
   * messages out of one buffer is not quadratic. */
  if (self->head > 0 && self->head >= self->buffer->len / 2)
    {
      g_byte_array_remove_range (self->buffer, 0, (guint) self->head);
      self->head = 0;
    }
  g_byte_array_append (self->buffer, data, (guint) len);
  self->next_seq += (guint32) len;
}

/* Appends what the held segments have that the buffer lacks, up to the next hole. */
static void
drain (ScCaptureTcpStream *self)
{
  Held *held;

  while ((held = g_queue_peek_head (&self->held)) != NULL && (gint32) (held->seq - self->next_seq) <= 0)
    {
      gsize len = 0, old = self->next_seq - held->seq;
      const guint8 *data = g_bytes_get_data (held->bytes, &len);

      g_queue_pop_head (&self->held);
      self->held_bytes -= len;
      if (len > old)
        append (self, data + old, len - old);
      held_free (held);
    }
}

/* A hole that was never filled (the capture missed a segment): what came before it cannot be
 * finished, so it is dropped, and reading goes on from the first byte after it. */
static void
give_up_hole (ScCaptureTcpStream *self)
{
  Held *first = g_queue_peek_head (&self->held);

  self->stats->tcp_gaps++;
  g_byte_array_set_size (self->buffer, 0);
  self->head = 0;
  self->next_seq = first->seq;
  self->resync = TRUE;
  drain (self);
}

static void
hold (ScCaptureTcpStream *self, guint32 seq, const guint8 *data, gsize len)
{
  Held *held = g_new (Held, 1);
  GList *link = self->held.tail;

  held->seq = seq;
  held->bytes = g_bytes_new (data, len);
  /* Usually the latest: walk back from the tail to the first that starts before it. */
  while (link != NULL && (gint32) (((Held *) link->data)->seq - seq) > 0)
    link = link->prev;
  if (link == NULL)
    g_queue_push_head (&self->held, held);
  else
    g_queue_insert_after (&self->held, link, held);
  self->held_bytes += len;
}

static void
insert (ScCaptureTcpStream *self, guint32 seq, const guint8 *data, gsize len)
{
  gint32 ahead = (gint32) (seq - self->next_seq);

  if (ahead < 0)
    {
      gsize old = (gsize) -(gint64) ahead;

      if (len <= old)
        return;  /* a retransmission of what is already here */
      data += old, len -= old, ahead = 0;
    }
  if (ahead == 0)
    {
      append (self, data, len);
      drain (self);
      return;
    }
  if (len > SC_CAPTURE_TCP_MAX_HELD)
    return;
  while (self->held_bytes + len > SC_CAPTURE_TCP_MAX_HELD)
    give_up_hole (self);
  if ((gint32) (seq - self->next_seq) <= 0)
    insert (self, seq, data, len);
  else
    hold (self, seq, data, len);
}

void
sc_capture_tcp_stream_add (ScCaptureTcpStream *self,
                           const ScCaptureTcp *tcp,
                           const guint8       *payload,
                           gsize               len)
{
  guint32 seq = tcp->seq;

  g_return_if_fail (self != NULL && tcp != NULL);
  if (len > 0 && !self->counted)
    {
      self->counted = TRUE;
      self->stats->tcp_streams++;
      if (self->state == SC_CAPTURE_TCP_STREAM_TLS)
        self->stats->tls_streams++;
    }
  if (skipped (self))
    return;
  if (tcp->flags & SC_CAPTURE_TCP_SYN)
    {
      /* The SYN takes one sequence number; data in it (TCP Fast Open) follows. */
      self->next_seq = ++seq;
      self->synced = TRUE;
      self->resync = FALSE;
    }
  else if (!self->synced)
    {
      /* Picked up in the middle of a connection: the first bytes may end some message. */
      self->next_seq = seq;
      self->synced = TRUE;
      self->resync = TRUE;
    }
  if (len > 0)
    insert (self, seq, payload, len);
}

static void
consume (ScCaptureTcpStream *self, gsize n)
{
  self->head += n;
  if (self->head == self->buffer->len)
    {
      g_byte_array_set_size (self->buffer, 0);
      self->head = 0;
    }
}

static const guint8 *
pending (ScCaptureTcpStream *self, gsize *len)
{
  *len = self->buffer->len - self->head;
  /* An empty GByteArray may have no data at all: no arithmetic on NULL. */
  return *len > 0 ? self->buffer->data + self->head : (const guint8 *) "";
}

/* Drops bytes up to the next start line; FALSE while none is in sight. */
static gboolean
find_start (ScCaptureTcpStream *self, gboolean at_end)
{
  gsize len, keep;
  const guint8 *data = pending (self, &len);
  gssize at = sc_capture_sip_find_start (data, len);

  if (at >= 0)
    {
      consume (self, (gsize) at);
      self->resync = FALSE;
      return TRUE;
    }
  keep = at_end ? 0 : MIN (len, RESYNC_TAIL);
  consume (self, len - keep);
  self->scanned += len - keep;
  if (self->state == SC_CAPTURE_TCP_STREAM_UNKNOWN && (at_end || self->scanned > MAX_RESYNC_SCAN))
    skip (self, SC_CAPTURE_TCP_STREAM_NOT_SIP);
  return FALSE;
}

/* The first bytes of a stream say what it carries. */
static gboolean
classify (ScCaptureTcpStream *self, const guint8 *data, gsize len, gboolean at_end)
{
  ScCaptureSipVerdict verdict = sc_capture_sip_starts (data, len);

  if (verdict == SC_CAPTURE_SIP_NO || (verdict == SC_CAPTURE_SIP_MAYBE && at_end))
    skip (self, SC_CAPTURE_TCP_STREAM_NOT_SIP);
  else if (verdict == SC_CAPTURE_SIP_YES)
    self->state = SC_CAPTURE_TCP_STREAM_SIP;
  return self->state == SC_CAPTURE_TCP_STREAM_SIP;
}

static GBytes *
cut (ScCaptureTcpStream *self, gsize size)
{
  gsize len;
  GBytes *bytes = g_bytes_new (pending (self, &len), size);

  consume (self, size);
  return bytes;
}

/* One framing step at the front of the buffer (RFC 3261 §18.3). */
static GBytes *
frame (ScCaptureTcpStream *self, const guint8 *data, gsize len, gboolean at_end)
{
  gsize size = 0;

  switch (sc_capture_sip_frame (data, len, &size))
    {
    case SC_CAPTURE_FRAME_COMPLETE:
      return cut (self, size);
    case SC_CAPTURE_FRAME_NO_LENGTH:
      /* The parser says why; after it nothing says where the next message starts. */
      {
        GBytes *headers = cut (self, size);

        skip (self, SC_CAPTURE_TCP_STREAM_UNFRAMEABLE);
        return headers;
      }
    case SC_CAPTURE_FRAME_TOO_LARGE:
      skip (self, SC_CAPTURE_TCP_STREAM_UNFRAMEABLE);
      return NULL;
    case SC_CAPTURE_FRAME_INCOMPLETE:
    default:
      /* At the end what is there is delivered, and the parser says what is missing. */
      return at_end ? cut (self, len) : NULL;
    }
}

static GBytes *
next_message (ScCaptureTcpStream *self, gboolean at_end)
{
  for (;;)
    {
      gsize len;
      const guint8 *data;

      if (skipped (self))
        return NULL;
      data = pending (self, &len);
      consume (self, sc_capture_sip_skip_crlf (data, len));  /* keep-alives (RFC 5626 §3.5.1) */
      data = pending (self, &len);
      if (len == 0)
        return NULL;
      if (self->state == SC_CAPTURE_TCP_STREAM_UNKNOWN && sc_capture_is_tls_record (data, len))
        {
          skip (self, SC_CAPTURE_TCP_STREAM_TLS);
          return NULL;
        }
      if (self->state == SC_CAPTURE_TCP_STREAM_UNKNOWN && !self->resync && !classify (self, data, len, at_end))
        return NULL;
      if (self->resync)
        {
          if (!find_start (self, at_end))
            return NULL;
          continue;
        }
      switch (sc_capture_sip_starts (data, len))
        {
        case SC_CAPTURE_SIP_NO:
          self->resync = TRUE;  /* a wrong Content-Length, or garbage between messages */
          continue;
        case SC_CAPTURE_SIP_MAYBE:
          return at_end ? cut (self, len) : NULL;
        case SC_CAPTURE_SIP_YES:
        default:
          return frame (self, data, len, at_end);
        }
    }
}

/**
 * sc_capture_tcp_stream_next:
 *
 * Returns: (transfer full) (nullable): the next whole message, or %NULL until more comes.
 */
GBytes *
sc_capture_tcp_stream_next (ScCaptureTcpStream *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return next_message (self, FALSE);
}

/**
 * sc_capture_tcp_stream_finish:
 *
 * For the end of the stream (FIN, RST, or the end of the file): holes are given up on and
 * what is left comes out, a message cut short included (its parse says what it lacks).
 *
 * Returns: (transfer full) (nullable): the next message; %NULL when nothing is left.
 */
GBytes *
sc_capture_tcp_stream_finish (ScCaptureTcpStream *self)
{
  GBytes *bytes;

  g_return_val_if_fail (self != NULL, NULL);
  while ((bytes = next_message (self, TRUE)) == NULL && !skipped (self) && self->held.length > 0)
    give_up_hole (self);
  return bytes;
}

gsize
sc_capture_tcp_stream_get_buffered (ScCaptureTcpStream *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->buffer->len + self->held_bytes;
}

ScCaptureTcpStreamState
sc_capture_tcp_stream_get_state (ScCaptureTcpStream *self)
{
  g_return_val_if_fail (self != NULL, SC_CAPTURE_TCP_STREAM_UNKNOWN);
  return self->state;
}
