#define G_LOG_DOMAIN "sc-kb-database"

#include "config.h"

#include "sc-kb-database-private.h"

#include <stdlib.h>

#include "sc-kb-error.h"
#include "sc-kb-rank.h"
#include "sc-kb-sql.h"

struct _ScKbDatabase
{
  GObject       parent_instance;
  sqlite3      *db;
  sqlite3_stmt *statements[SC_KB_N_STMTS];
  GArray       *codes;     /* sorted */
  GHashTable   *terms;     /* "Kind/key/lang" → label */
  GHashTable   *entries;   /* code → ScKbEntry, filled on demand */
};

G_DEFINE_FINAL_TYPE (ScKbDatabase, sc_kb_database, G_TYPE_OBJECT)

static const char * const statement_sql[SC_KB_N_STMTS] = {
  [SC_KB_STMT_CODE] =
    "SELECT reason, other_reasons, status, rfcs, obsoleted_rfcs, standard_alternatives,"
    " senders, next_step, headers, methods, related FROM code WHERE code = ?1",
  [SC_KB_STMT_CODE_TEXT] =
    "SELECT lang, name, summary, description, next_step_detail, origin, causes, fixes, notes"
    " FROM code_text WHERE code = ?1",
  [SC_KB_STMT_PAIR] = "SELECT lang, summary, differences, whens FROM pair WHERE a = ?1 AND b = ?2",
  /* sc_rank (sc-kb-rank.c) as an expression, so that the rowid bound applies before ranking;
   * the head weighs ten times the body. */
  [SC_KB_STMT_SEARCH_FTS] =
    "SELECT rowid, sc_rank(doc_fts, 10.0, 1.0) AS score FROM doc_fts"
    " WHERE doc_fts MATCH ?1 AND rowid <= ?3 ORDER BY score LIMIT ?2",
  [SC_KB_STMT_SEARCH_NTH] =
    "SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?1 LIMIT 1 OFFSET ?2",
  [SC_KB_STMT_NAME_FTS] =
    "SELECT rowid, sc_rank(name_fts) AS score FROM name_fts"
    " WHERE name_fts MATCH ?1 AND rowid <= ?3 ORDER BY score LIMIT ?2",
  [SC_KB_STMT_NAME_SCAN_FTS] =
    "SELECT rowid, 0.0 FROM name_fts WHERE name_fts MATCH ?1 LIMIT ?2",
  [SC_KB_STMT_NAME_NTH] =
    "SELECT rowid FROM name_fts WHERE name_fts MATCH ?1 LIMIT 1 OFFSET ?2",
  /* Rowid order, so that a common substring stops the scan early. */
  [SC_KB_STMT_SEARCH_HEAD_SCAN] =
    "SELECT code, 0.0 FROM name WHERE instr(head, ?1) > 0 LIMIT ?2",
  [SC_KB_STMT_VOCAB_PREFIX] =
    "SELECT term FROM gram WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT ?2",
  [SC_KB_STMT_HEAD] = "SELECT head FROM name WHERE code = ?1",
  [SC_KB_STMT_HEADS] = "SELECT code, head FROM name",
  [SC_KB_STMT_BRIEF] =
    "SELECT c.reason, t.name, t.summary FROM code c JOIN code_text t ON t.code = c.code"
    " WHERE c.code = ?1 AND t.lang = ?2",
  [SC_KB_STMT_PARTNERS] =
    "SELECT b FROM pair WHERE a = ?1 AND lang = 'en' UNION SELECT a FROM pair WHERE b = ?1 AND lang = 'en'",
  [SC_KB_STMT_CITATIONS] = "SELECT key, rfc, section, quote FROM citation WHERE subject = ?1 ORDER BY ord",
  [SC_KB_STMT_RFC] = "SELECT title, origin FROM rfc WHERE number = ?1",
  [SC_KB_STMT_RFC_SECTIONS] = "SELECT id, title, depth, text FROM rfc_section WHERE number = ?1 ORDER BY ord",
  [SC_KB_STMT_RFC_LIST] = "SELECT number, title FROM rfc ORDER BY number",
  /* Titles only (the front matter's is the RFC's own): the bodies are the RFC's, not ours, and
   * would drown the codes. */
  [SC_KB_STMT_RFC_FIND] =
    "SELECT number, id, title FROM rfc_section WHERE instr(lower(title), lower(?1)) > 0"
    " ORDER BY instr(lower(title), lower(?1)) != 1, length(title), number, ord LIMIT ?2",
  [SC_KB_STMT_TOPIC] =
    "SELECT compact, rfc, section, sip_response, from_sip, codes FROM topic WHERE kind = ?1 AND key = ?2",
  [SC_KB_STMT_TOPIC_TEXT] =
    "SELECT lang, name, meaning, check_text, class, sender, deviation FROM topic_text WHERE kind = ?1 AND key = ?2",
};

