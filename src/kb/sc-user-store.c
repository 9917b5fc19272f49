#define G_LOG_DOMAIN "sc-user-store"

#include "sc-user-store.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sc-kb-error.h"

#define USER_SCHEMA_VERSION 4
#define MAX_RECENTS 50
#define MAX_PROBES 500

/* Migrations by PRAGMA user_version: entry N brings a database from version N to N + 1. */
static const char * const migrations[] = {
  "CREATE TABLE favourite (code INTEGER PRIMARY KEY, added_at INTEGER NOT NULL);"
  "CREATE TABLE recent (code INTEGER PRIMARY KEY, viewed_at INTEGER NOT NULL);",

  /* Headers as typed, one per line: a header line cannot hold a line break. */
  "CREATE TABLE probe (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, target TEXT NOT NULL,"
  " transport TEXT NOT NULL, method TEXT NOT NULL, username TEXT, headers TEXT, body TEXT,"
  " content_type TEXT, timeout_ms INTEGER NOT NULL, status INTEGER NOT NULL, outcome TEXT,"
  " rtt_us INTEGER NOT NULL);"
  "CREATE TABLE trusted_certificate (server TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
  " subject TEXT, added_at INTEGER NOT NULL);",

  /* REGISTER's address of record and binding: probes saved before keep the defaults. */
  "ALTER TABLE probe ADD COLUMN aor TEXT;"
  "ALTER TABLE probe ADD COLUMN expires INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE probe ADD COLUMN unregister INTEGER NOT NULL DEFAULT 0;",

  /* STIR/SHAKEN signing: the key by its path only, never its contents. */
  "ALTER TABLE probe ADD COLUMN sign_key TEXT;"
  "ALTER TABLE probe ADD COLUMN sign_x5u TEXT;"
  "ALTER TABLE probe ADD COLUMN sign_attest TEXT;"
  "ALTER TABLE probe ADD COLUMN sign_orig TEXT;"
  "ALTER TABLE probe ADD COLUMN sign_dest TEXT;",
};

enum {
  STMT_IS_FAVOURITE,
  STMT_ADD_FAVOURITE,
  STMT_REMOVE_FAVOURITE,
  STMT_FAVOURITES,
  STMT_ADD_RECENT,
  STMT_TRIM_RECENTS,
  STMT_RECENTS,
  STMT_ADD_PROBE,
  STMT_TRIM_PROBES,
  STMT_PROBES,
  STMT_DELETE_PROBE,
  STMT_CLEAR_PROBES,
  STMT_TRUST,
  STMT_TRUSTED_FOR,
  STMT_TRUSTED_ALL,
  STMT_FORGET,
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
  [STMT_ADD_PROBE] =
    "INSERT INTO probe (started_at, target, transport, method, username, headers, body, content_type,"
    " timeout_ms, status, outcome, rtt_us, aor, expires, unregister, sign_key, sign_x5u, sign_attest, sign_orig, sign_dest)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
  [STMT_TRIM_PROBES] = "DELETE FROM probe WHERE id NOT IN (SELECT id FROM probe ORDER BY id DESC LIMIT ?1)",
  [STMT_PROBES] =
    "SELECT id, started_at, target, transport, method, username, headers, body, content_type,"
    " timeout_ms, status, outcome, rtt_us, aor, expires, unregister, sign_key, sign_x5u, sign_attest, sign_orig, sign_dest"
    " FROM probe ORDER BY id DESC LIMIT ?1",
  [STMT_DELETE_PROBE] = "DELETE FROM probe WHERE id = ?1",
  [STMT_CLEAR_PROBES] = "DELETE FROM probe",
  [STMT_TRUST] = "INSERT OR REPLACE INTO trusted_certificate VALUES (?1, ?2, ?3, ?4)",
  [STMT_TRUSTED_FOR] = "SELECT server, fingerprint, subject, added_at FROM trusted_certificate WHERE server = ?1",
  [STMT_TRUSTED_ALL] = "SELECT server, fingerprint, subject, added_at FROM trusted_certificate ORDER BY server",
  [STMT_FORGET] = "DELETE FROM trusted_certificate WHERE server = ?1",
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
  int code = self->db ? sqlite3_errcode (self->db) & 0xff : SQLITE_CANTOPEN;

  /* In words, not SQL: what is wrong with the file and what it means for the user. */
  if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN || code == SQLITE_AUTH)
    g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE,
                 _("%s cannot be written (the file or its folder is read-only or belongs to someone else): "
                   "favourites, recent codes, probe history and trusted certificates are not kept"), what);
  else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DAMAGED,
                 _("%s is damaged and was left as it is: move it aside to start afresh, or restore it from a "
                   "backup"), what);
  else if (code == SQLITE_FULL)
    g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE, _("%s cannot grow: the disk is full"), what);
  else
    g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE, _("%s cannot be used: %s"), what, sqlite3_errmsg (self->db));
  return FALSE;
}

