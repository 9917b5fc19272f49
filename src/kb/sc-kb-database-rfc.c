/* The RFC texts and the citations in the knowledge base. */
#define G_LOG_DOMAIN "sc-kb-database"

#include "sc-kb-database-private.h"

#include "sc-kb-error.h"

gboolean
sc_kb_database_read_citations (ScKbDatabase  *self,
                               const char    *subject,
                               GPtrArray     *into,
                               GError       **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (self, SC_KB_STMT_CITATIONS);
  int rc;

  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (into, sc_kb_citation_new ((const char *) sqlite3_column_text (stmt, 0),
                                               sqlite3_column_int (stmt, 1),
                                               (const char *) sqlite3_column_text (stmt, 2),
                                               (const char *) sqlite3_column_text (stmt, 3)));
  if (rc != SQLITE_DONE)
    return sc_kb_database_error (self, "reading the sources", error);
  return TRUE;
}

/**
 * sc_kb_database_get_rfc:
 * Returns: (transfer full): RFC @number with every section, or %NULL with
 * %SC_KB_ERROR_NOT_FOUND when we do not ship it.
 */
ScKbRfc *
sc_kb_database_get_rfc (ScKbDatabase  *self,
                        guint          number,
                        GError       **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (self, SC_KB_STMT_RFC);
  g_autoptr(ScKbRfc) rfc = NULL;
  int rc;

  sqlite3_bind_int (stmt, 1, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SC_KB_ERROR, SC_KB_ERROR_NOT_FOUND,
                   "RFC %u is not among the RFCs this knowledge base cites", number);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sc_kb_database_error (self, "reading an RFC", error);
      return NULL;
    }
  rfc = g_new0 (ScKbRfc, 1);
  rfc->number = number;
  rfc->title = sc_kb_database_column_dup (stmt, 0);
  rfc->origin = sc_kb_database_column_dup (stmt, 1);
  rfc->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_kb_rfc_section_free);

  stmt = sc_kb_database_statement (self, SC_KB_STMT_RFC_SECTIONS);
  sqlite3_bind_int (stmt, 1, number);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScKbRfcSection *section = sc_kb_rfc_section_new ((const char *) sqlite3_column_text (stmt, 0),
                                                       (const char *) sqlite3_column_text (stmt, 1),
                                                       sqlite3_column_int (stmt, 2));
      section->text = sc_kb_database_column_dup (stmt, 3);
      g_ptr_array_add (rfc->sections, section);
    }
  if (rc != SQLITE_DONE)
    {
      sc_kb_database_error (self, "reading an RFC's sections", error);
      return NULL;
    }
  return g_steal_pointer (&rfc);
}

void
sc_kb_rfc_hit_free (ScKbRfcHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->id);
  g_free (hit->title);
  g_free (hit);
}

/**
 * sc_kb_database_list_rfcs:
 * Returns: (element-type ScKbRfcHit): every RFC shipped, by number; id is "".
 */
GPtrArray *
sc_kb_database_list_rfcs (ScKbDatabase  *self,
                          GError       **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (self, SC_KB_STMT_RFC_LIST);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_kb_rfc_hit_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScKbRfcHit *hit = g_new0 (ScKbRfcHit, 1);
      hit->number = sqlite3_column_int (stmt, 0);
      hit->id = g_strdup ("");
      hit->title = sc_kb_database_column_dup (stmt, 1);
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      sc_kb_database_error (self, "listing the RFCs", error);
      return NULL;
    }
  return g_steal_pointer (&hits);
}

/**
 * sc_kb_database_find_rfc_sections:
 * Sections whose title contains @query (case-insensitive), titles that start with it first; a
 * whole RFC whose title matches comes back with the id "" (its contents).
 * Returns: (element-type ScKbRfcHit)
 */
GPtrArray *
sc_kb_database_find_rfc_sections (ScKbDatabase  *self,
                                  const char    *query,
                                  guint          limit,
                                  GError       **error)
{
  sqlite3_stmt *stmt = sc_kb_database_statement (self, SC_KB_STMT_RFC_FIND);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_kb_rfc_hit_free);
  g_autofree char *needle = g_strstrip (g_strdup (query));
  int rc;

  /* One or two letters match half the titles: no help to anyone. Past the search's own limit
   * it is no title either. */
  if (g_utf8_strlen (needle, -1) < 3 || g_utf8_strlen (needle, -1) > 200)
    return g_steal_pointer (&hits);
  sqlite3_bind_text (stmt, 1, needle, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScKbRfcHit *hit = g_new0 (ScKbRfcHit, 1);
      hit->number = sqlite3_column_int (stmt, 0);
      hit->id = sc_kb_database_column_dup (stmt, 1);
      hit->title = sc_kb_database_column_dup (stmt, 2);
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE)
    {
      sc_kb_database_error (self, "searching the RFC sections", error);
      return NULL;
    }
  return g_steal_pointer (&hits);
}
