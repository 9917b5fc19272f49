/* libFuzzer target: a capture file of any bytes, read through ScCaptureReader to the end.
 * Nothing may crash or leak, each delivered message is parsed or carries the parser's error,
 * and its addresses are printable. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sc-capture-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
printable (const char *address)
{
  gsize len = strnlen (address, SC_CAPTURE_ADDRESS_LEN);

  if (len == 0 || len == SC_CAPTURE_ADDRESS_LEN)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (address[i]) && address[i] != ':' && address[i] != '.')
      return FALSE;
  return TRUE;
}

static void
check (const ScCaptureMessage *message)
{
  if ((message->sip == NULL) == (message->error == NULL) || !printable (message->source) ||
      !printable (message->destination) || message->bytes == NULL)
    __builtin_trap ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A copy the exact size of the input, so that any read past it is caught. */
  g_autofree guint8 *copy = g_memdup2 (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScCaptureReader) reader = NULL;
  ScCaptureMessage *message;
  FILE *file;

  if (size == 0 || (file = fmemopen (copy, size, "rb")) == NULL)
    return 0;
  reader = sc_capture_reader_new_for_file (file, "fuzz", &error);
  if ((reader == NULL) == (error == NULL))
    __builtin_trap ();
  while (reader != NULL && (message = sc_capture_reader_next (reader, &error)) != NULL)
    {
      check (message);
      sc_capture_message_unref (message);
    }
  return 0;
}
