#pragma once

#include "sc-probe-form.h"

G_BEGIN_DECLS

/* The probe form's passwords and the desktop keyring: checks once whether a keyring answers
 * (and has the form say so when none does), fills in a remembered password when target and
 * username match one, and keeps or forgets the password as "Remember Password" says. */

#define SC_TYPE_PROBE_KEYRING (sc_probe_keyring_get_type ())
G_DECLARE_FINAL_TYPE (ScProbeKeyring, sc_probe_keyring, SC, PROBE_KEYRING, GObject)

ScProbeKeyring *sc_probe_keyring_new             (ScProbeForm         *form);
void            sc_probe_keyring_keep_or_forget  (ScProbeKeyring      *self,
                                                  const ScProbeRecord *record,
                                                  const char          *password);
void            sc_probe_keyring_stop            (ScProbeKeyring      *self);
gboolean        sc_probe_keyring_is_checked      (ScProbeKeyring      *self);

G_END_DECLS
