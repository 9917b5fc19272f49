#define _GNU_SOURCE  /* unshare */
/* The user database: favourites kept across the schema upgrade, probe history, trusted
 * certificates, and what survives a crash. Real SQLite files in a temporary folder. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>

#include "sc-kb-error.h"
#include "sc-user-store.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sc-user-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "user.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static ScUserStore *
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ScUserStore *store = sc_user_store_open (f->path, &error);

  g_assert_no_error (error);
  return store;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
journal_mode (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *mode;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return mode;
}

static ScProbeRecord *
make_record (const char *target,
             guint       status)
{
  ScProbeRecord *record = sc_probe_record_new ();
  const char *headers[] = { "X-Test: one", "Identity: eyJhbGciOiJFUzI1NiJ9.e30.c2ln;info=<https://cert.example/a.pem>", NULL };

  record->started_at = 1795000000;
  record->target = g_strdup (target);
  record->transport = g_strdup ("tcp");
  record->method = g_strdup ("INVITE");
  record->username = g_strdup ("alice");
  record->headers = g_strdupv ((char **) headers);
  record->body = g_strdup ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n");
  record->content_type = g_strdup ("application/sdp");
  record->timeout_ms = 8000;
  record->aor = g_strdup ("sip:alice@pbx.example.test");
  record->expires = 300;
  record->unregister = TRUE;
  record->sign_key = g_strdup ("/home/alice/stir/key.pem");
  record->sign_x5u = g_strdup ("https://cert.example.test/sp.pem");
  record->sign_attest = g_strdup ("B");
  record->sign_dest = g_strdup ("+81501234567");
  record->status = status;
  record->outcome = g_strdup (status ? "Use Identity Header" : "no final response within 8 s");
  record->rtt_us = status ? 12345 : -1;
  return record;
}

/* A database of the first release (favourites and recents only) keeps them when opened. */
static void
test_upgrade_keeps_favourites (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(ScUserStore) store = NULL;
  g_autoptr(GArray) favourites = NULL;
  g_autoptr(GPtrArray) probes = NULL;

  exec_sql (f->path,
            "CREATE TABLE favourite (code INTEGER PRIMARY KEY, added_at INTEGER NOT NULL);"
            "CREATE TABLE recent (code INTEGER PRIMARY KEY, viewed_at INTEGER NOT NULL);"
            "INSERT INTO favourite VALUES (428, 1), (486, 2); PRAGMA user_version=1;");
  store = open_store (f);
  favourites = sc_user_store_favourites (store);
  g_assert_cmpuint (favourites->len, ==, 2);
  g_assert_cmpuint (g_array_index (favourites, guint, 0), ==, 428);
  probes = sc_user_store_probes (store, 10);
  g_assert_cmpuint (probes->len, ==, 0);
}

static void
test_newer_schema_untouched (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScUserStore) store = NULL;

  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *mode = NULL;

  exec_sql (f->path, "CREATE TABLE future (x); PRAGMA user_version=99;");
  store = sc_user_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "newer"));
  /* Untouched means untouched: still in rollback mode, not switched to WAL (it once was). */
  mode = journal_mode (f->path);
  g_assert_cmpstr (mode, ==, "delete");
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* A damaged page is found before anything is written: the file stays byte for byte as it was
 * (it once grew from 24 KB to 1 MB), and the message says what to do, in words. */
static void
test_damaged_untouched (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScUserStore) store = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len = 0, after_len = 0;

  exec_sql (f->path, "PRAGMA page_size=1024; CREATE TABLE filler (x);"
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)"
                     " INSERT INTO filler SELECT hex(randomblob(40)) FROM n;");
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));
  g_assert_cmpuint (before_len, >, 8 * 1024);
  memset (before + 3 * 1024 + 16, 0x5a, 512);   /* the middle of the third page */
  g_assert_true (g_file_set_contents (f->path, before, before_len, NULL));
  store = sc_user_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, SC_KB_ERROR, SC_KB_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_null (strstr (error->message, "SQL"));
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpuint (after_len, ==, before_len);
  g_assert_true (memcmp (before, after, before_len) == 0);
}

