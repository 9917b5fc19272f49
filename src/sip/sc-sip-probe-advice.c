/* What a probe's outcome means for the person who ran it, in words every front end shows the
 * same way: what the probe did with a message, what became of the call, what to check. */
#define G_LOG_DOMAIN "sc-sip-probe"

#include "sc-sip-probe-advice.h"

#include <glib/gi18n-lib.h>

/**
 * sc_sip_probe_note_describe:
 * Returns: (nullable): what the probe made of a message, for its note; NULL for none.
 */
const char *
sc_sip_probe_note_describe (ScSipProbeNote note)
{
  switch (note)
    {
    case SC_SIP_PROBE_NOTE_CHALLENGE:
      return _("A digest challenge: the probe sends the request again with the credentials given.");
    case SC_SIP_PROBE_NOTE_CREDENTIALS_REJECTED:
      return _("The credentials were refused: the server challenged again after receiving them. Check the user "
               "name, the password and the realm the account belongs to.");
    case SC_SIP_PROBE_NOTE_STRAY:
      return _("Not an answer to this probe’s requests (another transaction or call): ignored.");
    case SC_SIP_PROBE_NOTE_NONE:
    default:
      return NULL;
    }
}

/**
 * sc_sip_probe_call_describe:
 * Returns: (transfer full) (nullable): what became of the call an INVITE started; NULL when
 * there was none.
 */
char *
sc_sip_probe_call_describe (const ScSipProbeResult *result)
{
  switch (result->call)
    {
    case SC_SIP_PROBE_CALL_HUNG_UP:
      return g_strdup_printf (_("The call was answered, acknowledged and hung up (BYE answered %u)."),
                              result->follow_up_status);
    case SC_SIP_PROBE_CALL_HANG_UP_FAILED:
      return g_strdup_printf (_("The call may still be up: the server answered the BYE with %u. End it on the "
                                "server or wait for its session timer."), result->follow_up_status);
    case SC_SIP_PROBE_CALL_HANG_UP_UNANSWERED:
      return g_strdup (_("The call may still be up: nothing answered the BYE. End it on the server or wait for its "
                         "session timer."));
    case SC_SIP_PROBE_CALL_CANCELLED:
      return g_strdup (_("The call was cancelled while it rang (CANCEL), and the server ended it."));
    case SC_SIP_PROBE_CALL_CANCEL_UNANSWERED:
      return g_strdup (_("The call was cancelled while it rang (CANCEL), but the server did not end it within 4 "
                         "seconds: the phone may ring on until the server gives up."));
    case SC_SIP_PROBE_CALL_NONE:
    default:
      return NULL;
    }
}

/**
 * sc_sip_probe_not_kept_describe:
 * Returns: (transfer full) (nullable): how much a flooding peer sent past what the probe
 * keeps; NULL when everything was kept.
 */
char *
sc_sip_probe_not_kept_describe (const ScSipProbeResult *result)
{
  g_autofree char *size = NULL;

  if (result->not_kept == 0)
    return NULL;
  size = g_format_size (result->not_kept_bytes);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u more message (%s) arrived past what the probe keeps (%d messages, 1 MB): "
                                       "it was counted, not kept.",
                                       "%u more messages (%s) arrived past what the probe keeps (%d messages, 1 MB): "
                                       "they were counted, not kept.", result->not_kept),
                          result->not_kept, size, SC_SIP_PROBE_MAX_EVENTS);
}

/* A refused certificate: the advice depends on what is wrong with it. */
static const char *
certificate_advice (const ScSipCertificateInfo *refused)
{
  GTlsCertificateFlags problems = refused ? refused->problems : 0;

  if (problems == G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("The certificate is valid but names another server: probe the name it was issued for, have the "
             "server’s certificate fixed, or trust this certificate alone by its fingerprint.");
  if (problems & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    return _("The certificate is outside its validity period: check this computer’s clock and have the server’s "
             "certificate renewed, or trust this certificate alone by its fingerprint.");
  return _("Nothing was sent. Trust the authority that signed the certificate (a CA file), have the server use a "
           "certificate this computer trusts, or — if you know it is the server’s own, e.g. self-signed in a lab "
           "— trust this certificate alone by its fingerprint.");
}

static gboolean
heard_from_server (const ScSipProbeResult *result)
{
  for (guint i = 0; i < result->events->len; i++)
    {
      const ScSipProbeEvent *event = g_ptr_array_index (result->events, i);
      if (!event->outgoing && event->status != 0 && event->note != SC_SIP_PROBE_NOTE_STRAY)
        return TRUE;
    }
  return FALSE;
}

/**
 * sc_sip_probe_error_advice:
 * @result: (nullable): what the probe saw before it failed
 * @refused: (nullable): the certificate a TLS probe refused
 *
 * Returns: (nullable): what to check after the probe failed with @error.
 */
const char *
sc_sip_probe_error_advice (const GError               *error,
                           const ScSipProbeResult     *result,
                           const ScSipCertificateInfo *refused)
{
  if (error == NULL || error->domain != SC_SIP_PROBE_ERROR)
    return NULL;
  if (error->code == SC_SIP_PROBE_ERROR_TIMEOUT && result != NULL && heard_from_server (result))
    return _("The server answered, but no final response came within the time limit: the callee did not pick up, "
             "or the server waits longer than the limit. Raise the time limit, or check the callee and its "
             "forwarding rules.");
  switch ((ScSipProbeError) error->code)
    {
    case SC_SIP_PROBE_ERROR_USAGE:
      return _("Change what the message names, then send again.");
    case SC_SIP_PROBE_ERROR_RESOLVE:
      return _("Check the spelling of the host, or use its IP address. DNS must have an A/AAAA record, or SRV records for _sip._udp, _sip._tcp or _sips._tcp.");
    case SC_SIP_PROBE_ERROR_UNREACHABLE:
      return _("Nothing listens at that address and port over this transport. Check the port (5060, or 5061 for TLS), the transport the server accepts, and firewalls in between.");
    case SC_SIP_PROBE_ERROR_TIMEOUT:
      return _("The request left but no final response came back. Check the address and port, whether the server accepts this transport, firewalls and NAT on the way, and whether the server silently drops requests from unknown sources (a common anti-scanning setting).");
    case SC_SIP_PROBE_ERROR_UNSUPPORTED:
      return _("Choose UDP, TCP or TLS.");
    case SC_SIP_PROBE_ERROR_MALFORMED:
      return _("The server broke the SIP framing (for example an endless header or a wrong Content-Length). The raw messages show what arrived.");
    case SC_SIP_PROBE_ERROR_CERTIFICATE:
      return certificate_advice (refused);
    case SC_SIP_PROBE_ERROR_TLS:
      return _("The server and the probe agreed on no TLS session. The probe speaks TLS 1.2 and 1.3 with forward "
               "secrecy only: check that the server is not limited to TLS 1.0/1.1 or to static-RSA or SHA-1 cipher "
               "suites, and that it speaks TLS on this port at all.");
    default:
      return NULL;
    }
}
