#include "sc-code-list-item.h"

struct _ScCodeListItem
{
  GObject  parent_instance;
  char    *title;          /* headers only */
  guint    code;
  guint    compare_with;   /* comparison rows only */
  guint    rfc;            /* RFC section rows only */
  char    *section;
  char    *section_title;
};

G_DEFINE_FINAL_TYPE (ScCodeListItem, sc_code_list_item, G_TYPE_OBJECT)

static void
sc_code_list_item_finalize (GObject *object)
{
  g_free (SC_CODE_LIST_ITEM (object)->title);
  g_free (SC_CODE_LIST_ITEM (object)->section);
  g_free (SC_CODE_LIST_ITEM (object)->section_title);
  G_OBJECT_CLASS (sc_code_list_item_parent_class)->finalize (object);
}

static void
sc_code_list_item_class_init (ScCodeListItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_code_list_item_finalize;
}

static void
sc_code_list_item_init (ScCodeListItem *self)
{
}

ScCodeListItem *
sc_code_list_item_new_header (const char *title)
{
  ScCodeListItem *self = g_object_new (SC_TYPE_CODE_LIST_ITEM, NULL);

  self->title = g_strdup (title);
  return self;
}

ScCodeListItem *
sc_code_list_item_new_code (guint code)
{
  ScCodeListItem *self = g_object_new (SC_TYPE_CODE_LIST_ITEM, NULL);

  self->code = code;
  return self;
}

ScCodeListItem *
sc_code_list_item_new_comparison (guint a,
                                  guint b)
{
  ScCodeListItem *self = sc_code_list_item_new_code (a);

  self->compare_with = b;
  return self;
}

ScCodeListItem *
sc_code_list_item_new_rfc_section (guint       rfc,
                                   const char *section,
                                   const char *section_title)
{
  ScCodeListItem *self = g_object_new (SC_TYPE_CODE_LIST_ITEM, NULL);

  self->rfc = rfc;
  self->section = g_strdup (section);
  self->section_title = g_strdup (section_title);
  return self;
}

guint
sc_code_list_item_get_rfc (ScCodeListItem *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST_ITEM (self), 0);
  return self->rfc;
}

const char *
sc_code_list_item_get_section (ScCodeListItem *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST_ITEM (self), NULL);
  return self->section;
}

const char *
sc_code_list_item_get_section_title (ScCodeListItem *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST_ITEM (self), NULL);
  return self->section_title;
}

const char *
sc_code_list_item_get_title (ScCodeListItem *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST_ITEM (self), NULL);
  return self->title;
}

guint
sc_code_list_item_get_code (ScCodeListItem *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST_ITEM (self), 0);
  return self->code;
}

guint
sc_code_list_item_get_compare_with (ScCodeListItem *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST_ITEM (self), 0);
  return self->compare_with;
}

gboolean
sc_code_list_item_is_header (ScCodeListItem *self)
{
  g_return_val_if_fail (SC_IS_CODE_LIST_ITEM (self), FALSE);
  return self->title != NULL;
}
