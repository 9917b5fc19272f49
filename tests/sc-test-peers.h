/* Real SIP implementations from Debian that we do not configure to agree with us, started per
 * test on free loopback ports: ejabberd's SIP module (a strict registrar and an authenticating
 * proxy that also challenges in-dialog requests) and baresip (a softphone that answers). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char        *dir;
  char        *ip;
  guint        port;
} ScTestPeer;

/* ejabberd with users alice/secret and bob/bobpw in the domain "127.0.0.1" (its SIP stack
 * cannot parse IPv6 addresses, so IPv4 only). */
ScTestPeer *sc_test_ejabberd_start (void);
/* baresip answering calls for bob on @ip; with @registrar (nullable) it registers bob/bobpw
 * there first. @answer: "auto" answers at once, "manual" rings until cancelled. */
ScTestPeer *sc_test_baresip_start  (const char       *ip,
                                    const char       *answer,
                                    const ScTestPeer *registrar);
void        sc_test_peer_stop      (ScTestPeer       *peer);
char       *sc_test_peer_uri       (const ScTestPeer *peer,
                                    const char       *user);

G_END_DECLS
