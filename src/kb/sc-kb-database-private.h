#pragma once

#include <sqlite3.h>

#include "sc-kb-database.h"

G_BEGIN_DECLS

typedef enum {
  SC_KB_STMT_CODE,
  SC_KB_STMT_CODE_TEXT,
  SC_KB_STMT_PAIR,
  SC_KB_STMT_SEARCH_FTS,
  SC_KB_STMT_SEARCH_NTH,
  SC_KB_STMT_NAME_FTS,
  SC_KB_STMT_NAME_NTH,
  SC_KB_STMT_NAME_SCAN_FTS,
  SC_KB_STMT_SEARCH_HEAD_SCAN,
  SC_KB_STMT_VOCAB_PREFIX,
  SC_KB_STMT_HEAD,
  SC_KB_STMT_HEADS,
  SC_KB_STMT_CITATIONS,
  SC_KB_STMT_PARTNERS,
  SC_KB_STMT_BRIEF,
  SC_KB_STMT_RFC,
  SC_KB_STMT_RFC_SECTIONS,
  SC_KB_STMT_RFC_LIST,
  SC_KB_STMT_RFC_FIND,
  SC_KB_STMT_TOPIC,
  SC_KB_STMT_TOPIC_TEXT,
  SC_KB_N_STMTS
} ScKbStatement;

sqlite3_stmt *sc_kb_database_statement (ScKbDatabase  *self,
                                        ScKbStatement  which);
/* Appends the citations of @subject ("428", "200-428") to @into. */
gboolean      sc_kb_database_read_citations (ScKbDatabase  *self,
                                             const char    *subject,
                                             GPtrArray     *into,
                                             GError       **error);
char         *sc_kb_database_column_dup (sqlite3_stmt *stmt,
                                         int           column);
/* A '\n'-joined list of codes in @column, appended to @into. */
void          sc_kb_database_split_codes (sqlite3_stmt *stmt,
                                          int           column,
                                          GArray       *into);
gboolean      sc_kb_database_error     (ScKbDatabase  *self,
                                        const char    *what,
                                        GError       **error);

G_END_DECLS
