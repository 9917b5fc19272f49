#define G_LOG_DOMAIN "sc-kb-writer"

#include "sc-kb-writer.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "sc-kb-error.h"
#include "sc-kb-normalize.h"
#include "sc-kb-sql.h"

enum { STMT_CODE, STMT_CODE_TEXT, STMT_PAIR, STMT_TERM, STMT_DOC, STMT_RFC, STMT_RFC_SECTION,
       STMT_CITATION, STMT_TOPIC, STMT_TOPIC_TEXT, N_STMTS };

static const char * const statement_sql[N_STMTS] = {
  [STMT_CODE] = SC_KB_SQL_INSERT_CODE,
  [STMT_CODE_TEXT] = SC_KB_SQL_INSERT_CODE_TEXT,
  [STMT_PAIR] = SC_KB_SQL_INSERT_PAIR,
  [STMT_TERM] = SC_KB_SQL_INSERT_TERM,
  [STMT_DOC] = SC_KB_SQL_INSERT_DOC,
  [STMT_RFC] = SC_KB_SQL_INSERT_RFC,
  [STMT_RFC_SECTION] = SC_KB_SQL_INSERT_RFC_SECTION,
  [STMT_CITATION] = SC_KB_SQL_INSERT_CITATION,
  [STMT_TOPIC] = SC_KB_SQL_INSERT_TOPIC,
  [STMT_TOPIC_TEXT] = SC_KB_SQL_INSERT_TOPIC_TEXT,
};

struct _ScKbWriter
{
  sqlite3      *db;
  sqlite3_stmt *statements[N_STMTS];
};

static gboolean
db_error (sqlite3     *db,
          const char  *what,
          GError     **error)
{
  g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_DATABASE, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
exec (ScKbWriter  *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (self->db, "writing the knowledge base", error);
  return TRUE;
}

void
sc_kb_writer_free (ScKbWriter *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->statements[i]);
  sqlite3_close (self->db);
  g_free (self);
}

/**
 * sc_kb_writer_new:
 * Creates a new, empty database at @path, replacing any file there.
 */
ScKbWriter *
sc_kb_writer_new (const char  *path,
                  GError     **error)
{
  g_autoptr(ScKbWriter) self = g_new0 (ScKbWriter, 1);
  g_autofree char *pragma = NULL;

  g_unlink (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      db_error (self->db, path, error);
      return NULL;
    }
  pragma = g_strdup_printf ("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA user_version=%d;"
                            "BEGIN;", SC_KB_SCHEMA_VERSION);
  if (!exec (self, pragma, error) || !exec (self, SC_KB_SQL_SCHEMA, error))
    return NULL;
  for (guint i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v2 (self->db, statement_sql[i], -1, &self->statements[i], NULL) != SQLITE_OK)
      {
        db_error (self->db, statement_sql[i], error);
        return NULL;
      }
  return g_steal_pointer (&self);
}

static gboolean
step (ScKbWriter   *self,
      sqlite3_stmt *stmt,
      GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self->db, sqlite3_sql (stmt), error);
  return TRUE;
}

static void
bind_text_owned (sqlite3_stmt *stmt,
                 int           index,
                 char         *text)
{
  sqlite3_bind_text (stmt, index, text, -1, g_free);
}

static char *
join_codes (GArray *codes)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    g_string_append_printf (out, "%s%u", i ? "\n" : "", g_array_index (codes, guint, i));
  return g_string_free (out, FALSE);
}

static char *
join_rfcs (GArray *rfcs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rfcs->len; i++)
    {
      const ScKbRfcRef *ref = &g_array_index (rfcs, ScKbRfcRef, i);
      g_string_append_printf (out, "%s%u %s", i ? "\n" : "", ref->number, ref->section);
    }
  return g_string_free (out, FALSE);
}

static char *
join_lines (char **items)
{
  return g_strjoinv ("\n", items);
}