/* A database of schema 2 keeps its probes, which take the registration defaults. */
static void
test_upgrade_keeps_probes (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ScUserStore) store = NULL;
  g_autoptr(GPtrArray) probes = NULL;
  ScProbeRecord *kept;

  exec_sql (f->path,
            "CREATE TABLE favourite (code INTEGER PRIMARY KEY, added_at INTEGER NOT NULL);"
            "CREATE TABLE recent (code INTEGER PRIMARY KEY, viewed_at INTEGER NOT NULL);"
            "CREATE TABLE probe (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, target TEXT NOT NULL,"
            " transport TEXT NOT NULL, method TEXT NOT NULL, username TEXT, headers TEXT, body TEXT,"
            " content_type TEXT, timeout_ms INTEGER NOT NULL, status INTEGER NOT NULL, outcome TEXT,"
            " rtt_us INTEGER NOT NULL);"
            "CREATE TABLE trusted_certificate (server TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
            " subject TEXT, added_at INTEGER NOT NULL);"
            "INSERT INTO probe VALUES (7, 1795000000, 'sip:pbx.example.test', 'udp', 'REGISTER', 'alice', NULL,"
            " NULL, NULL, 10000, 200, 'OK', 1500); PRAGMA user_version=2;");
  store = open_store (f);
  probes = sc_user_store_probes (store, 10);
  g_assert_cmpuint (probes->len, ==, 1);
  kept = probes->pdata[0];
  g_assert_cmpstr (kept->target, ==, "sip:pbx.example.test");
  g_assert_null (kept->aor);
  g_assert_cmpuint (kept->expires, ==, 0);
  g_assert_false (kept->unregister);
  g_assert_null (kept->sign_key);
}

static void
test_probe_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ScUserStore) store = open_store (f);
  g_autoptr(ScProbeRecord) failed = make_record ("sip:silent.example.test", 0);
  g_autoptr(ScProbeRecord) answered = make_record ("sips:pbx.example.test:5061", 428);
  g_autoptr(GPtrArray) probes = NULL;
  g_autoptr(GError) error = NULL;
  ScProbeRecord *newest;

  g_clear_pointer (&failed->username, g_free);
  g_clear_pointer (&failed->headers, g_strfreev);
  g_clear_pointer (&failed->sign_key, g_free);   /* without a key, nothing of signing is kept */
  g_assert_true (sc_user_store_add_probe (store, failed, &error));
  g_assert_true (sc_user_store_add_probe (store, answered, &error));
  g_assert_no_error (error);
  g_assert_cmpint (answered->id, >, failed->id);

  probes = sc_user_store_probes (store, 10);
  g_assert_cmpuint (probes->len, ==, 2);
  newest = probes->pdata[0];
  g_assert_cmpint (newest->id, ==, answered->id);
  g_assert_cmpstr (newest->target, ==, "sips:pbx.example.test:5061");
  g_assert_cmpstr (newest->transport, ==, "tcp");
  g_assert_cmpstr (newest->method, ==, "INVITE");
  g_assert_cmpstr (newest->username, ==, "alice");
  g_assert_cmpuint (g_strv_length (newest->headers), ==, 2);
  g_assert_cmpstr (newest->headers[1], ==, answered->headers[1]);
  g_assert_cmpstr (newest->body, ==, answered->body);
  g_assert_cmpstr (newest->content_type, ==, "application/sdp");
  g_assert_cmpuint (newest->timeout_ms, ==, 8000);
  g_assert_cmpstr (newest->aor, ==, "sip:alice@pbx.example.test");
  g_assert_cmpuint (newest->expires, ==, 300);
  g_assert_true (newest->unregister);
  g_assert_cmpstr (newest->sign_key, ==, "/home/alice/stir/key.pem");
  g_assert_cmpstr (newest->sign_x5u, ==, "https://cert.example.test/sp.pem");
  g_assert_cmpstr (newest->sign_attest, ==, "B");
  g_assert_null (newest->sign_orig);
  g_assert_cmpstr (newest->sign_dest, ==, "+81501234567");
  g_assert_cmpuint (newest->status, ==, 428);
  g_assert_cmpint (newest->rtt_us, ==, 12345);
  g_assert_cmpint (newest->started_at, ==, 1795000000);

  newest = probes->pdata[1];
  g_assert_null (newest->username);
  g_assert_null (newest->sign_x5u);
  g_assert_null (newest->headers);
  g_assert_cmpuint (newest->status, ==, 0);
  g_assert_cmpint (newest->rtt_us, ==, -1);
  g_assert_cmpstr (newest->outcome, ==, "no final response within 8 s");
}

