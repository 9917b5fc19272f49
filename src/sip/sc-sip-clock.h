#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Timers for the transaction layer: the GLib main loop in the program, a fake in tests. */
typedef struct _ScSipClock ScSipClock;

struct _ScSipClock
{
  guint  (*add)    (ScSipClock *clock, guint ms, GSourceOnceFunc fn, gpointer data);
  void   (*remove) (ScSipClock *clock, guint id);
  gint64 (*now_ms) (ScSipClock *clock);
};

ScSipClock *sc_sip_clock_get_default (void);

G_END_DECLS
