/* Kamailio, started per test from tests/kamailio/kamailio.cfg on free ports of 127.0.0.1 or
 * ::1, optionally with TLS and a certificate made here by openssl. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char        *rundir;
  guint        port;
  guint        tls_port;    /* 0 without TLS */
  char        *cert;        /* the server's self-signed certificate, PEM */
} ScTestKamailio;

/* With @cert_names (subjectAltName entries such as "IP:127.0.0.1"), Kamailio also speaks TLS. */
ScTestKamailio *sc_test_kamailio_start_full (const char           *ip,
                                             const char           *algorithm,
                                             const char           *cert_names);
ScTestKamailio *sc_test_kamailio_start      (const char           *ip,
                                             const char           *algorithm);
/* Also a STIR/SHAKEN verifier trusting the certificate (PEM) at @stir_cert. */
ScTestKamailio *sc_test_kamailio_start_stir (const char           *ip,
                                             const char           *stir_cert);
void            sc_test_kamailio_stop       (ScTestKamailio       *k);
char           *sc_test_kamailio_target     (const ScTestKamailio *k,
                                             const char           *ip);

G_END_DECLS
