#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SC_TYPE_SECTION (sc_section_get_type ())
G_DECLARE_FINAL_TYPE (ScSection, sc_section, SC, SECTION, GtkBox)

/* A heading and its text: paragraphs or bullet items, selectable, wrapping in any script. */
GtkWidget *sc_section_new            (const char         *title);
void       sc_section_add_paragraphs (ScSection          *self,
                                      const char         *text);
void       sc_section_add_bullets    (ScSection          *self,
                                      const char * const *items);
GtkWidget *sc_section_text_label     (const char         *text);
void       sc_section_clear_box      (GtkBox             *box);
void       sc_section_clear_list     (GtkListBox         *list);
void       sc_section_dispose_children (GtkWidget        *widget,
                                        GType             widget_type);
void       sc_section_collect_text   (GtkWidget          *widget,
                                      GString            *out);

G_END_DECLS
