#pragma once

#include "sc-sip-message.h"

G_BEGIN_DECLS

/* sc-sip-message-alloc.c, for the parser (sc-sip-message.c). */
ScSipMessage *sc_sip_message_alloc (GBytes  *bytes);
void          sc_sip_message_grow  (void   **items,
                                    guint   *cap,
                                    gsize    len,
                                    gsize    size,
                                    void    *inline_items);

G_END_DECLS
