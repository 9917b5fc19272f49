#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_KB_ERROR (sc_kb_error_quark ())

typedef enum {
  SC_KB_ERROR_INVALID_SOURCE,   /* a data file breaks a rule of data/README.md */
  SC_KB_ERROR_DATABASE,         /* SQLite failed; the message carries sqlite3_errmsg */
  SC_KB_ERROR_NOT_FOUND,        /* no such code in the knowledge base */
  SC_KB_ERROR_INVALID_QUERY,    /* a code outside 100-699, the same code twice, … */
  SC_KB_ERROR_DAMAGED,          /* the user database is damaged: it was left as it is */
} ScKbError;

GQuark   sc_kb_error_quark          (void);
/* What every check of data/ reports: the file, then what is wrong in it. */
gboolean sc_kb_error_invalid_source (GError     **error,
                                     const char  *path,
                                     const char  *format,
                                     ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
