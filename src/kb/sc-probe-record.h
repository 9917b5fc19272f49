#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One probe as the history keeps it: what was asked, so that the form can be filled again,
 * and how it ended. Never the password. */
typedef struct {
  gint64  id;            /* assigned by the store */
  gint64  started_at;    /* Unix time, seconds */
  char   *target;
  char   *transport;     /* "auto", "udp", "tcp" or "tls" */
  char   *method;
  char   *username;      /* nullable */
  GStrv   headers;       /* nullable: "Name: value" lines as typed; the form's Identity row
                          * is the last "Identity:" line */
  char   *body;          /* nullable */
  char   *content_type;  /* nullable */
  guint   timeout_ms;
  char   *aor;           /* nullable: REGISTER's address of record, as typed */
  guint   expires;       /* REGISTER: the binding's lifetime; 0 for the default */
  gboolean unregister;   /* REGISTER: remove every binding instead */
  char   *sign_key;      /* nullable: the path of the P-256 key that signs each request; the key
                          * itself is never copied (the rest of sign_* only count with it) */
  char   *sign_x5u;      /* the certificate's https:// URL */
  char   *sign_attest;   /* "A", "B" or "C" */
  char   *sign_orig;     /* nullable: the calling number; else P-Asserted-Identity's or From's */
  char   *sign_dest;     /* nullable: the called number; else To's */
  guint   status;        /* the final response; 0 when there was none */
  char   *outcome;       /* the reason phrase, or why the probe failed */
  gint64  rtt_us;        /* -1 without a final response */
} ScProbeRecord;

ScProbeRecord *sc_probe_record_new  (void);
const char    *sc_probe_record_identity_value (const char *header_line);
void           sc_probe_record_free (ScProbeRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScProbeRecord, sc_probe_record_free)

/* A certificate the user chose to trust for one server although it does not verify. */
typedef struct {
  char   *server;       /* "host:port" */
  char   *fingerprint;  /* SHA-256, "AB:CD:…" */
  char   *subject;
  gint64  added_at;     /* Unix time, seconds */
} ScTrustedCertificate;

void sc_trusted_certificate_free (ScTrustedCertificate *trusted);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTrustedCertificate, sc_trusted_certificate_free)

G_END_DECLS
