#pragma once

#include "sc-kb-database.h"

G_BEGIN_DECLS

typedef enum {
  SC_KB_MATCH_CODE,    /* the query is this code */
  SC_KB_MATCH_RANGE,   /* "4", "42", "4xx", "42x" */
  SC_KB_MATCH_NAME,    /* the whole query is in the code, a reason phrase or a name */
  SC_KB_MATCH_TEXT,    /* the query's words are in the text (the code's key header may be the query) */
} ScKbMatch;

typedef struct {
  guint     code;
  ScKbMatch match;
  double    score;     /* higher is better; comparable within one result list */
} ScKbHit;

/* The most a search takes: a code, a phrase or a few words, not a pasted file. */
#define SC_KB_MAX_QUERY_CHARS 200
#define SC_KB_MAX_QUERY_WORDS 16

GArray *sc_kb_search         (ScKbDatabase  *db,
                              const char    *query,
                              guint          limit,
                              GError       **error);
/* Fails with %SC_KB_ERROR_INVALID_QUERY, saying what is wrong, for text no search takes. */
gboolean sc_kb_search_check_query (const char   *query,
                                   GError      **error);
/* sc-kb-suggest.c */
GArray *sc_kb_search_suggest (ScKbDatabase  *db,
                              const char    *query,
                              guint          n);

G_END_DECLS
