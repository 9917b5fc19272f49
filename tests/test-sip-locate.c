/* RFC 3263 location: which SRV names are asked, in what order, and what wins. No DNS server
 * can be pointed at loopback from a test without changing the machine's resolver, so the zone
 * lives in a GResolver installed as the process default: the real GIO entry points run, and
 * the end-to-end test reaches a real SIPp on 127.0.0.1 through an SRV record. */
#include <locale.h>
#include <string.h>

#include <gio/gio.h>

#include "sc-sip-locate.h"
#include "sc-test-probe.h"

#define ZONE_TYPE_RESOLVER (zone_resolver_get_type ())
G_DECLARE_FINAL_TYPE (ZoneResolver, zone_resolver, ZONE, RESOLVER, GResolver)

struct _ZoneResolver
{
  GResolver   parent_instance;
  GHashTable *srv;       /* "_sip._tcp.pbx.example.test" → "target:port" */
  GPtrArray  *asked;     /* every SRV name asked for, in order */
  guint       tcp_port;  /* the port SRV hands out for pbx.example.test */
};

G_DEFINE_FINAL_TYPE (ZoneResolver, zone_resolver, G_TYPE_RESOLVER)

static void
zone_lookup_service_async (GResolver           *resolver,
                           const char          *rrname,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  ZoneResolver *self = ZONE_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  const char *record = g_hash_table_lookup (self->srv, rrname);
  g_auto(GStrv) parts = record ? g_strsplit (record, ":", 2) : NULL;

  g_ptr_array_add (self->asked, g_strdup (rrname));
  if (record == NULL)
    {
      g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no SRV record for %s", rrname);
      return;
    }
  g_task_return_pointer (task, g_list_prepend (NULL, g_srv_target_new (parts[0], (guint16) g_ascii_strtoull (parts[1], NULL, 10), 0, 0)),
                         (GDestroyNotify) g_resolver_free_targets);
}

static GList *
zone_lookup_service_finish (GResolver     *resolver,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
zone_lookup_by_name_async (GResolver           *resolver,
                           const char          *hostname,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  /* "dual": ::1 first, as localhost resolves on many systems, then 127.0.0.1. */
  if (g_str_equal (hostname, "dual.example.test"))
    g_task_return_pointer (task, g_list_prepend (g_list_prepend (NULL, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4)),
                                                 g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6)),
                           (GDestroyNotify) g_resolver_free_addresses);
  else if (g_str_has_suffix (hostname, ".example.test"))
    g_task_return_pointer (task, g_list_prepend (NULL, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4)),
                           (GDestroyNotify) g_resolver_free_addresses);
  else
    g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "%s is not in the zone", hostname);
}

