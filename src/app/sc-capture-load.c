#define G_LOG_DOMAIN "sc-capture-load"

#include "sc-capture-load.h"

#include <glib/gi18n.h>

#include "sc-capture-address.h"

/* Calls reach the list at most this often: fast enough to watch it fill, few enough redraws. */
#define BATCH_US (100 * 1000)

struct _ScCaptureLoad
{
  GObject               parent_instance;

  GFile                *file;
  GMainContext         *context;    /* where the signals are emitted */
  gboolean              running;

  GMutex                lock;       /* guards the fields below, shared with the worker */
  GPtrArray            *pending;    /* ScCaptureCall, ended, not yet delivered */
  double                progress;
  gboolean              delivery_queued;

  ScCaptureReaderStats  reading;
  ScCaptureStats       *stats;
  GError               *error;
};

G_DEFINE_FINAL_TYPE (ScCaptureLoad, sc_capture_load, G_TYPE_OBJECT)

enum { SIGNAL_CALLS_ADDED, SIGNAL_PROGRESS, SIGNAL_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
sc_capture_load_finalize (GObject *object)
{
  ScCaptureLoad *self = SC_CAPTURE_LOAD (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self->stats);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (sc_capture_load_parent_class)->finalize (object);
}

static void
sc_capture_load_class_init (ScCaptureLoadClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_capture_load_finalize;
  /* A batch of ended calls (GPtrArray of ScCaptureCall), in the order they ended. */
  signals[SIGNAL_CALLS_ADDED] = g_signal_new ("calls-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                              NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  /* How much of the file was read: 0 to 1. */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                           NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  /* The file was read to its end, or reading stopped: see sc_capture_load_get_error(). */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                           NULL, G_TYPE_NONE, 0);
}

static void
sc_capture_load_init (ScCaptureLoad *self)
{
  g_mutex_init (&self->lock);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
}

ScCaptureLoad *
sc_capture_load_new (GFile *file)
{
  ScCaptureLoad *self = g_object_new (SC_TYPE_CAPTURE_LOAD, NULL);

  self->file = g_object_ref (file);
  return self;
}

GFile *
sc_capture_load_get_file (ScCaptureLoad *self)
{
  return self->file;
}

gboolean
sc_capture_load_is_running (ScCaptureLoad *self)
{
  return self->running;
}

/* ---- in the main thread ---- */

static gboolean
deliver (gpointer data)
{
  ScCaptureLoad *self = data;
  g_autoptr(GPtrArray) batch = NULL;
  double progress;

  g_mutex_lock (&self->lock);
  batch = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  progress = self->progress;
  self->delivery_queued = FALSE;
  g_mutex_unlock (&self->lock);
  if (batch->len > 0)
    g_signal_emit (self, signals[SIGNAL_CALLS_ADDED], 0, batch);
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, progress);
  return G_SOURCE_REMOVE;
}

/* At default priority, not idle: a window that redraws all the time would starve an idle. */
static void
queue_delivery (ScCaptureLoad *self)
{
  gboolean queue;

  g_mutex_lock (&self->lock);
  queue = !self->delivery_queued;
  self->delivery_queued = TRUE;
  g_mutex_unlock (&self->lock);
  if (queue)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, deliver, g_object_ref (self), g_object_unref);
}

