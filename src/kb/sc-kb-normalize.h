#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NFKC, then case folding, then runs of white space folded to one space and trimmed, so that
 * "４２８", "IDENTITY" and half-width ｲﾝﾃﾞﾝﾃｨﾃｨ compare equal to what the index holds. */
char       *sc_kb_normalize       (const char *text);

/* For one normalized query word: the stem of a Japanese verb or adjective, so that
 * 「見つかりません」 finds the name 「宛先が見つからない」; other words unchanged. */
char       *sc_kb_normalize_stem  (const char *word);

/* For one normalized query word: the Latin word that the text uses for it, or %NULL. */
const char *sc_kb_normalize_alias (const char *word);

G_END_DECLS
