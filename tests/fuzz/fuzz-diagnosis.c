/* libFuzzer target: the explanation model on any pasted text — finding the messages in it,
 * parsing each and explaining it from the knowledge base (SIP_CODES_DB). Every finding must be
 * valid UTF-8 without control characters other than line breaks and tabs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sc-diagnosis.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static ScKbDatabase *db;

static void
check_text (const char *text)
{
  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    __builtin_trap ();
  for (const char *p = text; *p != '\0'; p++)
    if ((unsigned char) *p < 0x20 && *p != '\n' && *p != '\t')
      __builtin_trap ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GBytes *bytes = g_bytes_new (data, size);
  GError *error = NULL;
  ScDiagnosis *diagnosis;

  if (db == NULL && (db = sc_kb_database_open (getenv ("SIP_CODES_DB"), NULL)) == NULL)
    abort ();   /* run it with SIP_CODES_DB set to the built knowledge base */
  diagnosis = sc_diagnosis_new (db, bytes, SC_KB_LANG_EN, &error);
  if ((diagnosis == NULL) == (error == NULL))
    __builtin_trap ();
  for (guint i = 0; diagnosis != NULL && i < sc_diagnosis_get_n_messages (diagnosis); i++)
    {
      const ScDiagnosisMessage *m = sc_diagnosis_get_message (diagnosis, i);
      for (guint j = 0; j < m->findings->len; j++)
        {
          const ScDiagnosisFinding *f = g_ptr_array_index (m->findings, j);
          if (f->line > m->n_lines + 1)
            __builtin_trap ();
          check_text (f->title);
          check_text (f->meaning);
          check_text (f->check);
          check_text (f->detail);
        }
    }
  g_clear_object (&diagnosis);
  g_clear_error (&error);
  g_bytes_unref (bytes);
  return 0;
}