static void
on_finished (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  ScCaptureLoad *self = SC_CAPTURE_LOAD (source);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  deliver (self);
  self->running = FALSE;
  self->error = g_steal_pointer (&error);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

/* ---- in the worker ---- */

typedef struct {
  ScCaptureLoad *self;
  gint64         last_delivery;
  gint64         size;
} Worker;

static void
on_call_finished (ScCaptureCalls *calls,
                  ScCaptureCall  *call,
                  Worker         *worker)
{
  g_mutex_lock (&worker->self->lock);
  g_ptr_array_add (worker->self->pending, g_object_ref (call));
  g_mutex_unlock (&worker->self->lock);
}

static void
maybe_deliver (Worker          *worker,
               ScCaptureReader *reader)
{
  gint64 now = g_get_monotonic_time ();
  gint64 offset;

  if (now - worker->last_delivery < BATCH_US)
    return;
  worker->last_delivery = now;
  offset = sc_capture_reader_get_offset (reader);
  g_mutex_lock (&worker->self->lock);
  worker->self->progress = worker->size > 0 && offset >= 0 ? CLAMP ((double) offset / worker->size, 0.0, 1.0) : 0.0;
  g_mutex_unlock (&worker->self->lock);
  queue_delivery (worker->self);
}

static void
feed (ScCaptureCalls   *calls,
      ScCaptureMessage *message)
{
  char src[SC_CAPTURE_ENDPOINT_LEN], dst[SC_CAPTURE_ENDPOINT_LEN];

  if (message->sip == NULL)
    return;
  sc_capture_endpoint_format (message->family, message->source, message->source_port, src);
  sc_capture_endpoint_format (message->family, message->destination, message->destination_port, dst);
  sc_capture_calls_add (calls, message->time_us, src, dst, sc_capture_transport_to_string (message->transport), message->sip);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  ScCaptureLoad *self = source;
  g_autofree char *path = g_file_get_path (self->file);
  g_autoptr(GFileInfo) info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(ScCaptureReader) reader = NULL;
  g_autoptr(ScCaptureCalls) calls = sc_capture_calls_new ();
  Worker worker = { self, g_get_monotonic_time (), info ? g_file_info_get_size (info) : 0 };
  GError *error = NULL;
  ScCaptureMessage *message;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only a capture on this computer can be opened"));
      return;
    }
  if (!(reader = sc_capture_reader_new_for_path (path, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_signal_connect (calls, "call-finished", G_CALLBACK (on_call_finished), &worker);
  while (!g_cancellable_set_error_if_cancelled (cancellable, &error) && (message = sc_capture_reader_next (reader, &error)) != NULL)
    {
      feed (calls, message);
      sc_capture_message_unref (message);
      maybe_deliver (&worker, reader);
    }
  /* What was read still counts when reading stopped early: the calls open so far are shown. */
  sc_capture_calls_finish (calls);
  g_mutex_lock (&self->lock);
  self->reading = *sc_capture_reader_get_stats (reader);
  self->stats = g_memdup2 (sc_capture_calls_get_stats (calls), sizeof (ScCaptureStats));
  self->progress = 1.0;
  g_mutex_unlock (&self->lock);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
sc_capture_load_start (ScCaptureLoad *self,
                       GCancellable  *cancellable)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, on_finished, NULL);

  g_return_if_fail (!self->running);
  self->running = TRUE;
  self->context = g_main_context_ref_thread_default ();
  g_task_run_in_thread (task, load_thread);
}

const ScCaptureReaderStats *
sc_capture_load_get_reading (ScCaptureLoad *self)
{
  return &self->reading;
}

const ScCaptureStats *
sc_capture_load_get_stats (ScCaptureLoad *self)
{
  return self->stats;
}

const GError *
sc_capture_load_get_error (ScCaptureLoad *self)
{
  return self->error;
}

/* ---- one call's messages ---- */

static void
keep_call (ScCaptureCalls *calls,
           ScCaptureCall  *call,
           GPtrArray     **messages)
{
  GPtrArray *kept = sc_capture_call_get_messages (call);

  if (*messages == NULL && kept != NULL)
    *messages = g_ptr_array_ref (kept);
}

static void
call_messages_thread (GTask        *task,
                      gpointer      source,
                      gpointer      call_id,
                      GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (G_FILE (source));
  g_autoptr(ScCaptureReader) reader = path ? sc_capture_reader_new_for_path (path, NULL) : NULL;
  g_autoptr(ScCaptureCalls) calls = sc_capture_calls_new ();
  GPtrArray *messages = NULL;
  GError *error = NULL;
  ScCaptureMessage *message;

  if (reader == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("The capture can no longer be read"));
      return;
    }
  sc_capture_calls_set_keep_messages (calls, TRUE);
  g_signal_connect (calls, "call-finished", G_CALLBACK (keep_call), &messages);
  while (!g_cancellable_set_error_if_cancelled (cancellable, &error) && (message = sc_capture_reader_next (reader, NULL)) != NULL)
    {
      if (message->sip != NULL && sc_sip_slice_equal (message->sip->call_id, call_id))
        feed (calls, message);
      sc_capture_message_unref (message);
    }
  sc_capture_calls_finish (calls);
  if (error != NULL)
    {
      g_clear_pointer (&messages, g_ptr_array_unref);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, messages ? messages : g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
}

void
sc_capture_load_call_messages_async (GFile               *file,
                                     const char          *call_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (file, cancellable, callback, user_data);

  g_task_set_task_data (task, g_strdup (call_id), g_free);
  g_task_run_in_thread (task, call_messages_thread);
}

GPtrArray *
sc_capture_load_call_messages_finish (GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
