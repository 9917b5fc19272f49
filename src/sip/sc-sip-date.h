#pragma once

#include "sc-sip-uri.h"

G_BEGIN_DECLS

/* The Date header's SIP-date: an RFC 1123 date, always in GMT (RFC 3261 §20.17), with English
 * names whatever the locale: "Fri, 04 Dec 2026 22:46:35 GMT". */
char     *sc_sip_date_format (gint64      unix_time);
gboolean  sc_sip_date_parse  (ScSipSlice  value,
                              gint64     *unix_time);

G_END_DECLS
