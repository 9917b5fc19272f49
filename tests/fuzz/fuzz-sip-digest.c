/* libFuzzer target: digest challenges, and the response computed from any that parses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sc-sip-digest.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *copy = malloc (size ? size : 1);
  GError *error = NULL;
  ScSipDigestChallenge *challenge;

  memcpy (copy, data, size);
  challenge = sc_sip_digest_challenge_parse ((ScSipSlice) { copy, size }, FALSE, &error);
  if ((challenge == NULL) == (error == NULL))
    __builtin_trap ();
  if (challenge != NULL)
    {
      char *authorization = sc_sip_digest_authorization (challenge, "user", "password", "REGISTER",
                                                         "sip:example.com", 1, "0a4f113b");
      /* The password itself never leaves the digest module. */
      if (strstr (authorization, "password") != NULL && strstr (challenge->realm, "password") == NULL &&
          strstr (challenge->nonce, "password") == NULL &&
          (challenge->opaque == NULL || strstr (challenge->opaque, "password") == NULL))
        __builtin_trap ();
      g_free (authorization);
    }
  sc_sip_digest_challenge_free (challenge);
  g_clear_error (&error);
  free (copy);
  return 0;
}
