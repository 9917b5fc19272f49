#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_CAPTURE_ERROR (sc_capture_error_quark ())

/* A missing or unreadable file is a G_IO_ERROR (from errno); these are what libpcap and the
 * reader find in a file that opens. */
typedef enum {
  SC_CAPTURE_ERROR_EMPTY,        /* zero bytes */
  SC_CAPTURE_ERROR_NOT_CAPTURE,  /* not pcap nor pcapng (libpcap: unknown file format) */
  SC_CAPTURE_ERROR_TRUNCATED,    /* the file ends inside a header or a packet */
  SC_CAPTURE_ERROR_LINK_TYPE,    /* a link layer the reader does not decode */
  SC_CAPTURE_ERROR_READ,         /* any other error libpcap reports while reading */
  SC_CAPTURE_ERROR_WRITE,        /* a capture could not be written */
} ScCaptureError;

GQuark sc_capture_error_quark (void);

G_END_DECLS
