#pragma once

#include "sc-capture-packet.h"

G_BEGIN_DECLS

/* IP fragments (IPv4, and IPv6's fragment header) put back together, in any order, with
 * duplicates and overlaps (the later copy wins). Memory is bounded: at most
 * SC_CAPTURE_IP_MAX_PENDING datagrams wait, each for at most SC_CAPTURE_IP_TIMEOUT_US of
 * capture time (Linux's ipfrag_time), and none grows past the largest IP datagram. */
#define SC_CAPTURE_IP_MAX_PENDING 1024
#define SC_CAPTURE_IP_TIMEOUT_US  (30 * G_USEC_PER_SEC)
#define SC_CAPTURE_IP_MAX_DATAGRAM 65535

typedef struct _ScCaptureIpReassembly ScCaptureIpReassembly;

ScCaptureIpReassembly *sc_capture_ip_reassembly_new         (void);
void                   sc_capture_ip_reassembly_free        (ScCaptureIpReassembly *self);
GBytes                *sc_capture_ip_reassembly_add         (ScCaptureIpReassembly *self,
                                                             const ScCaptureIp     *fragment,
                                                             gint64                 time_us);
guint                  sc_capture_ip_reassembly_get_pending (ScCaptureIpReassembly *self);
guint64                sc_capture_ip_reassembly_get_expired (ScCaptureIpReassembly *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCaptureIpReassembly, sc_capture_ip_reassembly_free)

G_END_DECLS
