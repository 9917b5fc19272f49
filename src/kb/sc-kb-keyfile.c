/* The reader every loader of data/ shares: one key-file with one group, its keys read and
 * checked with errors that name the file and the key, and the keys used so far, so that an
 * unknown key can be reported at the end. */
#define G_LOG_DOMAIN "sc-kb-keyfile"

#include "sc-kb-keyfile.h"

#include <errno.h>
#include <string.h>

#include "sc-kb-error.h"


gboolean
sc_kb_keyfile_fail (const ScKbKeyfile  *src,
                    GError            **error,
                    const char         *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return sc_kb_error_invalid_source (error, src->path, "%s", message);
}

gboolean
sc_kb_keyfile_open (ScKbKeyfile  *src,
                    const char   *path,
                    const char   *group,
                    GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  src->path = path;
  src->group = group;
  src->keyfile = g_key_file_new ();
  src->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!g_key_file_load_from_file (src->keyfile, path, G_KEY_FILE_KEEP_TRANSLATIONS, &local_error))
    return sc_kb_keyfile_fail (src, error, "%s", local_error->message);

  groups = g_key_file_get_groups (src->keyfile, NULL);
  if (g_strv_length (groups) != 1 || strcmp (groups[0], group) != 0)
    return sc_kb_keyfile_fail (src, error, "expected exactly one group [%s]", group);
  return TRUE;
}

void
sc_kb_keyfile_close (ScKbKeyfile *src)
{
  g_clear_pointer (&src->keyfile, g_key_file_unref);
  g_clear_pointer (&src->used, g_hash_table_unref);
}

gboolean
sc_kb_keyfile_has (ScKbKeyfile *src,
                   const char  *key)
{
  return g_key_file_has_key (src->keyfile, src->group, key, NULL);
}

/* A text value: present, not blank. */
char *
sc_kb_keyfile_text (ScKbKeyfile  *src,
                    const char   *key,
                    GError      **error)
{
  g_autofree char *value = NULL;

  g_hash_table_add (src->used, g_strdup (key));
  value = g_key_file_get_string (src->keyfile, src->group, key, NULL);
  if (value == NULL)
    {
      sc_kb_keyfile_fail (src, error, "key '%s' is missing", key);
      return NULL;
    }
  g_strstrip (value);
  if (*value == '\0')
    {
      sc_kb_keyfile_fail (src, error, "key '%s' is empty", key);
      return NULL;
    }
  return g_steal_pointer (&value);
}

char *
sc_kb_keyfile_localized (ScKbKeyfile  *src,
                         const char   *key,
                         ScKbLang      lang,
                         GError      **error)
{
  g_autofree char *full_key = NULL;

  if (lang == SC_KB_LANG_EN)
    return sc_kb_keyfile_text (src, key, error);
  full_key = g_strdup_printf ("%s[%s]", key, sc_kb_lang_to_string (lang));
  return sc_kb_keyfile_text (src, full_key, error);
}

/* A ';'-separated list; may be empty only if @allow_empty. Items are stripped and non-blank. */
GStrv
sc_kb_keyfile_list (ScKbKeyfile  *src,
                    const char   *key,
                    gboolean      allow_empty,
                    GError      **error)
{
  g_auto(GStrv) items = NULL;
  gsize n = 0;

  g_hash_table_add (src->used, g_strdup (key));
  if (!sc_kb_keyfile_has (src, key))
    {
      sc_kb_keyfile_fail (src, error, "key '%s' is missing", key);
      return NULL;
    }
  items = g_key_file_get_string_list (src->keyfile, src->group, key, &n, NULL);
  if (items == NULL)
    items = g_new0 (char *, 1);
  for (gsize i = 0; i < n; i++)
    if (*g_strstrip (items[i]) == '\0')
      {
        sc_kb_keyfile_fail (src, error, "key '%s' has an empty item", key);
        return NULL;
      }
  if (n == 0 && !allow_empty)
    {
      sc_kb_keyfile_fail (src, error, "key '%s' is empty", key);
      return NULL;
    }
  return g_steal_pointer (&items);
}

gboolean
sc_kb_keyfile_parse_number (const char *text,
                            guint       min,
                            guint       max,
                            guint      *out)
{
  char *end = NULL;
  guint64 value;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  errno = 0;
  value = g_ascii_strtoull (text, &end, 10);
  if (errno != 0 || *end != '\0' || value < min || value > max)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

gboolean
sc_kb_keyfile_codes (ScKbKeyfile  *src,
                     const char   *key,
                     GArray       *into,
                     GError      **error)
{
  g_auto(GStrv) items = sc_kb_keyfile_list (src, key, TRUE, error);

  if (items == NULL)
    return FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    {
      guint code;
      if (!sc_kb_keyfile_parse_number (items[i], 100, 699, &code))
        return sc_kb_keyfile_fail (src, error, "key '%s': '%s' is not a response code (100-699)", key, items[i]);
      g_array_append_val (into, code);
    }
  return TRUE;
}

/* RFC references read "NUMBER SECTION", e.g. "8224 6.2.2" or "3261 21.4.1". */
gboolean
sc_kb_keyfile_parse_rfc_ref (const char *item,
                             ScKbRfcRef *ref)
{
  g_auto(GStrv) parts = g_strsplit (item, " ", -1);

  if (g_strv_length (parts) != 2 || !sc_kb_keyfile_parse_number (parts[0], 1, 99999, &ref->number))
    return FALSE;
  if (!g_regex_match_simple ("^([0-9]+|[A-Z])(\\.[0-9]+)*$", parts[1], 0, 0))
    return FALSE;
  ref->section = g_strdup (parts[1]);
  return TRUE;
}

gboolean
sc_kb_keyfile_check_no_unknown_keys (ScKbKeyfile  *src,
                                     GError      **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (src->keyfile, src->group, NULL, NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_hash_table_contains (src->used, keys[i]))
      return sc_kb_keyfile_fail (src, error, "key '%s' is unknown or in a language we do not have (see data/README.md)", keys[i]);
  return TRUE;
}

/* Who sends a registered code, what the client does next and what it means rest on the RFC;
 * a non-standard code has no RFC to rest on. */
gboolean
sc_kb_keyfile_load_citations (ScKbKeyfile         *src,
                              GPtrArray           *into,
                              ScKbCitableFunc      citable,
                              const char * const  *required,
                              GError             **error)
{
  g_autoptr(GPtrArray) citations = sc_kb_citations_read (src->keyfile, src->group, src->path,
                                                         citable, src->used, error);

  if (citations == NULL ||
      (required != NULL &&
       !sc_kb_citations_require (citations, src->path, required, "see data/README.md, Sources", error)) ||
      !sc_kb_citations_require_bcp14 (citations, src->keyfile, src->group, src->path, citable, error))
    return FALSE;
  while (citations->len > 0)
    g_ptr_array_add (into, g_ptr_array_steal_index (citations, 0));
  return TRUE;
}

