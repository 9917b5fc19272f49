#pragma once

#include <adwaita.h>

#include "sc-kb-database.h"
#include "sc-probe-record.h"
#include "sc-probe-signing.h"

G_BEGIN_DECLS

/* What the probe sends: target, transport, method, credentials, extra headers, Identity, body
 * and time limit, each checked as it is typed. */

#define SC_TYPE_PROBE_FORM (sc_probe_form_get_type ())
G_DECLARE_FINAL_TYPE (ScProbeForm, sc_probe_form, SC, PROBE_FORM, GtkWidget)

GtkWidget     *sc_probe_form_new                (void);
void           sc_probe_form_explain_identity   (ScProbeForm         *self,
                                                 ScKbDatabase        *db,
                                                 ScKbLang             lang);
gboolean       sc_probe_form_is_valid           (ScProbeForm         *self);
ScProbeRecord *sc_probe_form_to_record          (ScProbeForm         *self);
void           sc_probe_form_fill               (ScProbeForm         *self,
                                                 const ScProbeRecord *record);
const char    *sc_probe_form_get_target         (ScProbeForm         *self);
const char    *sc_probe_form_get_username       (ScProbeForm         *self);
const char    *sc_probe_form_get_password       (ScProbeForm         *self);
void           sc_probe_form_set_password       (ScProbeForm         *self,
                                                 const char          *password);
gboolean       sc_probe_form_get_remember       (ScProbeForm         *self);
void           sc_probe_form_set_remember       (ScProbeForm         *self,
                                                 gboolean             remember);
void           sc_probe_form_set_keyring_problem (ScProbeForm        *self,
                                                  const char         *problem);
void           sc_probe_form_focus_target       (ScProbeForm         *self);

/* For tests: the widgets a person types into. */
GtkEditable   *sc_probe_form_get_target_editable (ScProbeForm        *self);
void           sc_probe_form_set_method         (ScProbeForm         *self,
                                                 const char          *method);
void           sc_probe_form_set_transport      (ScProbeForm         *self,
                                                 const char          *transport);
void           sc_probe_form_set_timeout        (ScProbeForm         *self,
                                                 guint                seconds);
GtkEditable   *sc_probe_form_add_header_row     (ScProbeForm         *self,
                                                 const char          *line);
const char    *sc_probe_form_get_target_problem (ScProbeForm         *self);
const char    *sc_probe_form_get_headers_problem (ScProbeForm        *self);
const char    *sc_probe_form_get_remember_note (ScProbeForm        *self);
gboolean       sc_probe_form_can_remember       (ScProbeForm         *self);
void           sc_probe_form_set_username       (ScProbeForm         *self,
                                                 const char          *username);
void           sc_probe_form_set_identity       (ScProbeForm         *self,
                                                 const char          *value);
GtkWidget     *sc_probe_form_get_identity_explanation (ScProbeForm   *self,
                                                       guint          code);
char          *sc_probe_form_get_body           (ScProbeForm         *self);
ScProbeSigning *sc_probe_form_get_signing       (ScProbeForm         *self);

void        sc_probe_form_set_registration  (ScProbeForm *self,
                                             const char  *aor,
                                             guint        expires,
                                             gboolean     unregister);
const char *sc_probe_form_get_registration_problem (ScProbeForm *self);
gboolean    sc_probe_form_shows_registration (ScProbeForm *self);

G_END_DECLS
