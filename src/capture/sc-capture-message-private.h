#pragma once

#include "sc-capture-message.h"
#include "sc-capture-packet.h"

G_BEGIN_DECLS

ScCaptureMessage *sc_capture_message_new (const ScCaptureEndpoints *endpoints,
                                          ScCaptureTransport        transport,
                                          guint64                   frame,
                                          gint64                    time_us,
                                          GBytes                   *bytes,
                                          ScSipFraming              framing);
void              sc_capture_message_parse (ScCaptureMessage         *message);

G_END_DECLS
