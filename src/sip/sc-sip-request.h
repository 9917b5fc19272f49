#pragma once

#include "sc-sip-message.h"

G_BEGIN_DECLS

/* A request the client builds and sends: the core headers are set through the API and always
 * present and consistent; extra headers (Identity, Require, …) are checked before they are
 * accepted, so nothing a user types can inject a header line. */

typedef struct _ScSipRequest ScSipRequest;

ScSipRequest *sc_sip_request_new          (const char     *method,
                                           const char     *request_uri,
                                           GError        **error);
void          sc_sip_request_free         (ScSipRequest   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSipRequest, sc_sip_request_free)

void          sc_sip_request_set_via      (ScSipRequest   *self,
                                           const char     *transport,
                                           const char     *host,
                                           guint           port);
void          sc_sip_request_set_from     (ScSipRequest   *self,
                                           const char     *uri,
                                           const char     *display_name);
void          sc_sip_request_set_to       (ScSipRequest   *self,
                                           const char     *uri);
/* @uri: a URI, or "*" (REGISTER removing every binding) */
void          sc_sip_request_set_contact  (ScSipRequest   *self,
                                           const char     *uri);
void          sc_sip_request_set_cseq     (ScSipRequest   *self,
                                           guint32         cseq);
void          sc_sip_request_set_call_id  (ScSipRequest   *self,
                                           const char     *call_id);
gboolean      sc_sip_request_add_header   (ScSipRequest   *self,
                                           const char     *name,
                                           const char     *value,
                                           GError        **error);
gboolean      sc_sip_request_set_header   (ScSipRequest   *self,
                                           const char     *name,
                                           const char     *value,
                                           GError        **error);
void          sc_sip_request_set_date     (ScSipRequest   *self,
                                           gint64          unix_time);
gboolean      sc_sip_request_add_header_line (ScSipRequest *self,
                                           const char     *line,
                                           GError        **error);
void          sc_sip_request_set_body     (ScSipRequest   *self,
                                           GBytes         *body,
                                           const char     *content_type);
void          sc_sip_request_new_branch   (ScSipRequest   *self);
void          sc_sip_request_set_authorization (ScSipRequest *self,
                                           gboolean        proxy,
                                           const char     *realm,
                                           const char     *value);

const char   *sc_sip_request_get_method   (ScSipRequest   *self);
const char   *sc_sip_request_get_branch   (ScSipRequest   *self);
const char   *sc_sip_request_get_call_id  (ScSipRequest   *self);
const char   *sc_sip_request_get_from_tag (ScSipRequest   *self);
const char   *sc_sip_request_get_from_uri (ScSipRequest   *self);
const char   *sc_sip_request_get_to_uri   (ScSipRequest   *self);
char         *sc_sip_request_dup_asserted_uri (ScSipRequest *self);
const char   *sc_sip_request_get_request_uri (ScSipRequest *self);
guint32       sc_sip_request_get_cseq     (ScSipRequest   *self);
GBytes       *sc_sip_request_serialize    (ScSipRequest   *self);
GBytes       *sc_sip_request_ack_for      (ScSipRequest   *invite,
                                           const ScSipMessage *response);
ScSipRequest *sc_sip_request_new_cancel   (ScSipRequest   *invite);
ScSipRequest *sc_sip_request_new_in_dialog (ScSipRequest  *invite,
                                           const ScSipMessage *response,
                                           const char     *method,
                                           GError        **error);
GBytes       *sc_sip_request_cancel       (ScSipRequest   *invite);

G_END_DECLS
