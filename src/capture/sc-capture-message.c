#define G_LOG_DOMAIN "sc-capture-message"

#include "sc-capture-message-private.h"

G_DEFINE_BOXED_TYPE (ScCaptureMessage, sc_capture_message, sc_capture_message_ref, sc_capture_message_unref)

const char *
sc_capture_transport_to_string (ScCaptureTransport transport)
{
  static const char *const names[] = { "udp", "tcp", "tls", "hep" };

  g_return_val_if_fail ((guint) transport < G_N_ELEMENTS (names), NULL);
  return names[transport];
}

/* Not parsed yet: sc_capture_message_parse() does that, on whichever thread. */
ScCaptureMessage *
sc_capture_message_new (const ScCaptureEndpoints *endpoints,
                        ScCaptureTransport        transport,
                        guint64                   frame,
                        gint64                    time_us,
                        GBytes                   *bytes,
                        ScSipFraming              framing)
{
  ScCaptureMessage *message = g_new0 (ScCaptureMessage, 1);

  message->ref_count = 1;
  message->frame = frame;
  message->time_us = time_us;
  message->transport = transport;
  sc_capture_endpoints_print (endpoints, message);
  message->bytes = g_bytes_ref (bytes);
  message->framing = framing;
  return message;
}

/* Afterwards the message holds the parsed message or the parser's error, never neither. */
void
sc_capture_message_parse (ScCaptureMessage *message)
{
  g_return_if_fail (message->sip == NULL && message->error == NULL);
  message->sip = sc_sip_message_parse (message->bytes, message->framing, &message->error);
}

/* "192.0.2.1:5060", or "[2001:db8::1]:5060" (see sc_capture_endpoint_format()). */
static char *
format_endpoint (GSocketFamily family, const char *address, guint16 port)
{
  char text[SC_CAPTURE_ENDPOINT_LEN];
  gsize len = sc_capture_endpoint_format (family, address, port, text);

  return g_memdup2 (text, len + 1);
}

char *
sc_capture_message_dup_source (const ScCaptureMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return format_endpoint (message->family, message->source, message->source_port);
}

char *
sc_capture_message_dup_destination (const ScCaptureMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return format_endpoint (message->family, message->destination, message->destination_port);
}

ScCaptureMessage *
sc_capture_message_ref (ScCaptureMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  g_atomic_int_inc (&message->ref_count);
  return message;
}

void
sc_capture_message_unref (ScCaptureMessage *message)
{
  if (message == NULL || !g_atomic_int_dec_and_test (&message->ref_count))
    return;
  g_bytes_unref (message->bytes);
  g_clear_pointer (&message->sip, sc_sip_message_unref);
  g_clear_error (&message->error);
  g_free (message);
}
