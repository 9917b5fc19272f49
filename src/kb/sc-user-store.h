#pragma once

#include <glib-object.h>

#include "sc-probe-record.h"

G_BEGIN_DECLS

/* What the user creates: favourites and recently viewed codes probes sent and certificates trusted. A SQLite
 * file of its own under the XDG data directory, never the read-only knowledge base. */

#define SC_TYPE_USER_STORE (sc_user_store_get_type ())
G_DECLARE_FINAL_TYPE (ScUserStore, sc_user_store, SC, USER_STORE, GObject)

ScUserStore *sc_user_store_open          (const char   *path,
                                          GError      **error);
const char  *sc_user_store_default_path  (void);

gboolean     sc_user_store_is_favourite  (ScUserStore  *self,
                                          guint         code);
gboolean     sc_user_store_set_favourite (ScUserStore  *self,
                                          guint         code,
                                          gboolean      favourite,
                                          GError      **error);
GArray      *sc_user_store_favourites    (ScUserStore  *self);
gboolean     sc_user_store_add_recent    (ScUserStore  *self,
                                          guint         code,
                                          GError      **error);
GArray      *sc_user_store_recents       (ScUserStore  *self,
                                          guint         limit);

gboolean     sc_user_store_add_probe     (ScUserStore   *self,
                                          ScProbeRecord *record,
                                          GError       **error);
GPtrArray   *sc_user_store_probes        (ScUserStore   *self,
                                          guint          limit);
gboolean     sc_user_store_delete_probe  (ScUserStore   *self,
                                          gint64         id,
                                          GError       **error);
gboolean     sc_user_store_clear_probes  (ScUserStore   *self,
                                          GError       **error);

gboolean              sc_user_store_trust_certificate    (ScUserStore  *self,
                                                          const char   *server,
                                                          const char   *fingerprint,
                                                          const char   *subject,
                                                          GError      **error);
ScTrustedCertificate *sc_user_store_trusted_certificate  (ScUserStore  *self,
                                                          const char   *server);
GPtrArray            *sc_user_store_trusted_certificates (ScUserStore  *self);
gboolean              sc_user_store_forget_certificate   (ScUserStore  *self,
                                                          const char   *server,
                                                          GError      **error);

gboolean      sc_user_store_move_aside (const char  *path,
                                        char       **backup,
                                        GError     **error);

G_END_DECLS
