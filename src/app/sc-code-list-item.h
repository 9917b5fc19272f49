#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SC_TYPE_CODE_LIST_ITEM (sc_code_list_item_get_type ())
G_DECLARE_FINAL_TYPE (ScCodeListItem, sc_code_list_item, SC, CODE_LIST_ITEM, GObject)

/* One row of the code list: a group header, a code, the comparison typed as "200 vs 428", or
 * an RFC section whose title matches the query. */
ScCodeListItem *sc_code_list_item_new_header     (const char     *title);
ScCodeListItem *sc_code_list_item_new_code       (guint           code);
ScCodeListItem *sc_code_list_item_new_comparison (guint           a,
                                                  guint           b);

ScCodeListItem *sc_code_list_item_new_rfc_section (guint           rfc,
                                                  const char     *section,
                                                  const char     *section_title);

const char     *sc_code_list_item_get_title      (ScCodeListItem *self);
guint           sc_code_list_item_get_rfc        (ScCodeListItem *self);
const char     *sc_code_list_item_get_section    (ScCodeListItem *self);
const char     *sc_code_list_item_get_section_title (ScCodeListItem *self);
guint           sc_code_list_item_get_code       (ScCodeListItem *self);
guint           sc_code_list_item_get_compare_with (ScCodeListItem *self);
gboolean        sc_code_list_item_is_header      (ScCodeListItem *self);

G_END_DECLS