static gboolean
write_facts (ScKbWriter      *self,
             const ScKbFacts *facts,
             GError         **error)
{
  sqlite3_stmt *stmt = self->statements[STMT_CODE];

  sqlite3_bind_int (stmt, 1, facts->code);
  sqlite3_bind_text (stmt, 2, facts->reason, -1, SQLITE_TRANSIENT);
  bind_text_owned (stmt, 3, join_lines (facts->other_reasons));
  sqlite3_bind_text (stmt, 4, facts->status, -1, SQLITE_TRANSIENT);
  bind_text_owned (stmt, 5, join_rfcs (facts->rfcs));
  bind_text_owned (stmt, 6, join_codes (facts->obsoleted_rfcs));
  bind_text_owned (stmt, 7, join_codes (facts->standard_alternatives));
  bind_text_owned (stmt, 8, join_lines (facts->senders));
  sqlite3_bind_text (stmt, 9, facts->next_step, -1, SQLITE_TRANSIENT);
  bind_text_owned (stmt, 10, join_lines (facts->headers));
  bind_text_owned (stmt, 11, join_lines (facts->methods));
  bind_text_owned (stmt, 12, join_codes (facts->related));
  return step (self, stmt, error);
}

static gboolean
write_text (ScKbWriter     *self,
            guint           code,
            ScKbLang        lang,
            const ScKbText *text,
            GError        **error)
{
  sqlite3_stmt *stmt = self->statements[STMT_CODE_TEXT];

  sqlite3_bind_int (stmt, 1, code);
  sqlite3_bind_text (stmt, 2, sc_kb_lang_to_string (lang), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, text->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, text->summary, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, text->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, text->next_step_detail, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, text->origin, -1, SQLITE_TRANSIENT);
  bind_text_owned (stmt, 8, join_lines (text->causes));
  bind_text_owned (stmt, 9, join_lines (text->fixes));
  bind_text_owned (stmt, 10, join_lines (text->notes));
  return step (self, stmt, error);
}

static void
append_field (GString    *doc,
              const char *text)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return;
  normalized = sc_kb_normalize (text);
  g_string_append (doc, normalized);
  g_string_append (doc, "  ");
}

static void
append_fields (GString     *doc,
               char *const *items)
{
  for (guint i = 0; items[i] != NULL; i++)
    append_field (doc, items[i]);
}

/* Head: what a person calls the code (number, phrases, names); body: everything else. */
static gboolean
write_doc (ScKbWriter *self,
           ScKbEntry  *entry,
           GError    **error)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (entry);
  sqlite3_stmt *stmt = self->statements[STMT_DOC];
  g_autofree char *code = g_strdup_printf ("%u", facts->code);
  GString *head = g_string_new (NULL);
  GString *body = g_string_new (NULL);

  append_field (head, code);
  append_field (head, facts->reason);
  append_fields (head, facts->other_reasons);
  append_fields (body, facts->headers);
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    {
      const ScKbText *text = sc_kb_entry_get_text (entry, lang);
      append_field (head, text->name);
      append_field (body, text->summary);
      append_field (body, text->description);
      append_field (body, text->next_step_detail);
      append_field (body, text->origin);
      append_fields (body, text->causes);
      append_fields (body, text->fixes);
      append_fields (body, text->notes);
    }
  sqlite3_bind_int (stmt, 1, facts->code);
  bind_text_owned (stmt, 2, g_string_free (head, FALSE));
  bind_text_owned (stmt, 3, g_string_free (body, FALSE));
  return step (self, stmt, error);
}

