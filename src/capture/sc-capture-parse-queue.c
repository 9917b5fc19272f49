/* Parsing is about half of reading a capture and each message parses on its own, so while the
 * reader's thread cuts the next messages out of frames (and its caller groups the last ones),
 * worker threads parse the batch before. Batches keep the order; a few in flight bound the
 * memory. With no workers every message is parsed as it is pushed. */
#define G_LOG_DOMAIN "sc-capture-reader"

#include "sc-capture-parse-queue.h"

#include "sc-capture-message-private.h"

/* Large enough that handing a batch over costs nothing next to parsing it, small enough that
 * the first messages come out at once. */
#define BATCH_SIZE 64
#define MAX_BATCHES 4

typedef struct
{
  GPtrArray *messages;  /* ScCaptureMessage */
  guint      next;      /* the first not yet handed out */
  gboolean   parsed;    /* under the queue's lock */
} Batch;

struct _ScCaptureParseQueue
{
  GThreadPool *pool;    /* NULL: parse on push */
  GMutex       lock;
  GCond        parsed;
  GQueue       batches; /* Batch, oldest first; the last may be filling */
  Batch       *filling;
};

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->messages = g_ptr_array_new_full (BATCH_SIZE, (GDestroyNotify) sc_capture_message_unref);
  return batch;
}

static void
batch_free (gpointer p)
{
  Batch *batch = p;

  /* Those handed out belong to whoever took them. */
  for (guint i = 0; i < batch->next; i++)
    batch->messages->pdata[i] = NULL;
  g_ptr_array_unref (batch->messages);
  g_free (batch);
}

static void
parse_batch (gpointer data, gpointer user_data)
{
  Batch *batch = data;
  ScCaptureParseQueue *queue = user_data;

  for (guint i = 0; i < batch->messages->len; i++)
    sc_capture_message_parse (batch->messages->pdata[i]);
  g_mutex_lock (&queue->lock);
  batch->parsed = TRUE;
  g_cond_broadcast (&queue->parsed);
  g_mutex_unlock (&queue->lock);
}

/* @workers: threads that parse (0: the pushing thread parses) */
ScCaptureParseQueue *
sc_capture_parse_queue_new (guint workers)
{
  ScCaptureParseQueue *queue = g_new0 (ScCaptureParseQueue, 1);

  g_mutex_init (&queue->lock);
  g_cond_init (&queue->parsed);
  g_queue_init (&queue->batches);
  /* Without threads the pool is not worth having; if it cannot be made, parse here. */
  if (workers > 0)
    queue->pool = g_thread_pool_new (parse_batch, queue, (int) workers, TRUE, NULL);
  return queue;
}

void
sc_capture_parse_queue_free (ScCaptureParseQueue *queue)
{
  if (queue == NULL)
    return;
  /* Waits for the batches being parsed, drops the ones not started: all are ours to free. */
  if (queue->pool != NULL)
    g_thread_pool_free (queue->pool, TRUE, TRUE);
  g_queue_clear_full (&queue->batches, batch_free);
  g_mutex_clear (&queue->lock);
  g_cond_clear (&queue->parsed);
  g_free (queue);
}

/* Sends the filling batch to be parsed. */
void
sc_capture_parse_queue_flush (ScCaptureParseQueue *queue)
{
  Batch *batch = g_steal_pointer (&queue->filling);

  if (batch == NULL)
    return;
  if (queue->pool != NULL)
    g_thread_pool_push (queue->pool, batch, NULL);
  else
    parse_batch (batch, queue);
}

/**
 * sc_capture_parse_queue_push:
 * @message: (transfer full): not parsed yet
 *
 * Returns: %TRUE when @message filled a batch and it went to be parsed: time to see whether
 * the oldest is done.
 */
gboolean
sc_capture_parse_queue_push (ScCaptureParseQueue *queue,
                             ScCaptureMessage    *message)
{
  if (queue->filling == NULL)
    {
      queue->filling = batch_new ();
      g_queue_push_tail (&queue->batches, queue->filling);
    }
  g_ptr_array_add (queue->filling->messages, message);
  if (queue->pool != NULL && queue->filling->messages->len < BATCH_SIZE)
    return FALSE;
  sc_capture_parse_queue_flush (queue);
  return TRUE;
}

/* Enough batches in flight that reading ahead would only hold more memory. */
gboolean
sc_capture_parse_queue_is_full (ScCaptureParseQueue *queue)
{
  return g_queue_get_length (&queue->batches) >= MAX_BATCHES;
}

/**
 * sc_capture_parse_queue_pop:
 * @wait: whether to wait for the oldest batch to be parsed
 *
 * Returns: (transfer full) (nullable): the oldest message not handed out, parsed; %NULL when
 * there is none, none parsed yet (without @wait), or only a batch still filling.
 */
ScCaptureMessage *
sc_capture_parse_queue_pop (ScCaptureParseQueue *queue,
                            gboolean             wait)
{
  Batch *batch = g_queue_peek_head (&queue->batches);
  ScCaptureMessage *message;
  gboolean parsed;

  if (batch == NULL || batch == queue->filling)
    return NULL;
  g_mutex_lock (&queue->lock);
  while (!batch->parsed && wait)
    g_cond_wait (&queue->parsed, &queue->lock);
  parsed = batch->parsed;
  g_mutex_unlock (&queue->lock);
  if (!parsed)
    return NULL;
  message = batch->messages->pdata[batch->next++];
  if (batch->next == batch->messages->len)
    batch_free (g_queue_pop_head (&queue->batches));
  return message;
}