static void
sc_kb_database_finalize (GObject *object)
{
  ScKbDatabase *self = SC_KB_DATABASE (object);

  for (guint i = 0; i < SC_KB_N_STMTS; i++)
    g_clear_pointer (&self->statements[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->codes, g_array_unref);
  g_clear_pointer (&self->terms, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  G_OBJECT_CLASS (sc_kb_database_parent_class)->finalize (object);
}

static void
sc_kb_database_class_init (ScKbDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_kb_database_finalize;
}

static void
sc_kb_database_init (ScKbDatabase *self)
{
  self->codes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

gboolean
sc_kb_database_error (ScKbDatabase  *self,
                      const char    *what,
                      GError       **error)
{
  g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE, "%s: %s", what, sqlite3_errmsg (self->db));
  return FALSE;
}

sqlite3_stmt *
sc_kb_database_statement (ScKbDatabase  *self,
                          ScKbStatement  which)
{
  sqlite3_stmt *stmt = self->statements[which];

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static gboolean
check_schema (ScKbDatabase  *self,
              const char    *path,
              GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return sc_kb_database_error (self, path, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version != SC_KB_SCHEMA_VERSION)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE,
                   "%s: not a SIP Codes knowledge base of schema %d (found %d); reinstall or rebuild it",
                   path, SC_KB_SCHEMA_VERSION, version);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_small_tables (ScKbDatabase  *self,
                   GError       **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT code FROM code ORDER BY code", -1, &stmt, NULL) != SQLITE_OK)
    return sc_kb_database_error (self, "reading codes", error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint code = sqlite3_column_int (stmt, 0);
      g_array_append_val (self->codes, code);
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (self->db, "SELECT kind, key, lang, label FROM term", -1, &stmt, NULL) != SQLITE_OK)
    return sc_kb_database_error (self, "reading terms", error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (self->terms,
                         g_strdup_printf ("%s/%s/%s", sqlite3_column_text (stmt, 0),
                                          sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
  sqlite3_finalize (stmt);
  return TRUE;
}

/**
 * sc_kb_database_open:
 * Opens the knowledge base read-only. Fails with a message naming @path if it is missing,
 * unreadable or of another schema.
 */
ScKbDatabase *
sc_kb_database_open (const char  *path,
                     GError     **error)
{
  g_autoptr(ScKbDatabase) self = g_object_new (SC_KB_TYPE_DATABASE, NULL);
  g_autofree char *uri = NULL;
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE,
                   "the knowledge base %s does not exist; build and install sip-codes, or set SIP_CODES_DB", path);
      return NULL;
    }
  /* immutable: the file never changes under us, so SQLite may skip locking entirely. */
  absolute = g_canonicalize_filename (path, NULL);
  uri = g_filename_to_uri (absolute, NULL, error);
  if (uri == NULL)
    return NULL;
  {
    g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);
    if (sqlite3_open_v2 (immutable, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
      {
        sc_kb_database_error (self, path, error);
        return NULL;
      }
  }
  if (!check_schema (self, path, error) || !sc_kb_rank_register (self->db, error))
    return NULL;
  for (guint i = 0; i < SC_KB_N_STMTS; i++)
    if (sqlite3_prepare_v3 (self->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &self->statements[i], NULL) != SQLITE_OK)
      {
        sc_kb_database_error (self, statement_sql[i], error);
        return NULL;
      }
  if (!load_small_tables (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* SIP_CODES_DB (tests, the uninstalled build) wins over the installed file. */
const char *
sc_kb_database_default_path (void)
{
  const char *env = g_getenv ("SIP_CODES_DB");

  return (env != NULL && *env != '\0') ? env : SC_KB_DB_PATH;
}

ScKbDatabase *
sc_kb_database_open_default (GError **error)
{
  return sc_kb_database_open (sc_kb_database_default_path (), error);
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

gboolean
sc_kb_database_has_code (ScKbDatabase *self,
                         guint         code)
{
  g_return_val_if_fail (SC_KB_IS_DATABASE (self), FALSE);
  return bsearch (&code, self->codes->data, self->codes->len, sizeof (guint), compare_codes) != NULL;
}

/**
 * sc_kb_database_get_codes:
 * Returns: (transfer none): every code, ascending.
 */
GArray *
sc_kb_database_get_codes (ScKbDatabase *self)
{
  g_return_val_if_fail (SC_KB_IS_DATABASE (self), NULL);
  return self->codes;
}

/* Someone who typed 499 meant a 4xx: codes of the same class come first, then by distance. */
static guint
closeness (guint candidate,
           guint code)
{
  guint distance = ABS ((int) candidate - (int) code);

  return (candidate / 100 == code / 100 ? 0 : 1000) + distance;
}

/**
 * sc_kb_database_nearest_codes:
 * Returns: (transfer full): up to @n existing codes closest to @code, closest first.
 */
GArray *
sc_kb_database_nearest_codes (ScKbDatabase *self,
                              guint         code,
                              guint         n)
{
  g_autoptr(GArray) pool = g_array_copy (self->codes);
  GArray *nearest = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (SC_KB_IS_DATABASE (self), nearest);

  /* Pick the closest remaining code n times; ties go to the lower code (the pool is sorted). */
  while (nearest->len < n && pool->len > 0)
    {
      guint best = 0;
      for (guint j = 1; j < pool->len; j++)
        if (closeness (g_array_index (pool, guint, j), code) < closeness (g_array_index (pool, guint, best), code))
          best = j;
      g_array_append_val (nearest, g_array_index (pool, guint, best));
      g_array_remove_index (pool, best);
    }
  return nearest;
}

const char *
sc_kb_database_term (ScKbDatabase *self,
                     const char   *kind,
                     const char   *key,
                     ScKbLang      lang)
{
  g_autofree char *full = g_strdup_printf ("%s/%s/%s", kind, key, sc_kb_lang_to_string (lang));
  const char *label = g_hash_table_lookup (self->terms, full);

  return label != NULL ? label : key;
}

static GStrv
split_lines (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, "\n", -1);
}

void
sc_kb_database_split_codes (sqlite3_stmt *stmt,
                            int           column,
                            GArray       *into)
{
  g_auto(GStrv) items = split_lines (stmt, column);

  for (guint i = 0; items[i] != NULL; i++)
    {
      guint code = (guint) g_ascii_strtoull (items[i], NULL, 10);
      g_array_append_val (into, code);
    }
}

static void
split_rfcs (sqlite3_stmt *stmt,
            int           column,
            GArray       *into)
{
  g_auto(GStrv) items = split_lines (stmt, column);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (items[i], " ", 2);
      ScKbRfcRef ref = { (guint) g_ascii_strtoull (parts[0], NULL, 10), g_strdup (parts[1]) };
      g_array_append_val (into, ref);
    }
}

char *
sc_kb_database_column_dup (sqlite3_stmt *stmt,
                           int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static ScKbFacts *
read_facts (ScKbDatabase  *self,
            guint          code,
            GError       **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (self, SC_KB_STMT_CODE);
  g_autoptr(ScKbFacts) facts = sc_kb_facts_new ();
  int rc;

  sqlite3_bind_int (stmt, 1, code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_NOT_FOUND, "%u is not in the knowledge base", code);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sc_kb_database_error (self, "reading a code", error);
      return NULL;
    }
  facts->code = code;
  facts->reason = sc_kb_database_column_dup (stmt, 0);
  facts->other_reasons = split_lines (stmt, 1);
  facts->status = sc_kb_database_column_dup (stmt, 2);
  split_rfcs (stmt, 3, facts->rfcs);
  sc_kb_database_split_codes (stmt, 4, facts->obsoleted_rfcs);
  sc_kb_database_split_codes (stmt, 5, facts->standard_alternatives);
  facts->senders = split_lines (stmt, 6);
  facts->next_step = sc_kb_database_column_dup (stmt, 7);
  facts->headers = split_lines (stmt, 8);
  facts->methods = split_lines (stmt, 9);
  sc_kb_database_split_codes (stmt, 10, facts->related);
  {
    g_autofree char *subject = g_strdup_printf ("%u", code);
    if (!sc_kb_database_read_citations (self, subject, facts->citations, error))
      return NULL;
  }
  return g_steal_pointer (&facts);
}

static gboolean
read_texts (ScKbDatabase  *self,
            guint          code,
            ScKbText      *texts[SC_KB_N_LANGS],
            GError       **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (self, SC_KB_STMT_CODE_TEXT);
  int rc;

  sqlite3_bind_int (stmt, 1, code);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScKbLang lang;
      ScKbText *text;

      if (!sc_kb_lang_from_string ((const char *) sqlite3_column_text (stmt, 0), &lang))
        continue;
      text = sc_kb_text_new ();
      text->name = sc_kb_database_column_dup (stmt, 1);
      text->summary = sc_kb_database_column_dup (stmt, 2);
      text->description = sc_kb_database_column_dup (stmt, 3);
      text->next_step_detail = sc_kb_database_column_dup (stmt, 4);
      text->origin = sc_kb_database_column_dup (stmt, 5);
      text->causes = split_lines (stmt, 6);
      text->fixes = split_lines (stmt, 7);
      text->notes = split_lines (stmt, 8);
      g_clear_pointer (&texts[lang], sc_kb_text_free);
      texts[lang] = text;
    }
  if (rc != SQLITE_DONE)
    return sc_kb_database_error (self, "reading a code's text", error);
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    if (texts[lang] == NULL)
      {
        g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE, "%u has no %s text", code,
                     sc_kb_lang_to_string (lang));
        return FALSE;
      }
  return TRUE;
}

/**
 * sc_kb_database_lookup:
 * Returns: (transfer full): the entry for @code, or %NULL with %SC_KB_ERROR_NOT_FOUND.
 */
ScKbEntry *
sc_kb_database_lookup (ScKbDatabase  *self,
                       guint          code,
                       GError       **error)
{
  ScKbText *texts[SC_KB_N_LANGS] = { NULL };
  g_autoptr(ScKbFacts) facts = NULL;
  ScKbEntry *entry;

  g_return_val_if_fail (SC_KB_IS_DATABASE (self), NULL);

  entry = g_hash_table_lookup (self->entries, GUINT_TO_POINTER (code));
  if (entry != NULL)
    return g_object_ref (entry);

  facts = read_facts (self, code, error);
  if (facts == NULL)
    return NULL;
  if (!read_texts (self, code, texts, error))
    {
      for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
        g_clear_pointer (&texts[lang], sc_kb_text_free);
      return NULL;
    }
  entry = sc_kb_entry_new (g_steal_pointer (&facts), texts);
  g_hash_table_insert (self->entries, GUINT_TO_POINTER (code), g_object_ref (entry));
  return entry;
}

/**
 * sc_kb_database_list:
 * @klass: 1-6 for one class, 0 for all
 * Returns: (transfer full) (element-type ScKbEntry): the entries, ascending.
 */
GPtrArray *
sc_kb_database_list (ScKbDatabase  *self,
                     guint          klass,
                     GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SC_KB_IS_DATABASE (self), NULL);

  for (guint i = 0; i < self->codes->len; i++)
    {
      guint code = g_array_index (self->codes, guint, i);
      ScKbEntry *entry;

      if (klass != 0 && code / 100 != klass)
        continue;
      entry = sc_kb_database_lookup (self, code, error);
      if (entry == NULL)
        return NULL;
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}

static gint
index_in (GArray *codes,
          guint   code)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_array_index (codes, guint, i) == code)
      return i;
  return G_MAXINT;
}

typedef struct {
  guint code;
  gint  related_index;
} Partner;

static int
compare_partners (gconstpointer a,
                  gconstpointer b)
{
  const Partner *x = a, *y = b;

  if (x->related_index != y->related_index)
    return x->related_index < y->related_index ? -1 : 1;
  return x->code < y->code ? -1 : x->code > y->code;
}

/**
 * sc_kb_database_get_partners:
 * Returns: (element-type guint): the codes @code has curated comparisons with: those it lists
 * as related first, in that order (the ones most often confused with it), then by number.
 */
GArray *
sc_kb_database_get_partners (ScKbDatabase *self,
                             guint         code)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (self, SC_KB_STMT_PARTNERS);
  g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (self, code, NULL);
  g_autoptr(GArray) partners = g_array_new (FALSE, FALSE, sizeof (Partner));
  GArray *codes = g_array_new (FALSE, FALSE, sizeof (guint));

  if (entry == NULL)
    return codes;
  sqlite3_bind_int (stmt, 1, code);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Partner partner = { sqlite3_column_int (stmt, 0), 0 };
      partner.related_index = index_in (sc_kb_entry_get_facts (entry)->related, partner.code);
      g_array_append_val (partners, partner);
    }
  g_array_sort (partners, compare_partners);
  for (guint i = 0; i < partners->len; i++)
    g_array_append_val (codes, g_array_index (partners, Partner, i).code);
  return codes;
}

/**
 * sc_kb_database_get_brief:
 * What a list row shows of @code, without reading the whole entry: its reason phrase, and its
 * name and summary in @lang (each out argument may be %NULL). FALSE when the code is not in the
 * knowledge base.
 */
gboolean
sc_kb_database_get_brief (ScKbDatabase  *self,
                          guint          code,
                          ScKbLang       lang,
                          char         **reason,
                          char         **name,
                          char         **summary)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (self, SC_KB_STMT_BRIEF);

  sqlite3_bind_int (stmt, 1, code);
  sqlite3_bind_text (stmt, 2, sc_kb_lang_to_string (lang), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (reason != NULL)
    *reason = sc_kb_database_column_dup (stmt, 0);
  if (name != NULL)
    *name = sc_kb_database_column_dup (stmt, 1);
  if (summary != NULL)
    *summary = sc_kb_database_column_dup (stmt, 2);
  return TRUE;
}

/**
 * sc_kb_database_get_pair_notes:
 * Returns: (transfer full) (nullable): the curated notes for the pair in either order, or
 * %NULL without an error when the pair has none.
 */
ScKbPairNotes *
sc_kb_database_get_pair_notes (ScKbDatabase  *self,
                               guint          a,
                               guint          b,
                               GError       **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (self, SC_KB_STMT_PAIR);
  g_autoptr(ScKbPairNotes) notes = sc_kb_pair_notes_new (a, b);
  guint found = 0;
  int rc;

  sqlite3_bind_int (stmt, 1, notes->a);
  sqlite3_bind_int (stmt, 2, notes->b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScKbLang lang;
      if (!sc_kb_lang_from_string ((const char *) sqlite3_column_text (stmt, 0), &lang))
        continue;
      notes->texts[lang].summary = sc_kb_database_column_dup (stmt, 1);
      notes->texts[lang].differences = split_lines (stmt, 2);
      notes->texts[lang].whens = split_lines (stmt, 3);
      found++;
    }
  if (rc != SQLITE_DONE)
    {
      sc_kb_database_error (self, "reading a comparison", error);
      return NULL;
    }
  if (found != SC_KB_N_LANGS)
    return NULL;
  {
    g_autofree char *subject = g_strdup_printf ("%u-%u", notes->a, notes->b);
    if (!sc_kb_database_read_citations (self, subject, notes->citations, error))
      return NULL;
  }
  return g_steal_pointer (&notes);
}
