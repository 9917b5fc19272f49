/* The calls of a capture, streamed: messages go in one at a time in capture order, and each
 * call is handed out ("call-finished") as soon as it is complete or has been quiet long enough.
 * Only open calls are held, plus for a quiet period the Call-ID and last CSeq of each call
 * handed out, so that its late retransmissions are counted and not taken for a new call. */
#define G_LOG_DOMAIN "sc-capture-calls"

#include "sc-capture-calls.h"

#include <string.h>

#include "sc-capture-call-private.h"

typedef struct {
  ScCaptureCall *call;
  GList          link;    /* in one of the quiet queues, or in none */
  GQueue        *queue;
} OpenCall;

typedef struct {
  char   *call_id;
  gint64  until;
  guint32 max_cseq;
} ClosedCall;

struct _ScCaptureCalls
{
  GObject parent_instance;

  gboolean       keep_messages;
  guint64        n_added;
  GHashTable    *open;          /* Call-ID → OpenCall */
  GQueue         quiet;         /* OpenCall, oldest activity first */
  GQueue         ringing;
  GHashTable    *closed;        /* Call-ID → ClosedCall */
  GQueue         closed_order;  /* ClosedCall, owned */
  ScCaptureStats stats;
};

G_DEFINE_FINAL_TYPE (ScCaptureCalls, sc_capture_calls, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEEP_MESSAGES,
  N_PROPS
};

enum {
  SIGNAL_CALL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
open_call_free (OpenCall *open)
{
  g_object_unref (open->call);
  g_free (open);
}

static void
closed_call_free (ClosedCall *closed)
{
  g_free (closed->call_id);
  g_free (closed);
}

static void
sc_capture_calls_dispose (GObject *object)
{
  ScCaptureCalls *self = SC_CAPTURE_CALLS (object);

  /* The queues link into the OpenCalls the table owns. */
  g_queue_init (&self->quiet);
  g_queue_init (&self->ringing);
  g_clear_pointer (&self->open, g_hash_table_unref);
  g_clear_pointer (&self->closed, g_hash_table_unref);
  g_queue_clear_full (&self->closed_order, (GDestroyNotify) closed_call_free);

  G_OBJECT_CLASS (sc_capture_calls_parent_class)->dispose (object);
}

static void
sc_capture_calls_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ScCaptureCalls *self = SC_CAPTURE_CALLS (object);