/* The schema version, read before anything is written: a newer one is left as it is. */
static gboolean
read_version (ScUserStore  *self,
              const char   *path,
              int          *version,
              GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return fail (self, path, error);
  rc = sqlite3_step (stmt);
  *version = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return fail (self, path, error);
  if (*version > USER_SCHEMA_VERSION)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE,
                   _("%s was written by a newer SIP Codes (schema %d); it is left untouched"), path, *version);
      return FALSE;
    }
  return TRUE;
}

/* A damaged file is found before it is written to: SQLite would carry on over a bad page. */
static gboolean
check_integrity (ScUserStore  *self,
                 const char   *path,
                 GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK)
    return fail (self, path, error);
  ok = sqlite3_step (stmt) == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (!ok)
    g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DAMAGED,
                 _("%s is damaged and was left as it is: move it aside to start afresh, or restore it from a "
                   "backup"), path);
  return ok;
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
         int           version,
         GError      **error)
{
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
  int version = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s cannot be created: %s; favourites, recent codes, probe history and trusted certificates "
                     "are not kept"), dir, g_strerror (saved));
      return NULL;
    }
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      fail (self, path, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);
  /* Read and check first: a newer or damaged file is not switched to WAL, migrated or written. */
  if (!read_version (self, path, &version, error) || !check_integrity (self, path, error))
    return NULL;
  if (sqlite3_exec (self->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", NULL, NULL, NULL) != SQLITE_OK ||
      !migrate (self, path, version, error))
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

/**
 * sc_user_store_move_aside:
 * @backup: (out) (optional): where the file went
 *
 * Renames a damaged user database (and its WAL and shared-memory files) to
 * "user.db.damaged-YYYYMMDD-HHMMSS", never over an existing file, so that a new one can be
 * started while the old one stays for recovery. Only on the user's word.
 */
gboolean
sc_user_store_move_aside (const char  *path,
                          char       **backup,
                          GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.damaged-%s", path, stamp);
  const char *suffixes[] = { "-wal", "-shm" };

  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }
  if (g_rename (path, target) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("%s cannot be moved aside: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);
      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  if (backup != NULL)
    *backup = g_steal_pointer (&target);
  return TRUE;
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

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * sc_user_store_add_probe:
 * Saves a finished probe (its id is set on @record) and keeps the newest MAX_PROBES. Each
 * probe is its own transaction, so a crash of the app afterwards loses nothing.
 */
gboolean
sc_user_store_add_probe (ScUserStore    *self,
                         ScProbeRecord  *record,
                         GError        **error)
{
  g_autofree char *headers = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), FALSE);
  g_return_val_if_fail (record->target != NULL && record->method != NULL, FALSE);
  if (record->headers != NULL && record->headers[0] != NULL)
    headers = g_strjoinv ("\n", record->headers);
  stmt = statement (self, STMT_ADD_PROBE);
  sqlite3_bind_int64 (stmt, 1, record->started_at);
  bind_text (stmt, 2, record->target);
  bind_text (stmt, 3, record->transport != NULL ? record->transport : "auto");
  bind_text (stmt, 4, record->method);
  bind_text (stmt, 5, record->username);
  bind_text (stmt, 6, headers);
  bind_text (stmt, 7, record->body);
  bind_text (stmt, 8, record->content_type);
  sqlite3_bind_int64 (stmt, 9, record->timeout_ms);
  sqlite3_bind_int (stmt, 10, record->status);
  bind_text (stmt, 11, record->outcome);
  sqlite3_bind_int64 (stmt, 12, record->rtt_us);
  bind_text (stmt, 13, record->aor);
  sqlite3_bind_int64 (stmt, 14, record->expires);
  sqlite3_bind_int (stmt, 15, record->unregister);
  bind_text (stmt, 16, record->sign_key);
  bind_text (stmt, 17, record->sign_key ? record->sign_x5u : NULL);
  bind_text (stmt, 18, record->sign_key ? record->sign_attest : NULL);
  bind_text (stmt, 19, record->sign_key ? record->sign_orig : NULL);
  bind_text (stmt, 20, record->sign_key ? record->sign_dest : NULL);
  if (!step_done (self, stmt, error))
    return FALSE;
  record->id = sqlite3_last_insert_rowid (self->db);
  stmt = statement (self, STMT_TRIM_PROBES);
  sqlite3_bind_int (stmt, 1, MAX_PROBES);
  return step_done (self, stmt, error);
}

static ScProbeRecord *
read_probe (sqlite3_stmt *stmt)
{
  ScProbeRecord *record = sc_probe_record_new ();
  const char *headers = (const char *) sqlite3_column_text (stmt, 6);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->started_at = sqlite3_column_int64 (stmt, 1);
  record->target = column_text (stmt, 2);
  record->transport = column_text (stmt, 3);
  record->method = column_text (stmt, 4);
  record->username = column_text (stmt, 5);
  record->headers = headers != NULL ? g_strsplit (headers, "\n", -1) : NULL;
  record->body = column_text (stmt, 7);
  record->content_type = column_text (stmt, 8);
  record->timeout_ms = sqlite3_column_int64 (stmt, 9);
  record->status = sqlite3_column_int (stmt, 10);
  record->outcome = column_text (stmt, 11);
  record->rtt_us = sqlite3_column_int64 (stmt, 12);
  record->aor = column_text (stmt, 13);
  record->expires = (guint) CLAMP (sqlite3_column_int64 (stmt, 14), 0, G_MAXINT32);
  record->unregister = sqlite3_column_int (stmt, 15) != 0;
  record->sign_key = column_text (stmt, 16);
  record->sign_x5u = column_text (stmt, 17);
  record->sign_attest = column_text (stmt, 18);
  record->sign_orig = column_text (stmt, 19);
  record->sign_dest = column_text (stmt, 20);
  return record;
}

/**
 * sc_user_store_probes:
 * Returns: (transfer full) (element-type ScProbeRecord): the last @limit probes, newest first.
 */
GPtrArray *
sc_user_store_probes (ScUserStore *self,
                      guint        limit)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_probe_record_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), records);
  stmt = statement (self, STMT_PROBES);
  sqlite3_bind_int (stmt, 1, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (records, read_probe (stmt));
  return records;
}

