/* The Date header (RFC 3261 §20.17): made for the requests we sign, read from the messages we
 * explain, where it is what a PASSporT's iat must match (RFC 8224 §4.1). */
#define G_LOG_DOMAIN "sc-sip-date"

#include "sc-sip-date.h"

#include <stdio.h>
#include <string.h>

static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

char *
sc_sip_date_format (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  g_return_val_if_fail (time != NULL, NULL);
  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d GMT", days[g_date_time_get_day_of_week (time) - 1],
                          g_date_time_get_day_of_month (time), months[g_date_time_get_month (time) - 1],
                          g_date_time_get_year (time), g_date_time_get_hour (time), g_date_time_get_minute (time),
                          g_date_time_get_second (time));
}

static int
index_of (const char * const *names,
          guint               n,
          const char         *name)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  return -1;
}

/* Exactly the SIP-date form: "Wkd, DD Mon YYYY HH:MM:SS GMT". The weekday must be the date's
 * own, so a hand-edited date that no longer agrees with itself is refused. */
gboolean
sc_sip_date_parse (ScSipSlice  value,
                   gint64     *unix_time)
{
  char text[40], day[4], month[4], zone[4], tail;
  guint dd, yyyy, hh, mm, ss;
  int m, n = 0;
  g_autoptr(GDateTime) time = NULL;

  if (value.p == NULL || value.len != 29)
    return FALSE;
  memcpy (text, value.p, value.len);
  text[value.len] = '\0';
  if (sscanf (text, "%3[A-Za-z], %2u %3[A-Za-z] %4u %2u:%2u:%2u %3[A-Z]%n%c", day, &dd, month, &yyyy, &hh, &mm, &ss, zone, &n,
              &tail) != 8 || n != 29)
    return FALSE;
  if ((m = index_of (months, G_N_ELEMENTS (months), month)) < 0 || strcmp (zone, "GMT") != 0 || hh > 23 || mm > 59 || ss > 59 ||
      yyyy < 1970 || !g_date_valid_dmy (dd, m + 1, yyyy))
    return FALSE;
  time = g_date_time_new_utc (yyyy, m + 1, dd, hh, mm, ss);
  if (time == NULL || index_of (days, G_N_ELEMENTS (days), day) != g_date_time_get_day_of_week (time) - 1)
    return FALSE;
  *unix_time = g_date_time_to_unix (time);
  return TRUE;
}
