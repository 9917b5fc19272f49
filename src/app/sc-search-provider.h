#pragma once

#include <gio/gio.h>

#include "sc-kb-database.h"

G_BEGIN_DECLS

/* The GNOME Shell search provider (org.gnome.Shell.SearchProvider2): codes matching what is
 * typed in the Shell's overview, in the desktop's language; a result opens the app on it. */

#define SC_SEARCH_PROVIDER_PATH_SUFFIX "/SearchProvider"

typedef ScKbDatabase *(*ScSearchProviderDatabaseFunc) (gpointer user_data);

#define SC_TYPE_SEARCH_PROVIDER (sc_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (ScSearchProvider, sc_search_provider, SC, SEARCH_PROVIDER, GObject)

/* @database opens the knowledge base when a search first needs it (NULL if it cannot). */
ScSearchProvider *sc_search_provider_new        (GApplication                  *application,
                                                 ScSearchProviderDatabaseFunc   database,
                                                 gpointer                       user_data);
gboolean          sc_search_provider_export     (ScSearchProvider  *self,
                                                 GDBusConnection   *connection,
                                                 const char        *object_path,
                                                 GError           **error);
void              sc_search_provider_unexport   (ScSearchProvider  *self);

G_END_DECLS
