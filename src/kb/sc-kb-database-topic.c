/* Warning codes, Q.850 causes and headers, read back from the knowledge base. */
#define G_LOG_DOMAIN "sc-kb-database"

#include "sc-kb-database-private.h"

#include <string.h>

static void
read_topic_texts (sqlite3_stmt *stmt,
                  ScKbTopic    *topic)
{
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ScKbLang lang;
      ScKbTopicText *text;

      if (!sc_kb_lang_from_string ((const char *) sqlite3_column_text (stmt, 0), &lang))
        continue;
      text = &topic->texts[lang];
      text->name = sc_kb_database_column_dup (stmt, 1);
      text->meaning = sc_kb_database_column_dup (stmt, 2);
      text->check = sc_kb_database_column_dup (stmt, 3);
      text->klass = sc_kb_database_column_dup (stmt, 4);
      text->sender = sc_kb_database_column_dup (stmt, 5);
      text->deviation = sc_kb_database_column_dup (stmt, 6);
    }
}

/**
 * sc_kb_database_get_topic:
 * @key: "399", "34", or a header's name in any case ("Retry-After")
 *
 * Returns: (transfer full) (nullable): the Warning code, Q.850 cause or header, or %NULL
 * without an error when the knowledge base has nothing on it.
 */
ScKbTopic *
sc_kb_database_get_topic (ScKbDatabase   *self,
                          ScKbTopicKind   kind,
                          const char     *key,
                          GError        **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (self, SC_KB_STMT_TOPIC);
  g_autofree char *lower = NULL;
  g_autoptr(ScKbTopic) topic = NULL;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (SC_KB_IS_DATABASE (self), NULL);
  g_return_val_if_fail (kind < SC_KB_N_TOPIC_KINDS && key != NULL, NULL);
  if (strlen (key) > 64)
    return NULL;
  lower = g_ascii_strdown (key, -1);
  sqlite3_bind_text (stmt, 1, sc_kb_topic_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lower, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  topic = sc_kb_topic_new (kind, lower);
  topic->compact = sc_kb_database_column_dup (stmt, 0);
  topic->rfc.number = sqlite3_column_int (stmt, 1);
  topic->rfc.section = sc_kb_database_column_dup (stmt, 2);
  topic->sip_response = sqlite3_column_int (stmt, 3);
  sc_kb_database_split_codes (stmt, 4, topic->from_sip);
  sc_kb_database_split_codes (stmt, 5, topic->codes);

  stmt = sc_kb_database_statement (self, SC_KB_STMT_TOPIC_TEXT);
  sqlite3_bind_text (stmt, 1, sc_kb_topic_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lower, -1, SQLITE_TRANSIENT);
  read_topic_texts (stmt, topic);
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    if (topic->texts[lang].meaning == NULL)
      {
        sc_kb_database_error (self, "reading a topic's text", error);
        return NULL;
      }
  subject = sc_kb_topic_subject (topic);
  if (!sc_kb_database_read_citations (self, subject, topic->citations, error))
    return NULL;
  return g_steal_pointer (&topic);
}
