#pragma once

/* All SQL of the knowledge base in one place. */

#define SC_KB_SCHEMA_VERSION 7

/* Lists are stored '\n'-joined: no item may contain a line break (the loader checks). */
#define SC_KB_SQL_SCHEMA \
  "CREATE TABLE code (" \
  "  code INTEGER PRIMARY KEY, reason TEXT NOT NULL, other_reasons TEXT NOT NULL," \
  "  status TEXT NOT NULL, rfcs TEXT NOT NULL, obsoleted_rfcs TEXT NOT NULL," \
  "  standard_alternatives TEXT NOT NULL, senders TEXT NOT NULL, next_step TEXT NOT NULL," \
  "  headers TEXT NOT NULL, methods TEXT NOT NULL, related TEXT NOT NULL);" \
  "CREATE TABLE code_text (" \
  "  code INTEGER NOT NULL REFERENCES code, lang TEXT NOT NULL, name TEXT NOT NULL," \
  "  summary TEXT NOT NULL, description TEXT NOT NULL, next_step_detail TEXT NOT NULL," \
  "  origin TEXT, causes TEXT NOT NULL, fixes TEXT NOT NULL, notes TEXT NOT NULL," \
  "  PRIMARY KEY (code, lang)) WITHOUT ROWID;" \
  "CREATE TABLE pair (" \
  "  a INTEGER NOT NULL, b INTEGER NOT NULL, lang TEXT NOT NULL, summary TEXT NOT NULL," \
  "  differences TEXT NOT NULL, whens TEXT NOT NULL, PRIMARY KEY (a, b, lang)) WITHOUT ROWID;" \
  /* The RFCs the data cites, split into sections (sc-kb-rfc.c); ord keeps the RFC's order. */ \
  "CREATE TABLE rfc (number INTEGER PRIMARY KEY, title TEXT NOT NULL, origin TEXT NOT NULL);" \
  "CREATE TABLE rfc_section (" \
  "  number INTEGER NOT NULL REFERENCES rfc, ord INTEGER NOT NULL, id TEXT NOT NULL," \
  "  title TEXT NOT NULL, depth INTEGER NOT NULL, text TEXT NOT NULL," \
  "  UNIQUE (number, id));" \
  /* subject: "428" for a code, "200-428" for a pair; key: the text key the quote supports. */ \
  "CREATE TABLE citation (" \
  "  subject TEXT NOT NULL, ord INTEGER NOT NULL, key TEXT NOT NULL, rfc INTEGER NOT NULL," \
  "  section TEXT NOT NULL, quote TEXT NOT NULL, PRIMARY KEY (subject, ord)) WITHOUT ROWID;" \
  /* Warning codes, Q.850 causes and headers (sc-kb-topic.h); lists '\n'-joined like the codes'. */ \
  "CREATE TABLE topic (" \
  "  kind TEXT NOT NULL, key TEXT NOT NULL, compact TEXT, rfc INTEGER NOT NULL, section TEXT," \
  "  sip_response INTEGER NOT NULL, from_sip TEXT NOT NULL, codes TEXT NOT NULL," \
  "  PRIMARY KEY (kind, key)) WITHOUT ROWID;" \
  "CREATE TABLE topic_text (" \
  "  kind TEXT NOT NULL, key TEXT NOT NULL, lang TEXT NOT NULL, name TEXT NOT NULL," \
  "  meaning TEXT NOT NULL, check_text TEXT NOT NULL, class TEXT, sender TEXT, deviation TEXT," \
  "  PRIMARY KEY (kind, key, lang)) WITHOUT ROWID;" \
  "CREATE TABLE term (" \
  "  kind TEXT NOT NULL, key TEXT NOT NULL, lang TEXT NOT NULL, label TEXT NOT NULL," \
  "  PRIMARY KEY (kind, key, lang)) WITHOUT ROWID;" \
  /* The search documents: normalized text (sc_kb_normalize), fields separated and ended by two \
   * spaces so that every 1-2 character substring starts some trigram (see sc-kb-search.c). */ \
  "CREATE TABLE doc (code INTEGER PRIMARY KEY, head TEXT NOT NULL, body TEXT NOT NULL);" \
  "CREATE VIRTUAL TABLE doc_fts USING fts5 (head, body, content='doc', content_rowid='code'," \
  "  tokenize='trigram');" \
  /* Every trigram of the index, for prefix look-ups of 1-2 character words: fts5vocab would \
   * count each term's postings on every look-up. */ \
  "CREATE TABLE gram (term TEXT PRIMARY KEY) WITHOUT ROWID;" \
  /* The heads again, small, for scans that must not read the bodies. */ \
  "CREATE TABLE name (code INTEGER PRIMARY KEY, head TEXT NOT NULL);" \
  /* A small index of the names alone: name queries never touch the bodies' postings. */ \
  "CREATE VIRTUAL TABLE name_fts USING fts5 (head, content='name', content_rowid='code'," \
  "  tokenize='trigram');"

#define SC_KB_SQL_INSERT_CODE \
  "INSERT INTO code VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
#define SC_KB_SQL_INSERT_CODE_TEXT \
  "INSERT INTO code_text VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
#define SC_KB_SQL_INSERT_PAIR "INSERT INTO pair VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
#define SC_KB_SQL_INSERT_TERM "INSERT INTO term VALUES (?1, ?2, ?3, ?4)"
#define SC_KB_SQL_INSERT_DOC "INSERT INTO doc VALUES (?1, ?2, ?3)"
#define SC_KB_SQL_INSERT_RFC "INSERT INTO rfc VALUES (?1, ?2, ?3)"
#define SC_KB_SQL_INSERT_RFC_SECTION "INSERT INTO rfc_section VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
#define SC_KB_SQL_INSERT_TOPIC "INSERT INTO topic VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
#define SC_KB_SQL_INSERT_TOPIC_TEXT "INSERT INTO topic_text VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
#define SC_KB_SQL_INSERT_CITATION "INSERT INTO citation VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
#define SC_KB_SQL_FINISH \
  "INSERT INTO doc_fts (doc_fts) VALUES ('rebuild');" \
  "INSERT INTO doc_fts (doc_fts) VALUES ('optimize');" \
  "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab (main, doc_fts, 'row');" \
  "INSERT INTO gram SELECT term FROM temp.vocab;" \
  "INSERT INTO name SELECT code, head FROM doc;" \
  "INSERT INTO name_fts (name_fts) VALUES ('rebuild');" \
  "INSERT INTO name_fts (name_fts) VALUES ('optimize');" \
  "DROP TABLE temp.vocab;"
