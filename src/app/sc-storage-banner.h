#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Says at the top of the window that the user database cannot be used, what that means, and,
 * for a damaged file, offers to move it aside (to a named backup) and start afresh. */
#define SC_TYPE_STORAGE_BANNER (sc_storage_banner_get_type ())
G_DECLARE_FINAL_TYPE (ScStorageBanner, sc_storage_banner, SC, STORAGE_BANNER, GtkWidget)

void        sc_storage_banner_show        (ScStorageBanner *self,
                                           const char      *path,
                                           const GError    *error);
void        sc_storage_banner_start_afresh (ScStorageBanner *self);
void        sc_storage_banner_hide        (ScStorageBanner *self);
gboolean    sc_storage_banner_is_shown    (ScStorageBanner *self);
const char *sc_storage_banner_get_message (ScStorageBanner *self);

G_END_DECLS
