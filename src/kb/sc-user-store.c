#define G_LOG_DOMAIN "sc-user-store"

#include "sc-user-store.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sc-kb-error.h"

#define USER_SCHEMA_VERSION 1
#define MAX_RECENTS 50

/* Migrations by PRAGMA user_version: entry N brings a database from version N to N + 1. */
static const char * const migrations[] = {
  "CREATE TABLE favourite (code INTEGER PRIMARY KEY, added_at INTEGER NOT NULL);"
  "CREATE TABLE recent (code INTEGER PRIMARY KEY, viewed_at INTEGER NOT NULL);",
};

enum {
  STMT_IS_FAVOURITE,
  STMT_ADD_FAVOURITE,
  STMT_REMOVE_FAVOURITE,
  STMT_FAVOURITES,
  STMT_ADD_RECENT,
  STMT_TRIM_RECENTS,
  STMT_RECENTS,
  N_STMTS
};

static const char * const statement_sql[N_STMTS] = {
  [STMT_IS_FAVOURITE] = "SELECT 1 FROM favourite WHERE code = ?1",
  [STMT_ADD_FAVOURITE] = "INSERT OR IGNORE INTO favourite VALUES (?1, ?2)",
  [STMT_REMOVE_FAVOURITE] = "DELETE FROM favourite WHERE code = ?1",
  [STMT_FAVOURITES] = "SELECT code FROM favourite ORDER BY code",
  [STMT_ADD_RECENT] = "INSERT OR REPLACE INTO recent VALUES (?1, ?2)",
  [STMT_TRIM_RECENTS] =
    "DELETE FROM recent WHERE code NOT IN (SELECT code FROM recent ORDER BY viewed_at DESC, rowid DESC LIMIT ?1)",
  [STMT_RECENTS] = "SELECT code FROM recent ORDER BY viewed_at DESC, rowid DESC LIMIT ?1",
};

struct _ScUserStore
{
  GObject       parent_instance;
  sqlite3      *db;
  sqlite3_stmt *statements[N_STMTS];
};

G_DEFINE_FINAL_TYPE (ScUserStore, sc_user_store, G_TYPE_OBJECT)

static void
sc_user_store_finalize (GObject *object)
{
  ScUserStore *self = SC_USER_STORE (object);

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->statements[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  G_OBJECT_CLASS (sc_user_store_parent_class)->finalize (object);
}

static void
sc_user_store_class_init (ScUserStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_user_store_finalize;
}

static void
sc_user_store_init (ScUserStore *self)
{
}

static gboolean
fail (ScUserStore  *self,
      const char   *what,
      GError      **error)
{
  g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE, "%s: %s", what, sqlite3_errmsg (self->db));
  return FALSE;
}

static sqlite3_stmt *
statement (ScUserStore *self,
           guint        which)
{
  sqlite3_reset (self->statements[which]);
  sqlite3_clear_bindings (self->statements[which]);
  return self->statements[which];
}

static gboolean
migrate (ScUserStore  *self,
         const char   *path,
         GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return fail (self, path, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > USER_SCHEMA_VERSION)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE,
                   "%s was written by a newer SIP Codes (schema %d); it is left untouched", path, version);
      return FALSE;
    }
  for (; version < USER_SCHEMA_VERSION; version++)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN; %s PRAGMA user_version=%d; COMMIT;",
                                              migrations[version], version + 1);
      if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        {
          fail (self, path, error);
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * sc_user_store_open:
 * Opens (creating it and its folder if needed) the user database at @path, in WAL mode so
 * that a crash loses nothing committed.
 */
ScUserStore *
sc_user_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(ScUserStore) self = g_object_new (SC_TYPE_USER_STORE, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "cannot create %s: %s",
                   dir, g_strerror (saved));
      return NULL;
    }
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      fail (self, path, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);
  if (sqlite3_exec (self->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", NULL, NULL, NULL) != SQLITE_OK ||
      !migrate (self, path, error))
    {
      if (error != NULL && *error == NULL)
        fail (self, path, error);
      return NULL;
    }
  for (guint i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v3 (self->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &self->statements[i], NULL) != SQLITE_OK)
      {
        fail (self, statement_sql[i], error);
        return NULL;
      }
  return g_steal_pointer (&self);
}

/* SIP_CODES_USER_DB (tests) wins over $XDG_DATA_HOME/sip-codes/user.db. */
const char *
sc_user_store_default_path (void)
{
  static char *path;
  const char *env = g_getenv ("SIP_CODES_USER_DB");

  if (env != NULL && *env != '\0')
    return env;
  if (path == NULL)
    path = g_build_filename (g_get_user_data_dir (), "sip-codes", "user.db", NULL);
  return path;
}

static gboolean
step_done (ScUserStore  *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fail (self, sqlite3_sql (stmt), error);
  return TRUE;
}

gboolean
sc_user_store_is_favourite (ScUserStore *self,
                            guint        code)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), FALSE);
  stmt = statement (self, STMT_IS_FAVOURITE);
  sqlite3_bind_int (stmt, 1, code);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
sc_user_store_set_favourite (ScUserStore  *self,
                             guint         code,
                             gboolean      favourite,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), FALSE);
  stmt = statement (self, favourite ? STMT_ADD_FAVOURITE : STMT_REMOVE_FAVOURITE);
  sqlite3_bind_int (stmt, 1, code);
  if (favourite)
    sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  return step_done (self, stmt, error);
}

static GArray *
collect_codes (sqlite3_stmt *stmt)
{
  GArray *codes = g_array_new (FALSE, FALSE, sizeof (guint));

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint code = sqlite3_column_int (stmt, 0);
      g_array_append_val (codes, code);
    }
  return codes;
}

/**
 * sc_user_store_favourites:
 * Returns: (transfer full) (element-type guint): the favourite codes, ascending.
 */
GArray *
sc_user_store_favourites (ScUserStore *self)
{
  g_return_val_if_fail (SC_IS_USER_STORE (self), NULL);
  return collect_codes (statement (self, STMT_FAVOURITES));
}

gboolean
sc_user_store_add_recent (ScUserStore  *self,
                          guint         code,
                          GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), FALSE);
  stmt = statement (self, STMT_ADD_RECENT);
  sqlite3_bind_int (stmt, 1, code);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (!step_done (self, stmt, error))
    return FALSE;
  stmt = statement (self, STMT_TRIM_RECENTS);
  sqlite3_bind_int (stmt, 1, MAX_RECENTS);
  return step_done (self, stmt, error);
}

/**
 * sc_user_store_recents:
 * Returns: (transfer full) (element-type guint): the last viewed codes, newest first.
 */
GArray *
sc_user_store_recents (ScUserStore *self,
                       guint        limit)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), NULL);
  stmt = statement (self, STMT_RECENTS);
  sqlite3_bind_int (stmt, 1, limit);
  return collect_codes (stmt);
}