  switch (prop_id)
    {
    case PROP_KEEP_MESSAGES:
      g_value_set_boolean (value, self->keep_messages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_capture_calls_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ScCaptureCalls *self = SC_CAPTURE_CALLS (object);

  switch (prop_id)
    {
    case PROP_KEEP_MESSAGES:
      sc_capture_calls_set_keep_messages (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_capture_calls_class_init (ScCaptureCallsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sc_capture_calls_dispose;
  object_class->get_property = sc_capture_calls_get_property;
  object_class->set_property = sc_capture_calls_set_property;

  /* Copies of each call's messages, handed out with it (for a ladder diagram): off, since a
   * long capture only counted needs none. */
  properties[PROP_KEEP_MESSAGES] =
    g_param_spec_boolean ("keep-messages", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ScCaptureCalls::call-finished: a call complete, quiet long enough, or open at the end;
   * ref it to keep it past the handler. */
  signals[SIGNAL_CALL_FINISHED] =
    g_signal_new ("call-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SC_CAPTURE_TYPE_CALL);
}

/* g_str_hash(), value for value (h * 33 + c over signed chars, modulo 2^32), four characters
 * a step: the same buckets, so the same order wherever a table's order shows. */
guint
sc_capture_calls_hash_call_id (gconstpointer key)
{
  const signed char *p = key;
  guint32 h = 5381;

  for (; p[0] != 0 && p[1] != 0 && p[2] != 0 && p[3] != 0; p += 4)
    h = h * 1185921u + (guint32) (p[0] * 35937 + p[1] * 1089 + p[2] * 33 + p[3]);
  for (; *p != 0; p++)
    h = h * 33 + (guint32) *p;
  return h;
}

static void
sc_capture_calls_init (ScCaptureCalls *self)
{
  self->open = g_hash_table_new_full (sc_capture_calls_hash_call_id, g_str_equal, NULL, (GDestroyNotify) open_call_free);
  self->closed = g_hash_table_new (sc_capture_calls_hash_call_id, g_str_equal);
}

ScCaptureCalls *
sc_capture_calls_new (void)
{
  return g_object_new (SC_CAPTURE_TYPE_CALLS, NULL);
}

void
sc_capture_calls_set_keep_messages (ScCaptureCalls *self,
                                    gboolean        keep_messages)
{
  g_return_if_fail (SC_CAPTURE_IS_CALLS (self));

  keep_messages = !!keep_messages;
  if (self->keep_messages == keep_messages)
    return;
  self->keep_messages = keep_messages;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_MESSAGES]);
}

gboolean
sc_capture_calls_get_keep_messages (ScCaptureCalls *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALLS (self), FALSE);
  return self->keep_messages;
}

static void
count_call (ScCaptureCalls *self,
            ScCaptureCall  *call)
{
  ScCaptureKind kind = sc_capture_call_get_kind (call);
  guint code = sc_capture_call_get_final_code (call);

  self->stats.calls++;
  self->stats.outcomes[kind][sc_capture_call_get_outcome (call)]++;
  if (code <= SC_CAPTURE_MAX_CODE)
    self->stats.final_codes[kind][code]++;
}

/* Remember a call handed out for a quiet period: its late messages are not a new call. */
static void
remember_closed (ScCaptureCalls *self,
                 ScCaptureCall  *call)
{
  ClosedCall *closed = g_new0 (ClosedCall, 1);

  closed->call_id = g_strdup (sc_capture_call_get_call_id (call));
  closed->until = sc_capture_call_get_last_time (call) + SC_CAPTURE_QUIET_US;
  closed->max_cseq = sc_capture_call_get_max_cseq (call);
  g_queue_push_tail (&self->closed_order, closed);
  g_hash_table_replace (self->closed, closed->call_id, closed);
}

static void
unqueue (OpenCall *open)
{
  if (open->queue != NULL)
    g_queue_unlink (open->queue, &open->link);
  open->queue = NULL;
}

static void
hand_out (ScCaptureCalls *self,
          OpenCall       *open)
{
  g_autoptr(ScCaptureCall) call = g_object_ref (open->call);

  unqueue (open);
  g_hash_table_remove (self->open, sc_capture_call_get_call_id (call));
  sc_capture_call_close (call);
  count_call (self, call);
  remember_closed (self, call);
  g_signal_emit (self, signals[SIGNAL_CALL_FINISHED], 0, call);
}

static gint64
deadline (GQueue *queue,
          gint64  quiet_us)
{
  OpenCall *open = g_queue_peek_head (queue);

  return open != NULL ? sc_capture_call_get_last_time (open->call) + quiet_us : G_MAXINT64;
}

/* Hand out the calls quiet for longer than they wait, in the order their waits ran out. */
static void
expire (ScCaptureCalls *self,
        gint64          now)
{
  for (;;)
    {
      gint64 quiet = deadline (&self->quiet, SC_CAPTURE_QUIET_US);
      gint64 ringing = deadline (&self->ringing, SC_CAPTURE_RINGING_US);
      GQueue *queue = quiet <= ringing ? &self->quiet : &self->ringing;

      if (MIN (quiet, ringing) >= now)
        return;
      hand_out (self, g_queue_peek_head (queue));
    }
}

static void
forget_closed (ScCaptureCalls *self,
               gint64          now)
{
  while (self->closed_order.head != NULL)
    {
      ClosedCall *closed = self->closed_order.head->data;

      if (closed->until >= now)
        break;
      g_queue_pop_head (&self->closed_order);
      /* A Call-ID used again since has an entry of its own. */
      if (g_hash_table_lookup (self->closed, closed->call_id) == closed)
        g_hash_table_remove (self->closed, closed->call_id);
      closed_call_free (closed);
    }
}

/* A message of a call handed out: a response, an ACK or a request seen before (by CSeq). A
 * higher CSeq is a new use of the Call-ID, such as a registration refreshed. */
static gboolean
is_late (ScCaptureCalls     *self,
         const char         *call_id,
         const ScSipMessage *message)
{
  ClosedCall *closed = g_hash_table_lookup (self->closed, call_id);

  if (closed == NULL)
    return FALSE;
  if (!message->is_request || sc_sip_slice_equal (message->method, "ACK") || message->cseq <= closed->max_cseq)
    return TRUE;
  g_hash_table_remove (self->closed, call_id);
  return FALSE;
}

static OpenCall *
open_call (ScCaptureCalls     *self,
           const ScSipMessage *message,
           gint64              time_us,
           const char         *src,
           const char         *dst,
           const char         *transport)
{
  OpenCall *open = g_new0 (OpenCall, 1);

  open->call = sc_capture_call_new (message, time_us, src, dst, transport);
  open->link.data = open;
  g_hash_table_insert (self->open, (gpointer) sc_capture_call_get_call_id (open->call), open);
  self->stats.max_open = MAX (self->stats.max_open, g_hash_table_size (self->open));
  return open;
}

/* After each message: hand the call out, or queue it for the quiet period it now waits. */
static void
reschedule (ScCaptureCalls *self,
            OpenCall       *open)
{
  GQueue *queue = NULL;

  switch (sc_capture_call_get_wait (open->call))
    {
    case SC_CAPTURE_CALL_DONE:
      hand_out (self, open);
      return;
    case SC_CAPTURE_CALL_WAIT_SHORT:
      queue = &self->quiet;
      break;
    case SC_CAPTURE_CALL_WAIT_RINGING:
      queue = &self->ringing;
      break;
    case SC_CAPTURE_CALL_WAIT_DIALOG:
      break;
    }
  unqueue (open);
  if (queue != NULL)
    g_queue_push_tail_link (queue, &open->link);
  open->queue = queue;
}

static ScCaptureCallMessage *
copy_message (const ScSipMessage *message,
              gint64              time_us,
              guint64             index,
              const char         *src,
              const char         *dst,
              const char         *transport)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (message->bytes, &len);
  g_autoptr(GBytes) bytes = g_bytes_new (data, MIN (len, message->size));

  return sc_capture_call_message_new (bytes, time_us, index, src, dst, transport);
}

/* The Call-ID as the tables hold it: a string, cut at a NUL as g_strndup() would. In @buffer
 * when it fits, so that looking a message's call up allocates nothing. */
static const char *
call_id_key (ScSipSlice  call_id,
             char       *buffer,
             gsize       size,
             char      **heap)
{
  if (call_id.len >= size)
    return *heap = sc_sip_slice_dup (call_id);
  memcpy (buffer, call_id.p, call_id.len);
  buffer[call_id.len] = '\0';
  return buffer;
}

/**
 * sc_capture_calls_add:
 * @time_us: capture time of the message, never before the previous one's
 * @src: (nullable): where it came from: "ip:port" or "[v6]:port"
 * @dst: (nullable): where it went
 * @transport: (nullable): "UDP", "TCP"…
 * @message: (nullable): the message, or NULL for one that did not parse (counted only)
 *
 * Calls quiet for longer than their wait by @time_us are handed out first.
 */
void
sc_capture_calls_add (ScCaptureCalls     *self,
                      gint64              time_us,
                      const char         *src,
                      const char         *dst,
                      const char         *transport,
                      const ScSipMessage *message)
{
  guint64 index;
  char buffer[256];
  g_autofree char *heap = NULL;
  const char *call_id;
  OpenCall *open;
  ScCaptureCallMessage *copy = NULL;

  g_return_if_fail (SC_CAPTURE_IS_CALLS (self));

  index = self->n_added++;
  self->stats.messages++;
  expire (self, time_us);
  forget_closed (self, time_us);
  if (message == NULL || message->call_id.len == 0)
    {
      self->stats.ungrouped++;
      return;
    }
  if (message->is_request)
    self->stats.requests++;
  else
    self->stats.responses++;
  call_id = call_id_key (message->call_id, buffer, sizeof buffer, &heap);
  open = g_hash_table_lookup (self->open, call_id);
  if (open == NULL && is_late (self, call_id, message))
    {
      self->stats.late++;
      return;
    }
  if (open == NULL)
    open = open_call (self, message, time_us, src, dst, transport);
  if (self->keep_messages)
    copy = copy_message (message, time_us, index, src, dst, transport);
  if (!sc_capture_call_add (open->call, message, time_us, index, copy))
    self->stats.retransmissions++;
  reschedule (self, open);
}

static gint
by_start_time (gconstpointer a,
               gconstpointer b)
{
  ScCaptureCall *call_a = (*(OpenCall * const *) a)->call;
  ScCaptureCall *call_b = (*(OpenCall * const *) b)->call;
  gint64 ta = sc_capture_call_get_start_time (call_a);
  gint64 tb = sc_capture_call_get_start_time (call_b);

  return ta < tb ? -1 : ta > tb;
}

/**
 * sc_capture_calls_finish:
 *
 * The end of the capture: every call still open is handed out as it stands, oldest first
 * (an answered call without BYE is still up, an INVITE without final response has none).
 */
void
sc_capture_calls_finish (ScCaptureCalls *self)
{
  g_autoptr(GPtrArray) open = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (SC_CAPTURE_IS_CALLS (self));

  open = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->open);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (open, value);
  g_ptr_array_sort (open, by_start_time);
  for (guint i = 0; i < open->len; i++)
    hand_out (self, g_ptr_array_index (open, i));
  g_hash_table_remove_all (self->closed);
  g_queue_clear_full (&self->closed_order, (GDestroyNotify) closed_call_free);
}

/* Calls open now: what memory is bounded by. */
guint
sc_capture_calls_get_n_open (ScCaptureCalls *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALLS (self), 0);
  return g_hash_table_size (self->open);
}

/* Counts of what was added and what was handed out; complete after sc_capture_calls_finish(). */
const ScCaptureStats *
sc_capture_calls_get_stats (ScCaptureCalls *self)
{
  g_return_val_if_fail (SC_CAPTURE_IS_CALLS (self), NULL);
  return &self->stats;
}