static GList *
zone_lookup_by_name_finish (GResolver     *resolver,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
zone_lookup_by_name_with_flags_async (GResolver                *resolver,
                                      const char               *hostname,
                                      GResolverNameLookupFlags  flags,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data)
{
  zone_lookup_by_name_async (resolver, hostname, cancellable, callback, user_data);
}

static void
zone_resolver_finalize (GObject *object)
{
  ZoneResolver *self = ZONE_RESOLVER (object);

  g_hash_table_unref (self->srv);
  g_ptr_array_unref (self->asked);
  G_OBJECT_CLASS (zone_resolver_parent_class)->finalize (object);
}

static void
zone_resolver_class_init (ZoneResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = zone_resolver_finalize;
  resolver_class->lookup_service_async = zone_lookup_service_async;
  resolver_class->lookup_service_finish = zone_lookup_service_finish;
  resolver_class->lookup_by_name_async = zone_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = zone_lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags_async = zone_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = zone_lookup_by_name_finish;
}

static void
zone_resolver_init (ZoneResolver *self)
{
  self->srv = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->asked = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_insert (self->srv, g_strdup ("_sip._tcp.tcp-only.example.test"), g_strdup ("sip1.example.test:5070"));
  g_hash_table_insert (self->srv, g_strdup ("_sips._tcp.secure.example.test"), g_strdup ("edge.example.test:5071"));
  g_hash_table_insert (self->srv, g_strdup ("_sip._udp.secure.example.test"), g_strdup ("udp.example.test:5072"));
  g_hash_table_insert (self->srv, g_strdup ("_sip._udp.closed.example.test"), g_strdup (".:0"));
}

static ZoneResolver *zone;

typedef struct {
  GMainLoop     *loop;
  ScSipLocation *location;
  GError        *error;
} Located;

static void
on_located (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Located *located = data;

  located->location = sc_sip_locate_finish (result, &located->error);
  g_main_loop_quit (located->loop);
}

/* Locates and returns the SRV names asked for, joined by spaces. */
static char *
locate (const char     *host,
        guint           port,
        gboolean        sips,
        int             transport,
        ScSipLocation **location)
{
  Located located = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  g_ptr_array_set_size (zone->asked, 0);
  sc_sip_locate_async (host, port, sips, transport, NULL, on_located, &located);
  g_main_loop_run (located.loop);
  g_main_loop_unref (located.loop);
  g_assert_no_error (located.error);
  *location = located.location;
  g_ptr_array_add (zone->asked, NULL);
  g_ptr_array_set_size (zone->asked, zone->asked->len - 1);
  return g_strjoinv (" ", (char **) zone->asked->pdata);
}

static void
assert_location (const ScSipLocation *location,
                 const char          *host,
                 guint                port,
                 ScSipTransportKind   transport,
                 gboolean             from_srv)
{
  g_assert_cmpstr (location->host, ==, host);
  g_assert_cmpuint (location->port, ==, port);
  g_assert_cmpint (location->transport, ==, transport);
  g_assert_cmpint (location->from_srv, ==, from_srv);
}

/* Neither port nor transport: UDP, then TCP, then TLS are asked for; the first that exists wins. */
static void
test_srv_order (void)
{
  g_autoptr(ScSipLocation) location = NULL;
  g_autofree char *asked = locate ("tcp-only.example.test", 0, FALSE, -1, &location);

  g_assert_cmpstr (asked, ==, "_sip._udp.tcp-only.example.test _sip._tcp.tcp-only.example.test");
  assert_location (location, "sip1.example.test", 5070, SC_SIP_TRANSPORT_TCP, TRUE);
}

/* sips: asks for TLS only, even where a UDP record exists. */
static void
test_srv_sips (void)
{
  g_autoptr(ScSipLocation) location = NULL;
  g_autofree char *asked = locate ("secure.example.test", 0, TRUE, -1, &location);

  g_assert_cmpstr (asked, ==, "_sips._tcp.secure.example.test");
  assert_location (location, "edge.example.test", 5071, SC_SIP_TRANSPORT_TLS, TRUE);
}

/* A transport the user chose is the only one asked for; without its record, A/AAAA and the
 * default port. */
static void
test_srv_chosen_transport (void)
{
  g_autoptr(ScSipLocation) location = NULL;
  g_autofree char *asked = locate ("tcp-only.example.test", 0, FALSE, SC_SIP_TRANSPORT_UDP, &location);

  g_assert_cmpstr (asked, ==, "_sip._udp.tcp-only.example.test");
  assert_location (location, "tcp-only.example.test", 5060, SC_SIP_TRANSPORT_UDP, FALSE);
}

/* An explicit port or an IP address: no SRV at all (RFC 3263 §4.2). */
static void
test_no_srv (void)
{
  g_autoptr(ScSipLocation) by_port = NULL, by_address = NULL, tls = NULL;
  g_autofree char *asked_port = locate ("tcp-only.example.test", 5080, FALSE, -1, &by_port);
  g_autofree char *asked_address = locate ("::1", 0, FALSE, -1, &by_address);
  g_autofree char *asked_tls = locate ("127.0.0.1", 0, TRUE, -1, &tls);

  g_assert_cmpstr (asked_port, ==, "");
  g_assert_cmpstr (asked_address, ==, "");
  g_assert_cmpstr (asked_tls, ==, "");
  assert_location (by_port, "tcp-only.example.test", 5080, SC_SIP_TRANSPORT_UDP, FALSE);
  assert_location (by_address, "::1", 5060, SC_SIP_TRANSPORT_UDP, FALSE);
  assert_location (tls, "127.0.0.1", 5061, SC_SIP_TRANSPORT_TLS, FALSE);
}

/* A "." target means "not here": the next transport is asked, then A/AAAA. */
static void
test_srv_dot (void)
{
  g_autoptr(ScSipLocation) location = NULL;
  g_autofree char *asked = locate ("closed.example.test", 0, FALSE, -1, &location);

  g_assert_cmpstr (asked, ==, "_sip._udp.closed.example.test _sip._tcp.closed.example.test "
                              "_sips._tcp.closed.example.test");
  assert_location (location, "closed.example.test", 5060, SC_SIP_TRANSPORT_UDP, FALSE);
}

/* The probe follows SRV to a real SIPp listening on TCP. */
static void
test_probe_through_srv (void)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp_on ("uas-options-200.xml", "127.0.0.1", port, "t1");
  g_autofree char *remote = g_strdup_printf ("tcp 127.0.0.1:%u", port);
  ScSipProbeOptions options = { .target = "sip:pbx.example.test", .method = "OPTIONS", .timeout_ms = 10000 };
  ScTestOutcome outcome;

  g_hash_table_insert (zone->srv, g_strdup ("_sip._tcp.pbx.example.test"), g_strdup_printf ("sip1.example.test:%u", port));
  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_cmpstr (outcome.result->remote, ==, remote);
  sc_test_outcome_clear (&outcome);
  sc_test_stop_sipp (sipp);
}