static gboolean
write_citations (ScKbWriter  *self,
                 const char  *subject,
                 GPtrArray   *citations,
                 GError     **error)
{
  sqlite3_stmt *stmt = self->statements[STMT_CITATION];

  for (guint i = 0; i < citations->len; i++)
    {
      const ScKbCitation *citation = g_ptr_array_index (citations, i);

      sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, citation->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, citation->rfc);
      sqlite3_bind_text (stmt, 5, citation->section, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, citation->quote, -1, SQLITE_TRANSIENT);
      if (!step (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sc_kb_writer_add_entry (ScKbWriter  *self,
                        ScKbEntry   *entry,
                        GError     **error)
{
  const ScKbFacts *facts = sc_kb_entry_get_facts (entry);

  if (!write_facts (self, facts, error))
    return FALSE;
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    if (!write_text (self, facts->code, lang, sc_kb_entry_get_text (entry, lang), error))
      return FALSE;
  {
    g_autofree char *subject = g_strdup_printf ("%u", facts->code);
    if (!write_citations (self, subject, facts->citations, error))
      return FALSE;
  }
  return write_doc (self, entry, error);
}

gboolean
sc_kb_writer_add_pair (ScKbWriter     *self,
                       ScKbPairNotes  *notes,
                       GError        **error)
{
  sqlite3_stmt *stmt = self->statements[STMT_PAIR];

  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    {
      const ScKbPairText *text = &notes->texts[lang];

      sqlite3_bind_int (stmt, 1, notes->a);
      sqlite3_bind_int (stmt, 2, notes->b);
      sqlite3_bind_text (stmt, 3, sc_kb_lang_to_string (lang), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, text->summary, -1, SQLITE_TRANSIENT);
      bind_text_owned (stmt, 5, join_lines (text->differences));
      bind_text_owned (stmt, 6, join_lines (text->whens));
      if (!step (self, stmt, error))
        return FALSE;
    }
  {
    g_autofree char *subject = g_strdup_printf ("%u-%u", notes->a, notes->b);
    return write_citations (self, subject, notes->citations, error);
  }
}

static gboolean
write_topic_text (ScKbWriter       *self,
                  const ScKbTopic  *topic,
                  ScKbLang          lang,
                  GError          **error)
{
  sqlite3_stmt *stmt = self->statements[STMT_TOPIC_TEXT];
  const ScKbTopicText *text = &topic->texts[lang];

  sqlite3_bind_text (stmt, 1, sc_kb_topic_kind_to_string (topic->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, topic->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sc_kb_lang_to_string (lang), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, text->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, text->meaning, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, text->check, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, text->klass, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, text->sender, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, text->deviation, -1, SQLITE_TRANSIENT);
  return step (self, stmt, error);
}

gboolean
sc_kb_writer_add_topic (ScKbWriter       *self,
                        const ScKbTopic  *topic,
                        GError          **error)
{
  sqlite3_stmt *stmt = self->statements[STMT_TOPIC];
  g_autofree char *subject = sc_kb_topic_subject (topic);

  sqlite3_bind_text (stmt, 1, sc_kb_topic_kind_to_string (topic->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, topic->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, topic->compact, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, topic->rfc.number);
  sqlite3_bind_text (stmt, 5, topic->rfc.section, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, topic->sip_response);
  bind_text_owned (stmt, 7, join_codes (topic->from_sip));
  bind_text_owned (stmt, 8, join_codes (topic->codes));
  if (!step (self, stmt, error))
    return FALSE;
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    if (!write_topic_text (self, topic, lang, error))
      return FALSE;
  return write_citations (self, subject, topic->citations, error);
}

gboolean
sc_kb_writer_add_rfc (ScKbWriter     *self,
                      const ScKbRfc  *rfc,
                      GError        **error)
{
  sqlite3_stmt *stmt = self->statements[STMT_RFC];

  sqlite3_bind_int (stmt, 1, rfc->number);
  sqlite3_bind_text (stmt, 2, rfc->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, rfc->origin, -1, SQLITE_TRANSIENT);
  if (!step (self, stmt, error))
    return FALSE;
  stmt = self->statements[STMT_RFC_SECTION];
  for (guint i = 0; i < rfc->sections->len; i++)
    {
      const ScKbRfcSection *section = g_ptr_array_index (rfc->sections, i);

      sqlite3_bind_int (stmt, 1, rfc->number);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, section->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, section->title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, section->depth);
      sqlite3_bind_text (stmt, 6, section->text, -1, SQLITE_TRANSIENT);
      if (!step (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* @terms: "Kind/key/lang" → label, as sc_kb_source_load_terms() returns. */
gboolean
sc_kb_writer_add_terms (ScKbWriter  *self,
                        GHashTable  *terms,
                        GError     **error)
{
  sqlite3_stmt *stmt = self->statements[STMT_TERM];
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, terms);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "/", 3);

      g_assert (g_strv_length (parts) == 3);
      for (guint i = 0; i < 3; i++)
        sqlite3_bind_text (stmt, i + 1, parts[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, value, -1, SQLITE_TRANSIENT);
      if (!step (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * sc_kb_writer_finish:
 * Builds the search index, commits and compacts the file.
 */
gboolean
sc_kb_writer_finish (ScKbWriter  *self,
                     GError     **error)
{
  return exec (self, SC_KB_SQL_FINISH, error) &&
         exec (self, "COMMIT; VACUUM;", error);
}
