#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the user hands the command line (a message, a body, a password) is read up to a
 * limit: /dev/zero or an endless pipe ends in a clear error, not in all the memory. */
GBytes *sc_cli_read_bounded (const char  *path,
                             gsize        limit,
                             const char  *what,
                             GError     **error);

G_END_DECLS
