/* What the window tests share: running the main loop dry, closing a window for good, finding
 * widgets a person would click. */
#pragma once

#include "sc-window.h"

G_BEGIN_DECLS

void       sc_test_app_drain        (void);
void       sc_test_app_close_window (ScWindow   **window);
GtkWidget *sc_test_app_find_widget  (GtkWidget   *root,
                                     GType        type);
typedef gboolean (*ScTestAppMatch) (GtkWidget *widget, gconstpointer data);
GtkWidget *sc_test_app_find         (GtkWidget      *root,
                                     ScTestAppMatch  match,
                                     gconstpointer   data);
guint      sc_test_app_count_rows   (GtkListBox  *list,
                                     GType        row_type);

G_END_DECLS
