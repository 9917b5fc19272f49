#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NFKC, then case folding, then runs of white space folded to one space and trimmed, so that
 * "４２８", "IDENTITY" and half-width ｲﾝﾃﾞﾝﾃｨﾃｨ compare equal to what the index holds. */
char *sc_kb_normalize (const char *text);

G_END_DECLS