/* A name with two addresses, a server on the second only: the first refuses (ICMP port
 * unreachable over UDP, a refused connection over TCP), and the probe tries the next
 * (RFC 3263 §4.3). Before, it tried ::1 alone, as sip:localhost did. */
static void
assert_next_address (const char *sipp_transport,
                     const char *transport)
{
  guint port = sc_test_free_udp_port ("127.0.0.1");
  GSubprocess *sipp = sc_test_start_sipp_on ("uas-options-200.xml", "127.0.0.1", port, sipp_transport);
  g_autofree char *target = g_strdup_printf ("sip:dual.example.test:%u", port);
  g_autofree char *remote = g_strdup_printf ("%s 127.0.0.1:%u", transport, port);
  g_autofree char *first = g_strdup_printf ("%s [::1]:%u", transport, port);
  ScSipProbeOptions options = { .target = target, .transport = transport, .method = "OPTIONS", .timeout_ms = 10000 };
  ScSipProbeEvent *event;
  ScTestOutcome outcome;

  sc_test_run_probe (&options, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.result->status, ==, 200);
  g_assert_cmpstr (outcome.result->remote, ==, remote);
  event = g_ptr_array_index (outcome.result->events, 0);
  if (g_str_equal (transport, "udp"))
    g_assert_cmpstr (event->remote, ==, first);   /* sent to ::1 first, refused there */
  sc_test_outcome_clear (&outcome);
  sc_test_stop_sipp (sipp);
}

static void
test_next_address_udp (void)
{
  assert_next_address ("u1", "udp");
}

static void
test_next_address_tcp (void)
{
  assert_next_address ("t1", "tcp");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  zone = g_object_new (ZONE_TYPE_RESOLVER, NULL);
  g_resolver_set_default (G_RESOLVER (zone));
  g_test_add_func ("/sc/sip/locate/srv-order", test_srv_order);
  g_test_add_func ("/sc/sip/locate/srv-sips", test_srv_sips);
  g_test_add_func ("/sc/sip/locate/srv-chosen-transport", test_srv_chosen_transport);
  g_test_add_func ("/sc/sip/locate/no-srv", test_no_srv);
  g_test_add_func ("/sc/sip/locate/srv-dot", test_srv_dot);
  g_test_add_func ("/sc/sip/locate/probe-through-srv", test_probe_through_srv);
  g_test_add_func ("/sc/sip/locate/next-address-udp", test_next_address_udp);
  g_test_add_func ("/sc/sip/locate/next-address-tcp", test_next_address_tcp);
  status = g_test_run ();
  g_object_unref (zone);
  return status;
}
