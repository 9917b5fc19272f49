#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @message in the toast overlay @widget sits in (the window's), or logs it outside one. */
void              sc_toast              (GtkWidget  *widget,
                                         const char *message);

/* A question before something that cannot be undone: responses "cancel" (the default) and
 * @action_id, which looks destructive. Connect to "response", then present it. */
AdwMessageDialog *sc_confirm_dialog_new (GtkWidget  *parent,
                                         const char *heading,
                                         const char *body,
                                         const char *action_id,
                                         const char *action_label);

/* Asks for a file to open, modal on @widget's window; @chosen gets @data and the file (a
 * local one, or NULL when the user cancelled). @filter may be NULL (any file). */
typedef void (*ScFileChosenFunc) (gpointer  data,
                                  GFile    *file);

void              sc_choose_file        (GtkWidget        *widget,
                                         const char       *title,
                                         GtkFileFilter    *filter,
                                         ScFileChosenFunc  chosen,
                                         gpointer          data);

G_END_DECLS
