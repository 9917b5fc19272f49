/* libFuzzer target: what the probe builds from a response it received. The ACK for a final
 * response, the ACK and BYE inside the dialog a 2xx sets up, and a request carrying the
 * answer to a challenge must each parse again, with no line break the server smuggled in. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sc-sip-digest.h"
#include "sc-sip-message.h"
#include "sc-sip-request.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A request the probe sends: it parses, and every line ends with CRLF (no bare CR or LF). */
static void
check_sent (GBytes *wire)
{
  gsize len;
  const char *text = g_bytes_get_data (wire, &len);
  ScSipMessage *msg = sc_sip_message_parse (wire, SC_SIP_FRAMING_DATAGRAM, NULL);

  if (msg == NULL || !msg->is_request)
    __builtin_trap ();
  for (gsize i = 0; i < len && text + i < msg->body.p; i++)
    if ((text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n')) || (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')))
      __builtin_trap ();
  sc_sip_message_unref (msg);
}

static ScSipRequest *
invite (void)
{
  ScSipRequest *request = sc_sip_request_new ("INVITE", "sip:uas@127.0.0.1:5060", NULL);

  sc_sip_request_set_via (request, "UDP", "127.0.0.1", 40000);
  sc_sip_request_set_from (request, "sip:alice@127.0.0.1", "SIP Codes probe");
  sc_sip_request_set_contact (request, "sip:alice@127.0.0.1:40000;transport=udp");
  return request;
}

static void
follow_up (ScSipRequest       *request,
           const ScSipMessage *response,
           const char         *method)
{
  ScSipRequest *next = sc_sip_request_new_in_dialog (request, response, method, NULL);
  GBytes *wire;

  if (next == NULL)
    return;   /* refused with a reason: fine */
  wire = sc_sip_request_serialize (next);
  check_sent (wire);
  g_bytes_unref (wire);
  sc_sip_request_free (next);
}

static void
answer_challenge (ScSipRequest       *request,
                  const ScSipMessage *response)
{
  ScSipDigestChallenge *challenge = sc_sip_digest_challenge_pick (response, NULL);
  char *authorization;
  GBytes *wire;

  if (challenge == NULL)
    return;
  authorization = sc_sip_digest_authorization (challenge, "alice", "secret", "INVITE", "sip:uas@127.0.0.1:5060", 1,
                                               NULL);
  sc_sip_request_set_authorization (request, challenge->proxy, challenge->realm, authorization);
  wire = sc_sip_request_serialize (request);
  check_sent (wire);
  g_bytes_unref (wire);
  g_free (authorization);
  sc_sip_digest_challenge_free (challenge);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GBytes *bytes = g_bytes_new (data, size);
  ScSipMessage *response = sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, NULL);
  ScSipRequest *request;

  g_bytes_unref (bytes);
  if (response == NULL || response->is_request)
    {
      g_clear_pointer (&response, sc_sip_message_unref);
      return 0;
    }
  request = invite ();
  if (response->status >= 300)
    {
      GBytes *ack = sc_sip_request_ack_for (request, response);
      check_sent (ack);
      g_bytes_unref (ack);
      answer_challenge (request, response);
    }
  else if (response->status >= 200)
    {
      follow_up (request, response, "ACK");
      follow_up (request, response, "BYE");
    }
  sc_sip_request_free (request);
  sc_sip_message_unref (response);
  return 0;
}