gboolean
sc_user_store_delete_probe (ScUserStore  *self,
                            gint64        id,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), FALSE);
  stmt = statement (self, STMT_DELETE_PROBE);
  sqlite3_bind_int64 (stmt, 1, id);
  return step_done (self, stmt, error);
}

gboolean
sc_user_store_clear_probes (ScUserStore  *self,
                            GError      **error)
{
  g_return_val_if_fail (SC_IS_USER_STORE (self), FALSE);
  return step_done (self, statement (self, STMT_CLEAR_PROBES), error);
}

gboolean
sc_user_store_trust_certificate (ScUserStore  *self,
                                 const char   *server,
                                 const char   *fingerprint,
                                 const char   *subject,
                                 GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), FALSE);
  g_return_val_if_fail (server != NULL && fingerprint != NULL, FALSE);
  stmt = statement (self, STMT_TRUST);
  bind_text (stmt, 1, server);
  bind_text (stmt, 2, fingerprint);
  bind_text (stmt, 3, subject);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  return step_done (self, stmt, error);
}

static ScTrustedCertificate *
read_trusted (sqlite3_stmt *stmt)
{
  ScTrustedCertificate *trusted = g_new0 (ScTrustedCertificate, 1);

  trusted->server = column_text (stmt, 0);
  trusted->fingerprint = column_text (stmt, 1);
  trusted->subject = column_text (stmt, 2);
  trusted->added_at = sqlite3_column_int64 (stmt, 3);
  return trusted;
}

/**
 * sc_user_store_trusted_certificate:
 * Returns: (transfer full) (nullable): the certificate trusted for @server ("host:port").
 */
ScTrustedCertificate *
sc_user_store_trusted_certificate (ScUserStore *self,
                                   const char  *server)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), NULL);
  stmt = statement (self, STMT_TRUSTED_FOR);
  bind_text (stmt, 1, server);
  return sqlite3_step (stmt) == SQLITE_ROW ? read_trusted (stmt) : NULL;
}

/**
 * sc_user_store_trusted_certificates:
 * Returns: (transfer full) (element-type ScTrustedCertificate): every trust choice, by server.
 */
GPtrArray *
sc_user_store_trusted_certificates (ScUserStore *self)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_trusted_certificate_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), all);
  stmt = statement (self, STMT_TRUSTED_ALL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (all, read_trusted (stmt));
  return all;
}

gboolean
sc_user_store_forget_certificate (ScUserStore  *self,
                                  const char   *server,
                                  GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SC_IS_USER_STORE (self), FALSE);
  stmt = statement (self, STMT_FORGET);
  bind_text (stmt, 1, server);
  return step_done (self, stmt, error);
}
