#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the user creates: favourites and recently viewed codes (later: probe history). A SQLite
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

G_END_DECLS
