/* A message's memory: its block (one kept for the next message), the arrays that outgrow the
 * block, and references. Parsing is sc-sip-message.c's. */
#define G_LOG_DOMAIN "sc-sip-message"

#include "sc-sip-message-private.h"

#include <string.h>

/* Moves an array out of the message's inline storage, or to a larger block, doubling. */
void
sc_sip_message_grow (void  **items,
                     guint  *cap,
                     gsize   len,
                     gsize   size,
                     void   *inline_items)
{
  guint grown_cap = *cap * 2;
  void *grown = g_malloc (grown_cap * size);

  memcpy (grown, *items, len * size);
  if (*items != inline_items)
    g_free (*items);
  *items = grown;
  *cap = grown_cap;
}

/* Blocks of messages freed, kept for the next ones: a capture parses messages by the ten
 * thousand, and malloc handles a block this large (over 4 KiB of inline storage) far more
 * slowly than it hands one back -- slowest of all when one thread parses and another frees,
 * where each free goes back to the parsing thread's arena and the arena shrinks and grows
 * again by the page. Enough for the batches a capture reader keeps in flight (about 1 MiB). */
#define SPARES_MAX 256

static GMutex spares_lock;
static ScSipMessage *spares[SPARES_MAX];
static guint n_spares;

static ScSipMessage *
take_spare (void)
{
  ScSipMessage *msg = NULL;

  g_mutex_lock (&spares_lock);
  if (n_spares > 0)
    msg = spares[--n_spares];
  g_mutex_unlock (&spares_lock);
  return msg;
}

static gboolean
keep_spare (ScSipMessage *msg)
{
  gboolean kept = FALSE;

  g_mutex_lock (&spares_lock);
  if (n_spares < SPARES_MAX)
    {
      spares[n_spares++] = msg;
      kept = TRUE;
    }
  g_mutex_unlock (&spares_lock);
  return kept;
}

/* An empty message over @bytes, for the parser to fill. */
ScSipMessage *
sc_sip_message_alloc (GBytes *bytes)
{
  ScSipMessage *msg = take_spare ();

  if (msg == NULL)
    msg = g_new (ScSipMessage, 1);
  /* The inline storage is written before it is read: zero only the fields before it. */
  memset (msg, 0, G_STRUCT_OFFSET (ScSipMessage, headers_inline));
  msg->ref_count = 1;
  msg->bytes = g_bytes_ref (bytes);
  msg->headers = msg->headers_inline;
  msg->headers_cap = G_N_ELEMENTS (msg->headers_inline);
  msg->vias = msg->vias_inline;
  msg->vias_cap = G_N_ELEMENTS (msg->vias_inline);
  msg->contacts = msg->contacts_inline;
  msg->contacts_cap = G_N_ELEMENTS (msg->contacts_inline);
  msg->record_routes = msg->record_routes_inline;
  msg->record_routes_cap = G_N_ELEMENTS (msg->record_routes_inline);
  msg->routes = msg->routes_inline;
  msg->routes_cap = G_N_ELEMENTS (msg->routes_inline);
  msg->max_forwards = -1;
  msg->content_length = -1;
  return msg;
}

ScSipMessage *
sc_sip_message_ref (ScSipMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  g_atomic_int_inc (&message->ref_count);
  return message;
}

void
sc_sip_message_unref (ScSipMessage *message)
{
  if (message == NULL || !g_atomic_int_dec_and_test (&message->ref_count))
    return;
  g_bytes_unref (message->bytes);
  if (message->headers != message->headers_inline)
    g_free (message->headers);
  if (message->vias != message->vias_inline)
    g_free (message->vias);
  if (message->contacts != message->contacts_inline)
    g_free (message->contacts);
  if (message->record_routes != message->record_routes_inline)
    g_free (message->record_routes);
  if (message->routes != message->routes_inline)
    g_free (message->routes);
  if (!keep_spare (message))
    g_free (message);
}
