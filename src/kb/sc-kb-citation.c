#define G_LOG_DOMAIN "sc-kb-citation"

#include "sc-kb-citation.h"

#include <string.h>

#include "sc-kb-error.h"
#include "sc-kb-rfc.h"

ScKbCitation *
sc_kb_citation_new (const char *key,
                    guint       rfc,
                    const char *section,
                    const char *quote)
{
  ScKbCitation *citation = g_new0 (ScKbCitation, 1);

  citation->key = g_strdup (key);
  citation->rfc = rfc;
  citation->section = g_strdup (section);
  citation->quote = g_strdup (quote);
  return citation;
}

void
sc_kb_citation_free (ScKbCitation *citation)
{
  if (citation == NULL)
    return;
  g_free (citation->key);
  g_free (citation->section);
  g_free (citation->quote);
  g_free (citation);
}

/* "3261 16.8 | If the client transaction has received a provisional response, …" */
static ScKbCitation *
parse_value (const char  *path,
             const char  *key,
             const char  *base,
             const char  *value,
             GError     **error)
{
  g_autoptr(GRegex) regex = g_regex_new ("^([0-9]{1,5}) (\\S+) \\| (.*)$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL, *section = NULL, *quote = NULL;
  glong chars;

  if (!g_regex_match (regex, value, 0, &match))
    {
      sc_kb_error_invalid_source (error, path, "key '%s': expected 'RFC SECTION | quote' (e.g. '3261 16.8 | If timer C should fire, …')", key);
      return NULL;
    }
  number = g_match_info_fetch (match, 1);
  section = g_match_info_fetch (match, 2);
  quote = g_strstrip (g_match_info_fetch (match, 3));
  if (!sc_kb_rfc_section_id_valid (section))
    {
      sc_kb_error_invalid_source (error, path, "key '%s': '%s' is not a section number (e.g. 16.8 or A.1)", key, section);
      return NULL;
    }
  chars = g_utf8_strlen (quote, -1);
  if (chars < SC_KB_QUOTE_MIN_CHARS || chars > SC_KB_QUOTE_MAX_CHARS)
    {
      sc_kb_error_invalid_source (error, path, "key '%s': the quote has %ld characters; quote %d to %d, the sentence the claim rests on",
            key, chars, SC_KB_QUOTE_MIN_CHARS, SC_KB_QUOTE_MAX_CHARS);
      return NULL;
    }
  return sc_kb_citation_new (base, (guint) g_ascii_strtoull (number, NULL, 10), section, quote);
}

/* Splits "Fix2Source3" into "Fix2" and 3. */
static gboolean
split_source_key (const char  *key,
                  char       **base,
                  guint       *n)
{
  const char *at = g_strrstr (key, "Source");
  const char *digits;

  if (at == NULL || at == key || strchr (key, '[') != NULL)
    return FALSE;
  digits = at + strlen ("Source");
  if (*digits < '1' || *digits > '9' || strspn (digits, "0123456789") != strlen (digits))
    return FALSE;
  *base = g_strndup (key, at - key);
  *n = (guint) g_ascii_strtoull (digits, NULL, 10);
  return TRUE;
}

/**
 * sc_kb_citations_read:
 * Each `<Key>Source<N>` of @group, in file order; N runs from 1 without gaps for each key.
 */
GPtrArray *
sc_kb_citations_read (GKeyFile         *keyfile,
                      const char       *group,
                      const char       *path,
                      ScKbCitableFunc   citable,
                      GHashTable       *used,
                      GError          **error)
{
  g_autoptr(GPtrArray) citations = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_kb_citation_free);
  g_auto(GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *base = NULL, *value = NULL, *previous = NULL;
      ScKbCitation *citation;
      guint n;

      if (!split_source_key (keys[i], &base, &n))
        continue;
      g_hash_table_add (used, g_strdup (keys[i]));
      if (!citable (keyfile, group, base))
        {
          sc_kb_error_invalid_source (error, path, "key '%s': '%s' is not a text key of this file, so it cannot carry a source", keys[i], base);
          return NULL;
        }
      previous = g_strdup_printf ("%sSource%u", base, n - 1);
      if (n > 1 && !g_key_file_has_key (keyfile, group, previous, NULL))
        {
          sc_kb_error_invalid_source (error, path, "key '%s': numbering must run from %sSource1 without gaps", keys[i], base);
          return NULL;
        }
      value = g_key_file_get_string (keyfile, group, keys[i], NULL);
      citation = value ? parse_value (path, keys[i], base, g_strstrip (value), error) : NULL;
      if (citation == NULL)
        {
          if (value == NULL)
            sc_kb_error_invalid_source (error, path, "key '%s' cannot be read", keys[i]);
          return NULL;
        }
      citation->n = n;
      g_ptr_array_add (citations, citation);
    }
  return g_steal_pointer (&citations);
}

static gboolean
has_source (GPtrArray  *citations,
            const char *key)
{
  for (guint i = 0; i < citations->len; i++)
    if (g_str_equal (((ScKbCitation *) g_ptr_array_index (citations, i))->key, key))
      return TRUE;
  return FALSE;
}

gboolean
sc_kb_citations_require (GPtrArray          *citations,
                         const char         *path,
                         const char * const *keys,
                         const char         *why,
                         GError            **error)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (!has_source (citations, keys[i]))
      return sc_kb_error_invalid_source (error, path, "key '%sSource1' is missing: %s needs the RFC sentence it rests on (%s)",
                   keys[i], keys[i], why);
  return TRUE;
}

gboolean
sc_kb_citations_require_bcp14 (GPtrArray        *citations,
                               GKeyFile         *keyfile,
                               const char       *group,
                               const char       *path,
                               ScKbCitableFunc   citable,
                               GError          **error)
{
  g_autoptr(GRegex) keyword = g_regex_new ("\\b(MUST|SHOULD|SHALL|REQUIRED|RECOMMENDED|MAY|OPTIONAL)\\b",
                                           0, 0, NULL);
  g_auto(GStrv) keys = g_key_file_get_keys (keyfile, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *value = NULL;
      g_autofree char *word = NULL;

      if (strchr (keys[i], '[') != NULL || !citable (keyfile, group, keys[i]))
        continue;
      value = g_key_file_get_string (keyfile, group, keys[i], NULL);
      if (value == NULL || !g_regex_match (keyword, value, 0, &match) || has_source (citations, keys[i]))
        continue;
      word = g_match_info_fetch (match, 1);
      return sc_kb_error_invalid_source (error, path, "key '%s' says %s: add %sSource1 with the RFC sentence it rests on",
                   keys[i], word, keys[i]);
    }
  return TRUE;
}