static void
test_probe_delete_and_clear (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ScUserStore) store = open_store (f);
  g_autoptr(GError) error = NULL;
  gint64 ids[3];
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) none = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(ScProbeRecord) record = make_record ("sip:127.0.0.1", 200);
      g_assert_true (sc_user_store_add_probe (store, record, &error));
      ids[i] = record->id;
    }
  g_assert_true (sc_user_store_delete_probe (store, ids[1], &error));
  left = sc_user_store_probes (store, 10);
  g_assert_cmpuint (left->len, ==, 2);
  g_assert_cmpint (((ScProbeRecord *) left->pdata[0])->id, ==, ids[2]);
  g_assert_cmpint (((ScProbeRecord *) left->pdata[1])->id, ==, ids[0]);
  g_assert_true (sc_user_store_clear_probes (store, &error));
  g_assert_no_error (error);
  none = sc_user_store_probes (store, 10);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_probe_history_is_bounded (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(ScUserStore) store = open_store (f);
  g_autoptr(GPtrArray) all = NULL;
  gint64 last = 0;

  for (guint i = 0; i < 510; i++)
    {
      g_autoptr(ScProbeRecord) record = make_record ("sip:127.0.0.1", 200);
      g_assert_true (sc_user_store_add_probe (store, record, NULL));
      last = record->id;
    }
  all = sc_user_store_probes (store, 1000);
  g_assert_cmpuint (all->len, ==, 500);
  g_assert_cmpint (((ScProbeRecord *) all->pdata[0])->id, ==, last);
}

/* The child saves a probe and dies at once, as a crash would: the entry is there afterwards. */
static void
test_probe_survives_crash (Fixture       *f,
                           gconstpointer  data)
{
  const char *path = g_getenv ("SC_TEST_USER_DB");

  if (path != NULL)
    {
      ScUserStore *store = sc_user_store_open (path, NULL);
      g_autoptr(ScProbeRecord) record = make_record ("sip:crash.example.test", 486);

      g_assert_true (sc_user_store_add_probe (store, record, NULL));
      abort ();
    }
  {
    g_autoptr(ScUserStore) store = NULL;
    g_autoptr(GPtrArray) probes = NULL;

    /* The child inherits the environment: that is how it learns the parent's file. */
    g_setenv ("SC_TEST_USER_DB", f->path, TRUE);
    g_test_trap_subprocess ("/user-store/probe/survives-crash", 0, G_TEST_SUBPROCESS_DEFAULT);
    g_unsetenv ("SC_TEST_USER_DB");
    g_test_trap_assert_failed ();
    store = open_store (f);
    probes = sc_user_store_probes (store, 10);
    g_assert_cmpuint (probes->len, ==, 1);
    g_assert_cmpstr (((ScProbeRecord *) probes->pdata[0])->target, ==, "sip:crash.example.test");
  }
}

