#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the user asked the probe to reach: the Request-URI and what it says about where the
 * request goes. What it leaves open is for RFC 3263 location to decide. */
typedef struct {
  char     *request_uri;   /* as it goes on the request line */
  char     *host;          /* the URI's host, without brackets */
  char     *user;          /* the URI's user part as sent (escapes kept), or NULL */
  char     *domain_uri;    /* the Request-URI without "user@": what REGISTER is sent to */
  guint     uri_port;      /* 0: none in the URI */
  gboolean  sips;
  int       transport;     /* an ScSipTransportKind the user or URI chose, or -1 */
} ScSipProbeTarget;

gboolean sc_sip_probe_target_parse (const char        *target,
                                    const char        *transport_option,
                                    ScSipProbeTarget  *out,
                                    GError           **error);
void     sc_sip_probe_target_clear (ScSipProbeTarget  *target);

G_END_DECLS
