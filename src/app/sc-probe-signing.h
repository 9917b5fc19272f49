#pragma once

#include <adwaita.h>

#include "sc-probe-record.h"
#include "sc-sip-identity-signer.h"

G_BEGIN_DECLS

/* The probe form's STIR/SHAKEN part: sign each request with the user's P-256 key, its
 * certificate's URL, the attestation and, if given, the numbers. The key is read where the
 * user keeps it, each time it is needed; only its path goes into the history. */
#define SC_TYPE_PROBE_SIGNING (sc_probe_signing_get_type ())
G_DECLARE_FINAL_TYPE (ScProbeSigning, sc_probe_signing, SC, PROBE_SIGNING, AdwBin)

gboolean    sc_probe_signing_is_enabled   (ScProbeSigning      *self);
gboolean    sc_probe_signing_check        (ScProbeSigning      *self);
const char *sc_probe_signing_get_problem  (ScProbeSigning      *self);
void        sc_probe_signing_to_record    (ScProbeSigning      *self,
                                           ScProbeRecord       *record);
void        sc_probe_signing_fill         (ScProbeSigning      *self,
                                           const ScProbeRecord *record);
/* What the file chooser does; for tests too. */
void        sc_probe_signing_set_key_path (ScProbeSigning      *self,
                                           const char          *path);
void        sc_probe_signing_set          (ScProbeSigning      *self,
                                           const char          *x5u,
                                           const char          *attest,
                                           const char          *orig,
                                           const char          *dest);
gboolean    sc_probe_signing_is_loading   (ScProbeSigning      *self);

/* The signer for @record's sign_* fields, its key read from disk in a worker thread. */
void                 sc_probe_signer_load_async  (const ScProbeRecord  *record,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
ScSipIdentitySigner *sc_probe_signer_load_finish (GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
