#include "sc-sip-clock.h"

static guint
main_loop_add (ScSipClock     *clock,
               guint           ms,
               GSourceOnceFunc fn,
               gpointer        data)
{
  return g_timeout_add_once (ms, fn, data);
}

static void
main_loop_remove (ScSipClock *clock,
                  guint       id)
{
  g_source_remove (id);
}

static gint64
main_loop_now_ms (ScSipClock *clock)
{
  return g_get_monotonic_time () / 1000;
}

ScSipClock *
sc_sip_clock_get_default (void)
{
  static ScSipClock clock = { main_loop_add, main_loop_remove, main_loop_now_ms };

  return &clock;
}