static void
test_trusted_certificates (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(ScUserStore) store = open_store (f);
  g_autoptr(ScTrustedCertificate) none = sc_user_store_trusted_certificate (store, "127.0.0.1:5061");
  g_autoptr(ScTrustedCertificate) found = NULL;
  g_autoptr(ScTrustedCertificate) replaced = NULL;
  g_autoptr(ScTrustedCertificate) gone = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (none);
  g_assert_true (sc_user_store_trust_certificate (store, "127.0.0.1:5061", "AA:BB", "CN=pbx", &error));
  g_assert_true (sc_user_store_trust_certificate (store, "[::1]:5061", "CC:DD", NULL, &error));
  g_assert_no_error (error);
  found = sc_user_store_trusted_certificate (store, "127.0.0.1:5061");
  g_assert_cmpstr (found->fingerprint, ==, "AA:BB");
  g_assert_cmpstr (found->subject, ==, "CN=pbx");
  g_assert_cmpint (found->added_at, >, 0);

  /* A new certificate for the same server replaces the old choice. */
  g_assert_true (sc_user_store_trust_certificate (store, "127.0.0.1:5061", "EE:FF", "CN=pbx", &error));
  replaced = sc_user_store_trusted_certificate (store, "127.0.0.1:5061");
  g_assert_cmpstr (replaced->fingerprint, ==, "EE:FF");
  all = sc_user_store_trusted_certificates (store);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((ScTrustedCertificate *) all->pdata[0])->server, ==, "127.0.0.1:5061");

  g_assert_true (sc_user_store_forget_certificate (store, "127.0.0.1:5061", &error));
  gone = sc_user_store_trusted_certificate (store, "127.0.0.1:5061");
  g_assert_null (gone);
}

/* Whether this process may mount (CAP_SYS_ADMIN): what a read-only folder takes for root,
 * whom file permissions do not stop. */
static gboolean
can_mount (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(line = strstr (status, "CapEff:")))
    return FALSE;
  return (g_ascii_strtoull (line + strlen ("CapEff:"), NULL, 16) >> 21) & 1;
}

/* A folder that cannot be written (here a read-only bind mount in a mount namespace of the
 * test's own child): the message says so in words, with what is not kept, and no SQL. */
static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScUserStore) store = sc_user_store_open (f->path, &error);

      g_assert_no_error (error);
      g_clear_object (&store);
      g_assert_cmpint (unshare (CLONE_NEWNS), ==, 0);
      g_assert_cmpint (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), ==, 0);
      g_assert_cmpint (mount (f->dir, f->dir, NULL, MS_BIND, NULL), ==, 0);
      g_assert_cmpint (mount (NULL, f->dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), ==, 0);
      store = sc_user_store_open (f->path, &error);
      g_assert_null (store);
      g_assert_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE);
      g_assert_nonnull (strstr (error->message, "cannot be written"));
      g_assert_nonnull (strstr (error->message, "favourites"));
      g_assert_null (strstr (error->message, "readonly database"));   /* SQLite's words, before */
      g_assert_cmpint (umount (f->dir), ==, 0);   /* so that the teardown can clean up */
      return;
    }
  if (!can_mount ())
    {
      g_test_skip ("a read-only folder needs CAP_SYS_ADMIN for a private bind mount");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/user-store/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("upgrade-keeps-favourites", test_upgrade_keeps_favourites);
  ADD ("newer-schema-untouched", test_newer_schema_untouched);
  ADD ("probe/round-trip", test_probe_round_trip);
  ADD ("upgrade-keeps-probes", test_upgrade_keeps_probes);
  ADD ("damaged-untouched", test_damaged_untouched);
  ADD ("read-only-folder", test_read_only_folder);
  ADD ("probe/delete-and-clear", test_probe_delete_and_clear);
  ADD ("probe/bounded", test_probe_history_is_bounded);
  ADD ("probe/survives-crash", test_probe_survives_crash);
  ADD ("trusted-certificates", test_trusted_certificates);
#undef ADD
  return g_test_run ();
}
