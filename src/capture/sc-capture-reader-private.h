#pragma once

#include <pcap/pcap.h>

#include "sc-capture-libpcap.h"

#include "sc-capture-ip-reassembly.h"
#include "sc-capture-parse-queue.h"
#include "sc-capture-reader.h"

G_BEGIN_DECLS

struct _ScCaptureReader
{
  GObject                parent_instance;
  const ScCaptureLibpcap *libpcap;
  pcap_t                *pcap;
  char                  *name;          /* for messages: the file's display name */
  char                  *file_buffer;   /* the FILE's stdio buffer when the reader opened it */
  int                    link_type;
  ScCaptureReaderStats   stats;
  ScCaptureIpReassembly *fragments;
  GHashTable            *streams;       /* ScCaptureEndpoints → StreamEntry (sc-capture-reader-frames.c) */
  gsize                  tcp_buffered;  /* bytes all streams hold */
  gint64                 last_sweep_us;
  ScCaptureParseQueue   *ready;         /* messages found, parsed on their way out */
  gboolean               batch_sent;    /* a message pushed since the last look filled a batch */
  GError                *read_error;    /* reported after the messages found before it */
  gboolean               done;
};

/* sc-capture-reader-frames.c: from one frame to the messages it completes (into ready). */
GHashTable *sc_capture_reader_streams_new    (void);
void        sc_capture_reader_read_frame     (ScCaptureReader           *self,
                                              const struct pcap_pkthdr  *header,
                                              const guint8              *data);
void        sc_capture_reader_finish_streams (ScCaptureReader           *self);

G_END_DECLS
