#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean sc_kb_rank_register (sqlite3  *db,
                              GError  **error);

G_END_DECLS
