#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean sc_sip_printable_is_plain (const char *data,
                                    gsize       len);
char *sc_sip_printable       (const char *data,
                              gssize      len);
char *sc_sip_printable_lines (const char *data,
                              gssize      len);

char *sc_sip_printable_message (GBytes   *bytes);

G_END_DECLS
