#pragma once

#include <gio/gio.h>

#include "sc-capture-address.h"
#include "sc-sip-message.h"

G_BEGIN_DECLS

typedef enum {
  SC_CAPTURE_TRANSPORT_UDP,
  SC_CAPTURE_TRANSPORT_TCP,
  SC_CAPTURE_TRANSPORT_TLS,   /* recognised, never decrypted: counted, not delivered */
  SC_CAPTURE_TRANSPORT_HEP,   /* HEP v3 (Homer): the addresses and time are the inner ones */
} ScCaptureTransport;

typedef struct _ScCaptureMessage ScCaptureMessage;

/* One SIP message found in a capture: parsed, or with the parser's error (never dropped). */
struct _ScCaptureMessage
{
  /*< private >*/
  gint               ref_count;
  ScSipFraming       framing;      /* how to parse bytes */
  /*< public, read-only >*/
  guint64            frame;        /* 1-based number of the frame that completed the message */
  gint64             time_us;      /* microseconds since the Unix epoch (for HEP: the inner time) */
  ScCaptureTransport transport;
  GSocketFamily      family;       /* G_SOCKET_FAMILY_IPV4 or _IPV6 */
  char               source[SC_CAPTURE_ADDRESS_LEN];       /* printable: "192.0.2.1", "2001:db8::1" */
  char               destination[SC_CAPTURE_ADDRESS_LEN];
  guint16            source_port;
  guint16            destination_port;
  GBytes            *bytes;        /* the message as it was on the wire */
  ScSipMessage      *sip;          /* NULL when it did not parse ... */
  GError            *error;        /* ... and then this says why (SC_SIP_ERROR) */
};

GType             sc_capture_message_get_type       (void) G_GNUC_CONST;
const char       *sc_capture_transport_to_string    (ScCaptureTransport transport);
char             *sc_capture_message_dup_source     (const ScCaptureMessage *message);
char             *sc_capture_message_dup_destination (const ScCaptureMessage *message);
ScCaptureMessage *sc_capture_message_ref            (ScCaptureMessage  *message);
void              sc_capture_message_unref          (ScCaptureMessage  *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCaptureMessage, sc_capture_message_unref)

G_END_DECLS
