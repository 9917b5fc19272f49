#include "sc-kb-normalize.h"

#include <string.h>

char *
sc_kb_normalize (const char *text)
{
  g_autofree char *nfkc = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL)  /* not valid UTF-8 */
    return g_strdup ("");
  folded = g_utf8_casefold (nfkc, -1);

  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Inflections a person types where the text has another one: polite, negative, past, passive.
 * Longest first, so that 「ませんでした」 is not cut at 「た」. */
static const char * const ja_endings[] = {
  "ませんでした", "ていません", "ていない", "なかった", "ません", "ました", "ている", "ていた",
  "された", "される", "ないです", "ない", "ます", "です",
};

static gboolean
is_hiragana (gunichar c)
{
  return c >= 0x3041 && c <= 0x309f;
}

static const char *
ja_ending_of (const char *word)
{
  gsize len = strlen (word);

  for (guint i = 0; i < G_N_ELEMENTS (ja_endings); i++)
    if (g_str_has_suffix (word, ja_endings[i]) && strlen (ja_endings[i]) < len)
      return word + len - strlen (ja_endings[i]);
  return NULL;
}

/**
 * sc_kb_normalize_stem:
 * Cuts an inflection ending, then the kana before it when at least two characters remain:
 * that kana changes with the form (見つか-り-ません, 見つか-ら-ない; 拒否さ-れ-る). The index
 * is searched by substring, so the stem finds every form the text uses.
 *
 * Returns: (transfer full): the stem, or a copy of @word.
 */
char *
sc_kb_normalize_stem (const char *word)
{
  const char *ending;
  g_autofree char *stem = NULL;
  char *last;

  g_return_val_if_fail (word != NULL, NULL);

  ending = ja_ending_of (word);
  if (ending == NULL || g_utf8_strlen (word, ending - word) < 2)
    return g_strdup (word);
  stem = g_strndup (word, ending - word);
  last = g_utf8_find_prev_char (stem, stem + strlen (stem));
  if (is_hiragana (g_utf8_get_char (last)) && g_utf8_strlen (stem, -1) > 2)
    *last = '\0';
  return g_steal_pointer (&stem);
}

/* The Japanese text writes method and header names in Latin letters, as on the wire
 * (487: 「発信側がCANCELを送った」), but a person may type them in katakana. Kept in code, not
 * data/, because it describes how people type, not a code. */
static const struct {
  const char *katakana;
  const char *latin;
} aliases[] = {
  { "インバイト", "invite" },
  { "キャンセル", "cancel" },
  { "サブスクライブ", "subscribe" },
  { "ノーティファイ", "notify" },
  { "パブリッシュ", "publish" },
  { "リファー", "refer" },
  { "アップデート", "update" },
  { "プラック", "prack" },
  { "レジスター", "register" },
  { "アイデンティティ", "identity" },
};

const char *
sc_kb_normalize_alias (const char *word)
{
  g_return_val_if_fail (word != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (word, aliases[i].katakana) == 0)
      return aliases[i].latin;
  return NULL;
}
