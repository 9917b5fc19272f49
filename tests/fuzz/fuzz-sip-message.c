/* libFuzzer target: the SIP message parser, as a datagram and as a stream, on any bytes. */
#include <stdint.h>

#include "sc-sip-message.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A copy the exact size of the input, so that any read past it is caught. */
  GBytes *bytes = g_bytes_new (data, size);

  for (int framing = SC_SIP_FRAMING_DATAGRAM; framing <= SC_SIP_FRAMING_STREAM; framing++)
    {
      GError *error = NULL;
      ScSipMessage *msg = sc_sip_message_parse (bytes, framing, &error);

      /* Exactly one of a message or an error, and a message lies within the input. */
      if ((msg == NULL) == (error == NULL) || (msg != NULL && msg->size > size))
        __builtin_trap ();
      if (msg != NULL)
        for (guint i = 0; i < msg->n_headers; i++)
          (void) sc_sip_message_find (msg, msg->headers[i].id, 0);
      sc_sip_message_unref (msg);
      g_clear_error (&error);
    }
  g_bytes_unref (bytes);
  return 0;
}
