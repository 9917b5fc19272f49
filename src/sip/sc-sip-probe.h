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
  SC_SIP_PROBE_ERROR_TIMEOUT,      /* no final response in time; the message says which limit */
  SC_SIP_PROBE_ERROR_UNSUPPORTED,  /* a transport the probe does not speak */
  SC_SIP_PROBE_ERROR_MALFORMED,    /* the peer broke a stream with a malformed or endless message */
  SC_SIP_PROBE_ERROR_CERTIFICATE,  /* TLS: the server's certificate is not trusted; the message says why */
  SC_SIP_PROBE_ERROR_TLS,          /* TLS: no session (no shared version or cipher suite, an alert) */
} ScSipProbeError;

GQuark sc_sip_probe_error_quark (void);

typedef struct _ScSipProbeEvent ScSipProbeEvent;

/* What the probe knows about a message beyond its bytes. */
typedef enum {
  SC_SIP_PROBE_NOTE_NONE,
  SC_SIP_PROBE_NOTE_CHALLENGE,             /* a 401/407 the probe answers with credentials */
  SC_SIP_PROBE_NOTE_CREDENTIALS_REJECTED,  /* a 401/407 to credentials already sent for that
                                            * realm: the user, password or realm is wrong */
  SC_SIP_PROBE_NOTE_STRAY,                 /* received, but for none of the probe's requests */
} ScSipProbeNote;

/* INVITE: what became of the call the probe started. */
typedef enum {
  SC_SIP_PROBE_CALL_NONE,                  /* no call: another method, or it never rang */
  SC_SIP_PROBE_CALL_HUNG_UP,               /* answered, ACKed, and the BYE was answered 2xx */
  SC_SIP_PROBE_CALL_HANG_UP_FAILED,        /* answered, but the BYE was refused: it may still be up */
  SC_SIP_PROBE_CALL_HANG_UP_UNANSWERED,    /* answered, but nothing answered the BYE */
  SC_SIP_PROBE_CALL_CANCELLED,             /* ringing; CANCEL sent, and the INVITE ended */
  SC_SIP_PROBE_CALL_CANCEL_UNANSWERED,     /* ringing; CANCEL sent, but no final response came */
} ScSipProbeCall;

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
  guint               timeout_ms;  /* the whole exchange, 1xx included; 0: 32 s. An INVITE still
                                    * ringing then is cancelled */
  const char         *aor;         /* nullable: REGISTER's address of record (To and From);
                                    * default: the target's user at its host, or username there */
  guint               expires;     /* REGISTER: how long the binding lasts; 0: 60 s */
  gboolean            unregister;  /* REGISTER: "Expires: 0" and "Contact: *", which removes every
                                    * binding of the address of record (RFC 3261 §10.2.2) */
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
  gboolean       outgoing;
  gboolean       retransmission;
  gint64         t_us;               /* since the probe started */
  GBytes        *bytes;              /* as on the wire */
  guint          status;             /* an incoming response's code; 0 otherwise */
  char          *method;             /* a request's method, or the one a response answers (its
                                      * CSeq); NULL for what does not parse */
  char          *remote;             /* where it went or came from: "udp 127.0.0.1:5060" */
  char          *local;              /* the probe's own end: "127.0.0.1:40000", "[::1]:40000"; NULL before a socket */
  gint64         time_us;            /* wall clock, for a capture of the exchange */
  ScSipProbeNote note;
};

typedef struct {
  GPtrArray     *events;             /* of ScSipProbeEvent: everything, even before a failure */
  char          *method;             /* the user's request */
  guint          status;             /* its final response; 0 when none came */
  char          *reason;
  gint64         rtt_us;             /* from the first send to the final response */
  guint          retransmissions;
  guint          auth_attempts;
  gboolean       credentials_rejected; /* the final 401/407 refused the credentials sent */
  char          *remote;             /* "udp 127.0.0.1:5060", "tcp [::1]:5060"; NULL before any */
  ScSipProbeCall call;
  guint          follow_up_status;   /* the final response to the BYE or CANCEL; 0 when none */
  guint          not_kept;           /* messages received past the limits below and only counted */
  guint64        not_kept_bytes;
} ScSipProbeResult;

/* What a probe keeps of what a peer sends: beyond these, messages are counted, not kept (its
 * requests and the final responses to them always are). */
#define SC_SIP_PROBE_MAX_EVENTS     200
#define SC_SIP_PROBE_MAX_KEPT_BYTES (1024 * 1024)

/* Whether the probe can take @target with @transport (nullable), as the user types it; @host
 * (nullable) gets the host it names, lower case: the key a trusted certificate is kept under. */
gboolean          sc_sip_probe_check_target (const char  *target,
                                             const char  *transport,
                                             char       **host,
                                             GError     **error);

char             *sc_sip_probe_address_of_record (const char  *target,
                                                  const char  *transport,
                                                  const char  *aor,
                                                  const char  *username,
                                                  GError     **error);

void              sc_sip_probe_run_async  (const ScSipProbeOptions *options,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
/* Returns what happened even when @error is set: every message seen before the failure. */
ScSipProbeResult *sc_sip_probe_run_finish (GAsyncResult            *result,
                                           GError                 **error);
/* ScSipCertificateInfo (sc-sip-tls.h): the certificate a TLS probe refused. */
ScSipCertificateInfo *sc_sip_probe_get_rejected_certificate (GAsyncResult *result);

void              sc_sip_probe_result_free (ScSipProbeResult       *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSipProbeResult, sc_sip_probe_result_free)

G_END_DECLS
