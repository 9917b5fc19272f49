#define G_LOG_DOMAIN "sc-capture-call-message"

#include "sc-capture-call-message.h"

/**
 * sc_capture_call_message_new:
 * @bytes: the message alone; kept with a reference, so pass a copy rather than a slice of a
 *   large capture buffer
 */
ScCaptureCallMessage *
sc_capture_call_message_new (GBytes     *bytes,
                             gint64      time_us,
                             guint64     index,
                             const char *src,
                             const char *dst,
                             const char *transport)
{
  ScCaptureCallMessage *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_new0 (ScCaptureCallMessage, 1);
  self->bytes = g_bytes_ref (bytes);
  self->time_us = time_us;
  self->index = index;
  self->src = g_strdup (src);
  self->dst = g_strdup (dst);
  self->transport = g_strdup (transport);
  return self;
}

void
sc_capture_call_message_free (ScCaptureCallMessage *self)
{
  if (self == NULL)
    return;
  g_bytes_unref (self->bytes);
  g_free (self->src);
  g_free (self->dst);
  g_free (self->transport);
  g_free (self);
}
