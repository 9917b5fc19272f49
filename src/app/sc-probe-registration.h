#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* REGISTER's own part of the probe form: the address of record, the binding's lifetime, or
 * removing every binding. */
#define SC_TYPE_PROBE_REGISTRATION (sc_probe_registration_get_type ())
G_DECLARE_FINAL_TYPE (ScProbeRegistration, sc_probe_registration, SC, PROBE_REGISTRATION, GtkWidget)

const char *sc_probe_registration_get_aor        (ScProbeRegistration *self);
guint       sc_probe_registration_get_expires    (ScProbeRegistration *self);
gboolean    sc_probe_registration_get_unregister (ScProbeRegistration *self);
void        sc_probe_registration_set            (ScProbeRegistration *self,
                                                  const char          *aor,
                                                  guint                expires,
                                                  gboolean             unregister);
gboolean    sc_probe_registration_check          (ScProbeRegistration *self,
                                                  const char          *target,
                                                  const char          *transport,
                                                  const char          *username);
const char *sc_probe_registration_get_problem    (ScProbeRegistration *self);

G_END_DECLS
