#define G_LOG_DOMAIN "sc-capture-ip-reassembly"

#include <string.h>

#include "sc-capture-ip-reassembly.h"

/* What makes fragments one datagram (RFC 791 §3.2; RFC 8200 §4.5): the addresses (ports
 * zero), the protocol and the identification. */
typedef struct {
  ScCaptureEndpoints addresses;
  guint8             protocol;
  guint32            id;
} Key;

typedef struct {
  Key         key;            /* first, so that the entry is its own hash key */
  gint64      first_us;
  GByteArray *data;
  GArray     *ranges;         /* received [start, end) byte ranges, sorted and merged */
  gssize      total;          /* known once the last fragment came; -1 until then */
  GList      *age_link;       /* in the queue ordered by arrival */
} Pending;

typedef struct { guint start, end; } Range;

struct _ScCaptureIpReassembly
{
  GHashTable *pending;        /* Key → Pending */
  GQueue      by_age;         /* Pending, oldest first */
  guint64     expired;
};

static guint
key_hash (gconstpointer p)
{
  const Key *key = p;

  return sc_capture_endpoints_hash (&key->addresses) ^ key->id ^ (guint) key->protocol << 24;
}

static gboolean
key_equal (gconstpointer a, gconstpointer b)
{
  const Key *x = a, *y = b;

  return x->id == y->id && x->protocol == y->protocol && sc_capture_endpoints_equal (&x->addresses, &y->addresses);
}

static void
pending_free (gpointer p)
{
  Pending *pending = p;

  g_byte_array_unref (pending->data);
  g_array_unref (pending->ranges);
  g_free (pending);
}

ScCaptureIpReassembly *
sc_capture_ip_reassembly_new (void)
{
  ScCaptureIpReassembly *self = g_new0 (ScCaptureIpReassembly, 1);

  self->pending = g_hash_table_new_full (key_hash, key_equal, NULL, pending_free);
  g_queue_init (&self->by_age);
  return self;
}

void
sc_capture_ip_reassembly_free (ScCaptureIpReassembly *self)
{
  if (self == NULL)
    return;
  g_queue_clear (&self->by_age);
  g_hash_table_unref (self->pending);
  g_free (self);
}

static void
drop (ScCaptureIpReassembly *self, Pending *pending)
{
  g_queue_delete_link (&self->by_age, pending->age_link);
  g_hash_table_remove (self->pending, &pending->key);
}

/* Gives up datagrams older than the timeout, and the oldest when the table is full, so that
 * fragments that never complete cannot hold memory. */
static void
expire (ScCaptureIpReassembly *self, gint64 now_us)
{
  Pending *oldest;

  while ((oldest = g_queue_peek_head (&self->by_age)) != NULL &&
         (now_us - oldest->first_us > SC_CAPTURE_IP_TIMEOUT_US ||
          g_hash_table_size (self->pending) >= SC_CAPTURE_IP_MAX_PENDING))
    {
      drop (self, oldest);
      self->expired++;
    }
}

static Pending *
lookup_or_add (ScCaptureIpReassembly *self, const Key *key, gint64 time_us)
{
  Pending *pending = g_hash_table_lookup (self->pending, key);

  if (pending != NULL)
    return pending;
  expire (self, time_us);
  pending = g_new0 (Pending, 1);
  pending->key = *key;
  pending->first_us = time_us;
  pending->data = g_byte_array_new ();
  pending->ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  pending->total = -1;
  g_queue_push_tail (&self->by_age, pending);
  pending->age_link = g_queue_peek_tail_link (&self->by_age);
  g_hash_table_add (self->pending, pending);
  return pending;
}

/* Inserts [start, end) into the sorted, merged list. */
static void
add_range (GArray *ranges, guint start, guint end)
{
  guint i = 0;

  while (i < ranges->len && g_array_index (ranges, Range, i).end < start)
    i++;
  while (i < ranges->len && g_array_index (ranges, Range, i).start <= end)
    {
      Range *r = &g_array_index (ranges, Range, i);

      start = MIN (start, r->start);
      end = MAX (end, r->end);
      g_array_remove_index (ranges, i);
    }
  g_array_insert_val (ranges, i, ((Range) { start, end }));
}

static gboolean
complete (const Pending *pending)
{
  const Range *first = (const Range *) (gpointer) pending->ranges->data;

  return pending->total >= 0 && pending->ranges->len == 1 && first->start == 0 &&
         first->end == (guint) pending->total;
}

/* Hands the completed datagram on and forgets it. */
static GBytes *
take_whole (ScCaptureIpReassembly *self, Pending *pending)
{
  GBytes *whole;

  g_byte_array_set_size (pending->data, (guint) pending->total);
  whole = g_byte_array_free_to_bytes (g_steal_pointer (&pending->data));
  pending->data = g_byte_array_new ();  /* pending_free expects one */
  drop (self, pending);
  return whole;
}

static void
key_from (const ScCaptureIp *ip, Key *key)
{
  memset (key, 0, sizeof *key);
  key->addresses = ip->endpoints;
  key->addresses.source_port = key->addresses.destination_port = 0;
  key->protocol = ip->protocol;
  key->id = ip->fragment_id;
}

/**
 * sc_capture_ip_reassembly_add:
 * @fragment: a decoded fragment (is_fragment set)
 *
 * Returns: (transfer full) (nullable): the whole transport payload once @fragment completes
 * its datagram; %NULL while pieces are missing, or when the fragment is unusable (past the
 * largest datagram, or contradicting the end an earlier last fragment set).
 */
GBytes *
sc_capture_ip_reassembly_add (ScCaptureIpReassembly *self,
                              const ScCaptureIp     *fragment,
                              gint64                 time_us)
{
  Key key;
  Pending *pending;
  guint start = fragment->fragment_offset, end = start + (guint) fragment->payload_len;

  g_return_val_if_fail (self != NULL && fragment != NULL, NULL);
  if (end > SC_CAPTURE_IP_MAX_DATAGRAM)
    return NULL;
  key_from (fragment, &key);
  pending = lookup_or_add (self, &key, time_us);
  if (!fragment->more_fragments)
    pending->total = end;
  if (pending->total >= 0 && end > (guint) pending->total)
    return NULL;
  if (pending->data->len < end)
    g_byte_array_set_size (pending->data, end);
  if (end > start)  /* an empty fragment may only say where the datagram ends */
    {
      memcpy (pending->data->data + start, fragment->payload, fragment->payload_len);
      add_range (pending->ranges, start, end);
    }
  if (!complete (pending))
    return NULL;
  return take_whole (self, pending);
}

guint
sc_capture_ip_reassembly_get_pending (ScCaptureIpReassembly *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->pending);
}

guint64
sc_capture_ip_reassembly_get_expired (ScCaptureIpReassembly *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->expired;
}
