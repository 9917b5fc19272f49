#pragma once

/* What the probe's files share (sc-sip-probe.c, sc-sip-probe-second.c): one run's state, how
 * it ends, and how it sends. */

#include "sc-sip-digest.h"
#include "sc-sip-probe.h"
#include "sc-sip-probe-target.h"
#include "sc-sip-request.h"
#include "sc-sip-transaction.h"
#include "sc-sip-transport.h"

G_BEGIN_DECLS

typedef struct {
  GTask            *task;              /* weak: the task owns this run */
  char             *method;
  ScSipProbeTarget  target;
  guint             port;
  gboolean          tcp;               /* a stream: TCP, or TLS when tls is set too */
  gboolean          tls;
  char             *next_hop;          /* what A/AAAA is asked for: the host, or an SRV target */
  char             *ca_file;
  gboolean          accept_any_certificate;
  char             *pinned_certificate;  /* normalized SHA-256, or NULL */
  ScSipCertificateInfo *refused;       /* the certificate that failed the probe */
  ScSipIdentitySigner *identity;       /* nullable */
  char             *username;
  char             *password;
  GStrv             headers;
  guint             timeout_ms;
  gint64            start_us;
  gint64            first_send_us;
  ScSipTransport   *transport;
  ScSipRequest     *request;
  ScSipTransaction *transaction;
  ScSipDigestChallenge *challenge;     /* a challenge to answer with the next request */
  gboolean          invite;
  gboolean          provisional;       /* INVITE: a 1xx arrived, so CANCEL may be sent */
  gboolean          cancelling;
  GBytes           *ack_2xx;           /* INVITE: the ACK for the 2xx, resent on its retransmissions */
  ScSipRequest     *second_request;    /* INVITE: the BYE after a 2xx, or the CANCEL */
  ScSipTransaction *second_transaction;
  GBytes           *body;
  char             *content_type;
  guint             guard_id;
  guint             cancel_idle_id;
  ScSipProbeResult *result;
  ScSipProbeEventFunc on_event;
  gpointer          event_data;
  GError           *error;
  guint             finish_idle;
  guint             retry_idle;
  guint             timeout_id;
  gulong            cancelled_id;
  gboolean          done;
} ProbeRun;

void sc_sip_probe_finish  (ProbeRun *run,
                           GError   *error);
void sc_sip_probe_on_send (GBytes   *bytes,
                           gboolean  retransmission,
                           gpointer  data);

G_END_DECLS
