#pragma once

#include <gio/gio.h>

#include "sc-sip-identity-signer.h"
#include "sc-sip-tls.h"

G_BEGIN_DECLS

#define SC_SIP_PROBE_ERROR (sc_sip_probe_error_quark ())

typedef enum {
  SC_SIP_PROBE_ERROR_USAGE,        /* a target or option that cannot work */
  SC_SIP_PROBE_ERROR_RESOLVE,      /* the host name has no address */
  SC_SIP_PROBE_ERROR_UNREACHABLE,  /* nothing answers at the transport level */
  SC_SIP_PROBE_ERROR_TIMEOUT,      /* no final response in time; the message names the timer */
  SC_SIP_PROBE_ERROR_UNSUPPORTED,  /* a transport the probe does not speak */
  SC_SIP_PROBE_ERROR_MALFORMED,    /* the peer broke a stream with a malformed or endless message */
  SC_SIP_PROBE_ERROR_CERTIFICATE,  /* TLS: the server's certificate is not trusted; the message says why */
} ScSipProbeError;

GQuark sc_sip_probe_error_quark (void);

typedef struct _ScSipProbeEvent ScSipProbeEvent;

/* Called for each message as it is sent or received, before the probe ends. */
typedef void (*ScSipProbeEventFunc) (const ScSipProbeEvent *event,
                                     gpointer               user_data);

typedef struct {
  const char         *target;      /* "sip:host[:port][;transport=tcp]", "sips:host", "host[:port]" */
  const char         *transport;   /* nullable: "udp" (default), "tcp" or "tls"; wins over the URI's */
  const char         *method;      /* OPTIONS, REGISTER, MESSAGE, … */
  const char         *username;    /* nullable */
  const char         *password;    /* nullable; used for digest only, never recorded */
  const char * const *headers;     /* nullable; "Name: value" */
  GBytes             *body;        /* nullable */
  const char         *content_type;
  guint               timeout_ms;  /* 0: only the transaction's own timers */
  const char         *ca_file;     /* nullable: TLS trusts this PEM bundle instead of the system's */
  gboolean            accept_any_certificate; /* TLS: the user has said to take any certificate */
  const char         *pinned_certificate; /* nullable: TLS: the SHA-256 fingerprint ("AB:CD:…") of a
                                           * certificate the user trusts for this server, whatever
                                           * else is wrong with it */
  ScSipIdentitySigner *identity;   /* nullable: asked for an Identity header for every request
                                    * sent with the method (the first one and the one with
                                    * credentials, never ACK, CANCEL or BYE); a Date header is
                                    * then sent too, and both replace any given in headers */
  ScSipProbeEventFunc on_event;    /* nullable: the exchange as it happens */
  gpointer            event_data;
} ScSipProbeOptions;

struct _ScSipProbeEvent {
  gboolean outgoing;
  gboolean retransmission;
  gint64   t_us;                     /* since the probe started */
  GBytes  *bytes;                    /* as on the wire */
  guint    status;                   /* an incoming response's code; 0 otherwise */
};

typedef struct {
  GPtrArray *events;                 /* of ScSipProbeEvent */
  guint      status;                 /* the final response */
  char      *reason;
  gint64     rtt_us;                 /* from the first send to the final response */
  guint      retransmissions;
  guint      auth_attempts;
  char      *remote;                 /* "udp 127.0.0.1:5060", "tcp [::1]:5060" */
} ScSipProbeResult;

/* Whether the probe can take @target with @transport (nullable), as the user types it; @host
 * (nullable) gets the host it names, lower case: the key a trusted certificate is kept under. */
gboolean          sc_sip_probe_check_target (const char  *target,
                                             const char  *transport,
                                             char       **host,
                                             GError     **error);

void              sc_sip_probe_run_async  (const ScSipProbeOptions *options,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
ScSipProbeResult *sc_sip_probe_run_finish (GAsyncResult            *result,
                                           GError                 **error);
/* ScSipCertificateInfo (sc-sip-tls.h): the certificate a TLS probe refused. */
ScSipCertificateInfo *sc_sip_probe_get_rejected_certificate (GAsyncResult *result);

void              sc_sip_probe_result_free (ScSipProbeResult       *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSipProbeResult, sc_sip_probe_result_free)

G_END_DECLS
