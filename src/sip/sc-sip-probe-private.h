#pragma once

/* What the probe's files share: one run's state, how it ends, and how it sends.
 *   sc-sip-probe.c          the run: target, location, each address in turn, time limit,
 *                           cancellation, the result
 *   sc-sip-probe-request.c  the user's request: building it (REGISTER's address of record
 *                           included), sending it, its responses and digest challenges
 *   sc-sip-probe-dialog.c   what follows an INVITE: ACK and BYE of an answered call, CANCEL of
 *                           a ringing one */

#include "sc-sip-digest.h"
#include "sc-sip-probe.h"
#include "sc-sip-probe-target.h"
#include "sc-sip-request.h"
#include "sc-sip-transaction.h"
#include "sc-sip-transport.h"

G_BEGIN_DECLS

/* After CANCEL (the user's, or the time limit's), how long the 487 is waited for: the user
 * is waiting, and RFC 3261 §9.1 lets a client give up on it. */
#define SC_SIP_PROBE_CANCEL_GRACE_MS 4000
/* The limit when the caller sets none: a non-INVITE transaction's own (Timer F, 64·T1). */
#define SC_SIP_PROBE_DEFAULT_TIMEOUT_MS (64 * SC_SIP_T1)

/* A request the probe sends in a transaction of its own, with the challenges it answered. */
typedef struct {
  ScSipRequest     *request;
  ScSipTransaction *transaction;
  GPtrArray        *answered;         /* "401 realm" / "407 realm": credentials sent for these */
  guint             auth_attempts;
} ProbeRequest;

typedef struct {
  GTask            *task;              /* weak: the task owns this run */
  char             *method;
  ScSipProbeTarget  target;
  char             *aor;               /* REGISTER: the address of record (To and From) */
  gint              expires;           /* REGISTER: the Expires asked for; -1 for none */
  guint             port;
  gboolean          tcp;               /* a stream: TCP, or TLS when tls is set too */
  gboolean          tls;
  char             *next_hop;          /* what A/AAAA is asked for: the host, or an SRV target */
  GList            *addresses;         /* of GInetAddress: each is tried in turn (RFC 3263 §4.3) */
  GList            *address;           /* the one in use */
  gboolean          heard;             /* something came back from this address */
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
  gsize             kept_bytes;        /* of the events recorded */
  gint64            sent_us;           /* when the message being sent was handed over */
  gint64            received_us;       /* when the message being handled arrived */
  ScSipTransport   *transport;
  ProbeRequest      main;              /* the user's request */
  ProbeRequest      follow_up;         /* INVITE: the BYE after a 2xx, or the CANCEL */
  ScSipDigestChallenge *challenge;     /* the main request's challenge to answer next */
  gboolean          invite;
  gboolean          provisional;       /* INVITE: a 1xx arrived, so CANCEL may be sent */
  gboolean          cancelling;        /* the user cancelled, or the time limit ran out */
  gboolean          timed_out;         /* the time limit ran out before a final response */
  GBytes           *ack_2xx;           /* INVITE: the ACK for the 2xx, resent on its retransmissions */
  GBytes           *body;
  char             *content_type;
  guint             grace_id;          /* after CANCEL: how long the 487 is waited for */
  guint             cancel_id;
  ScSipProbeResult *result;
  ScSipProbeEventFunc on_event;
  gpointer          event_data;
  GError           *error;
  guint             failover_id;
  guint             finish_id;
  guint             retry_id;
  guint             timeout_id;
  gulong            cancelled_id;
  gboolean          done;
} ProbeRun;

void     sc_sip_probe_finish       (ProbeRun           *run,
                                    GError             *error);
void     sc_sip_probe_finish_timed_out (ProbeRun       *run);
guint    sc_sip_probe_defer        (GSourceFunc         function,
                                    gpointer            data);
void     sc_sip_probe_on_send      (GBytes             *bytes,
                                    gboolean            retransmission,
                                    gpointer            data);
void     sc_sip_probe_record       (ProbeRun           *run,
                                    gboolean            outgoing,
                                    gboolean            retransmission,
                                    GBytes             *bytes,
                                    const ScSipMessage *msg,
                                    ScSipProbeNote      note);
void     sc_sip_probe_on_transport_failed (const GError *error,
                                           gpointer      data);
void     sc_sip_probe_address_failed (ProbeRun         *run,
                                      GError           *error);

/* sc-sip-probe-request.c */
gboolean sc_sip_probe_build_request (ProbeRun                *run,
                                     const ScSipProbeOptions *options,
                                     GError                 **error);
void     sc_sip_probe_attach       (ProbeRun           *run,
                                    ScSipTransport     *transport);
void     sc_sip_probe_on_datagram  (GBytes             *datagram,
                                    gint64              received_us,
                                    gpointer            data);
void     sc_sip_probe_request_clear (ProbeRequest      *request);
ScSipProbeNote sc_sip_probe_receive (ProbeRun     *run,
                                     ProbeRequest *request,
                                     ScSipMessage *msg,
                                     GBytes       *datagram,
                                     gboolean      answerable);
void     sc_sip_probe_answer_challenge (ProbeRun       *run,
                                        ProbeRequest   *request);
void     sc_sip_probe_start_transaction (ProbeRun       *run,
                                         ProbeRequest   *request,
                                         const ScSipTransactionCallbacks *callbacks);

/* sc-sip-probe-dialog.c */
void     sc_sip_probe_hang_up      (ProbeRun           *run,
                                    const ScSipMessage *response);
void     sc_sip_probe_send_cancel  (ProbeRun           *run);
void     sc_sip_probe_start_grace  (ProbeRun           *run);
void     sc_sip_probe_follow_up_receive (ProbeRun     *run,
                                         ScSipMessage *msg,
                                         GBytes       *datagram);

G_END_DECLS
