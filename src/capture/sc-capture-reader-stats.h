#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a reader has met so far; complete once sc_capture_reader_next() has returned NULL. */
typedef struct {
  guint64 packets;              /* frames read from the file */
  guint64 truncated;            /* frames cut short by the snapshot length (caplen < len) */
  guint64 unreadable;           /* frames whose link, IP, UDP or TCP header is broken */
  guint64 not_sip;              /* frames (or HEP payloads) without SIP: other protocols, other UDP */
  guint64 keepalives;           /* CRLF keep-alives (RFC 5626 §3.5.1): ignored */
  guint64 sip_messages;         /* messages delivered, parsed or not */
  guint64 sip_errors;           /* ... of which the parser refused (delivered with the error) */
  guint64 fragments;            /* IP fragments read */
  guint   fragments_pending;    /* datagrams still waiting for a fragment */
  guint64 fragments_expired;    /* datagrams given up: timed out, or too many pending */
  guint64 hep_packets;          /* HEP v3 packets decoded */
  guint64 tcp_streams;          /* TCP streams with data, one per direction of a connection */
  guint64 tcp_not_sip;          /* ... skipped: not SIP */
  guint64 tcp_unframeable;      /* ... skipped: a message without Content-Length, or too large */
  guint64 tcp_overflow;         /* ... skipped: over the reader's buffering limits */
  guint64 tcp_gaps;             /* holes given up on (segments never captured) */
  guint64 tls_streams;          /* TLS (port 5061 or a TLS record): counted, not readable */
} ScCaptureReaderStats;

G_END_DECLS
