#include "sc-probe-record.h"

#include <string.h>

ScProbeRecord *
sc_probe_record_new (void)
{
  ScProbeRecord *record = g_new0 (ScProbeRecord, 1);

  record->rtt_us = -1;
  return record;
}

/* The value of an "Identity:" header line, or NULL for any other line. */
const char *
sc_probe_record_identity_value (const char *header_line)
{
  if (g_ascii_strncasecmp (header_line, "Identity:", 9) != 0)
    return NULL;
  return header_line + 9 + strspn (header_line + 9, " \t");
}

void
sc_probe_record_free (ScProbeRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->target);
  g_free (record->transport);
  g_free (record->method);
  g_free (record->username);
  g_strfreev (record->headers);
  g_free (record->body);
  g_free (record->content_type);
  g_free (record->outcome);
  g_free (record->aor);
  g_free (record->sign_key);
  g_free (record->sign_x5u);
  g_free (record->sign_attest);
  g_free (record->sign_orig);
  g_free (record->sign_dest);
  g_free (record);
}

void
sc_trusted_certificate_free (ScTrustedCertificate *trusted)
{
  if (trusted == NULL)
    return;
  g_free (trusted->server);
  g_free (trusted->fingerprint);
  g_free (trusted->subject);
  g_free (trusted);
}
