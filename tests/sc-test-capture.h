#pragma once

#include <gio/gio.h>

#include "sc-capture-reader.h"

G_BEGIN_DECLS

/* Captures built by the tests themselves: packets assembled layer by layer, written as pcap
 * with libpcap's own writer, or as pcapng block by block (libpcap 1.10 writes no pcapng). */

GBytes *sc_test_udp          (guint16 source_port, guint16 destination_port, const void *payload, gsize len);
GBytes *sc_test_tcp          (guint16 source_port, guint16 destination_port, guint32 seq, guint8 flags,
                              const void *payload, gsize len);
/* flags_offset: the IPv4 flags and fragment offset field as on the wire (0x2000: more). */
GBytes *sc_test_ipv4         (const char *source, const char *destination, guint8 protocol, guint16 id,
                              guint16 flags_offset, GBytes *payload);
/* extensions: hop-by-hop and destination options headers before the payload; fragment: an
 * IPv6 fragment header with this offset (bytes) and more flag when fragment_id != 0. */
GBytes *sc_test_ipv6         (const char *source, const char *destination, guint8 protocol, gboolean extensions,
                              guint32 fragment_id, guint fragment_offset, gboolean more, GBytes *payload);
/* The link layers take @ip. */
GBytes *sc_test_ethernet     (GBytes *ip, guint vlan_tags);
GBytes *sc_test_sll          (GBytes *ip);
GBytes *sc_test_sll2         (GBytes *ip);
GBytes *sc_test_loopback     (GBytes *ip, gboolean network_order);
GBytes *sc_test_hep3         (const char *source, guint16 source_port, const char *destination,
                              guint16 destination_port, guint32 seconds, guint32 microseconds, const char *sip);

typedef struct _ScTestCapture ScTestCapture;

ScTestCapture *sc_test_capture_new        (int link_type);
void           sc_test_capture_free       (ScTestCapture *capture);
/* Takes @frame. caplen: 0 for the whole frame, else what the snapshot kept. interface: pcapng only. */
void           sc_test_capture_add        (ScTestCapture *capture, gint64 time_us, GBytes *frame,
                                           guint caplen, guint interface);
char          *sc_test_capture_write_pcap (ScTestCapture *capture, const char *name);
char          *sc_test_capture_write_pcapng (ScTestCapture *capture, const char *name,
                                             const int *link_types, guint n_interfaces);
const char    *sc_test_capture_dir        (void);
void           sc_test_capture_cleanup    (void);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTestCapture, sc_test_capture_free)

#define SC_TEST_T0 G_GINT64_CONSTANT (1700000000000000)  /* microseconds: 2023-11-14 */

/* A request or response framed by Content-Length, with a body of @body_len bytes. */
char      *sc_test_sip_message      (const char *start_line, const char *call_id, guint cseq, gsize body_len);
char      *sc_test_invite           (const char *call_id, gsize body_len);
/* Every message of @path, asserting that no error stopped the reading. */
GPtrArray *sc_test_read_all         (const char *path, ScCaptureReaderStats *stats);
void       sc_test_assert_bytes     (const ScCaptureMessage *message, const char *text);
void       sc_test_assert_parsed    (const ScCaptureMessage *message, const char *text);
void       sc_test_assert_endpoints (const ScCaptureMessage *message, const char *source, guint source_port,
                                     const char *destination, guint destination_port);

/* Three calls (answered; 486 with Reason Q.850 cause 17; 503 with Retry-After and a Warning whose
 * text holds an escape sequence), a REGISTER challenged then accepted, an OPTIONS ping never
 * answered, and a message that does not parse (frame 20). */
char      *sc_test_capture_write_calls (void);

/* tcpdump on lo with @filter, listening when this returns; NULL, the test skipped, without
 * tcpdump or the right to capture. Stop it with SIGINT and wait, so that it flushes. */
GSubprocess *sc_test_start_tcpdump (const char *path,
                                    const char *filter);

G_END_DECLS
