#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @message in the toast overlay @widget sits in (the window's), or logs it outside one. */
void sc_toast (GtkWidget  *widget,
               const char *message);

G_END_DECLS
