/* libFuzzer target: an Identity header value from the network (RFC 8224 §4): split into its
 * PASSporT and parameters, the PASSporT's base64url parts and JSON decoded, every claim checked
 * (no certificate: the signature check is skipped, everything else runs). Each check's message
 * must be valid UTF-8 on one line (a tab at most), and a failure must name its response. */
#include <stdint.h>
#include <string.h>

#include "sc-stir-verification.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *value = g_strndup ((const char *) data, size);
  ScStirVerification *v = sc_stir_verify (value, NULL, NULL, 1796424395, SC_STIR_DEFAULT_MAX_AGE);

  for (guint i = 0; i < v->checks->len; i++)
    {
      const ScStirCheck *check = &g_array_index (v->checks, ScStirCheck, i);

      if (!g_utf8_validate (check->message, -1, NULL))
        __builtin_trap ();
      for (const char *p = check->message; *p != '\0'; p++)
        if ((unsigned char) *p < 0x20 && *p != '\t')
          __builtin_trap ();
      if ((check->result == SC_STIR_CHECK_FAILED) != (check->code != 0))
        __builtin_trap ();
    }
  if (v->verified || (v->passport == NULL && v->code != 438))
    __builtin_trap ();
  sc_stir_verification_free (v);
  g_free (value);
  return 0;
}
