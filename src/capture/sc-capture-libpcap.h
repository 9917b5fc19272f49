#pragma once

#include <pcap/pcap.h>

#include <glib.h>

G_BEGIN_DECLS

/* libpcap's functions, found when a capture is first read or written rather than when the
 * program starts: the app's window comes up without loading libpcap and what it loads. */
typedef struct
{
  __typeof__ (pcap_close)                               *close;
  __typeof__ (pcap_datalink)                            *datalink;
  __typeof__ (pcap_datalink_val_to_description)         *datalink_val_to_description;
  __typeof__ (pcap_datalink_val_to_name)                *datalink_val_to_name;
  __typeof__ (pcap_dump)                                *dump;
  __typeof__ (pcap_dump_close)                          *dump_close;
  __typeof__ (pcap_dump_flush)                          *dump_flush;
  __typeof__ (pcap_dump_open)                           *dump_open;
  __typeof__ (pcap_file)                                *file;
  __typeof__ (pcap_fopen_offline_with_tstamp_precision) *fopen_offline_with_tstamp_precision;
  __typeof__ (pcap_geterr)                              *geterr;
  __typeof__ (pcap_next_ex)                             *next_ex;
  __typeof__ (pcap_open_dead)                           *open_dead;
} ScCaptureLibpcap;

const ScCaptureLibpcap *sc_capture_libpcap_get (GError **error);

G_END_DECLS
