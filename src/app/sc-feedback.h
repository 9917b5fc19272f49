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

G_END_DECLS
