#define G_LOG_DOMAIN "sc-kb-rfc-shelf"

#include "sc-kb-rfc-shelf.h"

#include <string.h>

#include "sc-kb-error.h"

struct _ScKbRfcShelf
{
  char       *dir;
  GHashTable *rfcs;   /* number → ScKbRfc */
  GHashTable *used;   /* numbers cited or named by data/ */
};

void
sc_kb_rfc_shelf_free (ScKbRfcShelf *self)
{
  if (self == NULL)
    return;
  g_free (self->dir);
  g_clear_pointer (&self->rfcs, g_hash_table_unref);
  g_clear_pointer (&self->used, g_hash_table_unref);
  g_free (self);
}

/* rfcNNNN.txt → NNNN; 0 for any other name. */
static guint
number_of (const char *name)
{
  guint64 number = 0;

  if (!g_regex_match_simple ("^rfc[1-9][0-9]{0,4}\\.txt$", name, 0, 0))
    return 0;
  number = g_ascii_strtoull (name + 3, NULL, 10);
  return (guint) number;
}

/**
 * sc_kb_rfc_shelf_load:
 * Reads every data/rfc/rfcNNNN.txt; any other file there is an error.
 */
ScKbRfcShelf *
sc_kb_rfc_shelf_load (const char  *dir,
                      GError     **error)
{
  g_autoptr(ScKbRfcShelf) self = g_new0 (ScKbRfcShelf, 1);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, error);
  const char *name;

  if (handle == NULL)
    return NULL;
  self->dir = g_strdup (dir);
  self->rfcs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sc_kb_rfc_free);
  self->used = g_hash_table_new (NULL, NULL);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      guint number = number_of (name);
      ScKbRfc *rfc;

      if (number == 0)
        {
          sc_kb_error_invalid_source (error, path, "not an RFC text: data/rfc/ holds only rfcNNNN.txt files");
          return NULL;
        }
      if (!(rfc = sc_kb_rfc_load (path, number, error)))
        return NULL;
      g_hash_table_insert (self->rfcs, GUINT_TO_POINTER (number), rfc);
    }
  return g_steal_pointer (&self);
}

static const ScKbRfc *
lookup (ScKbRfcShelf *self,
        const char   *path,
        const char   *key,
        guint         number,
        GError      **error)
{
  const ScKbRfc *rfc = g_hash_table_lookup (self->rfcs, GUINT_TO_POINTER (number));

  if (rfc == NULL)
    sc_kb_error_invalid_source (error, path, "key '%s': RFC %u is not in data/rfc/ (add its plain text as rfc%u.txt)",
          key, number, number);
  else
    g_hash_table_add (self->used, GUINT_TO_POINTER (number));
  return rfc;
}

gboolean
sc_kb_rfc_shelf_check_ref (ScKbRfcShelf  *self,
                           const char    *path,
                           const char    *key,
                           guint          number,
                           const char    *section,
                           GError       **error)
{
  const ScKbRfc *rfc = lookup (self, path, key, number, error);

  if (rfc == NULL)
    return FALSE;
  if (section != NULL && sc_kb_rfc_find (rfc, section) == NULL)
    return sc_kb_error_invalid_source (error, path, "key '%s': RFC %u has no section %s", key, number, section);
  return TRUE;
}

gboolean
sc_kb_rfc_shelf_check_citation (ScKbRfcShelf        *self,
                                const char          *path,
                                const ScKbCitation  *citation,
                                GError             **error)
{
  g_autofree char *key = g_strdup_printf ("%sSource%u", citation->key, citation->n);
  const ScKbRfcSection *section;

  if (!sc_kb_rfc_shelf_check_ref (self, path, key, citation->rfc, citation->section, error))
    return FALSE;
  section = sc_kb_rfc_find (g_hash_table_lookup (self->rfcs, GUINT_TO_POINTER (citation->rfc)),
                            citation->section);
  if (!sc_kb_rfc_section_quotes (section, citation->quote))
    return sc_kb_error_invalid_source (error, path, "key '%s': RFC %u section %s does not say \"%s\" (the quote must be verbatim, from the section's own text)",
                 key, citation->rfc, citation->section, citation->quote);
  return TRUE;
}

/* "RFC 3261 §16.8", "RFC 5626, §11.6", "RFC 3261 Section 8.1.3.4": a section named in running
 * text must exist; an RFC named without a section need not be shipped. */
gboolean
sc_kb_rfc_shelf_check_text (ScKbRfcShelf  *self,
                            const char    *path,
                            const char    *key,
                            const char    *text,
                            GError       **error)
{
  g_autoptr(GArray) mentions = sc_kb_rfc_find_mentions (text);

  for (guint i = 0; i < mentions->len; i++)
    {
      const ScKbRfcLink *mention = &g_array_index (mentions, ScKbRfcLink, i);

      if (*mention->id != '\0')
        {
          if (!sc_kb_rfc_shelf_check_ref (self, path, key, mention->number, mention->id, error))
            return FALSE;
        }
      else if (g_hash_table_contains (self->rfcs, GUINT_TO_POINTER (mention->number)))
        g_hash_table_add (self->used, GUINT_TO_POINTER (mention->number));
    }
  return TRUE;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  guint x = (*(ScKbRfc * const *) a)->number, y = (*(ScKbRfc * const *) b)->number;
  return x < y ? -1 : x > y;
}

GPtrArray *
sc_kb_rfc_shelf_list (ScKbRfcShelf *self)
{
  GPtrArray *list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rfcs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);
  g_ptr_array_sort (list, compare_numbers);
  return list;
}

gboolean
sc_kb_rfc_shelf_check_all_used (ScKbRfcShelf  *self,
                                GError       **error)
{
  g_autoptr(GPtrArray) list = sc_kb_rfc_shelf_list (self);

  for (guint i = 0; i < list->len; i++)
    {
      const ScKbRfc *rfc = g_ptr_array_index (list, i);
      if (!g_hash_table_contains (self->used, GUINT_TO_POINTER (rfc->number)))
        {
          g_autofree char *path = g_strdup_printf ("%s/rfc%u.txt", self->dir, rfc->number);
          return sc_kb_error_invalid_source (error, path, "nothing in data/ cites or names RFC %u: remove the file or cite it", rfc->number);
        }
    }
  return TRUE;
}
