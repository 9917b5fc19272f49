#pragma once

#include <gtk/gtk.h>

#include "sc-capture-call.h"

G_BEGIN_DECLS

/* The capture page's call table: its columns, what each cell shows, how each column sorts. */
char       *sc_capture_columns_format_time  (ScCaptureCall   *call);
GtkSorter  *sc_capture_columns_add          (GtkColumnView   *view);

G_END_DECLS
