/* Requests the client builds: they round-trip through the parser, and nothing a user types
 * can inject a header line or contradict a core header. */
#include <locale.h>
#include <string.h>

#include "sc-sip-date.h"
#include "sc-sip-error.h"
#include "sc-sip-request.h"

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipRequest) req = sc_sip_request_new ("options", "sip:alice@127.0.0.1:5060", &error);
  g_autoptr(GBytes) body = g_bytes_new_static ("v=0\r\n", 5);
  g_autoptr(GBytes) wire = NULL;
  g_autoptr(ScSipMessage) msg = NULL;
  const ScSipHeader *identity;

  g_assert_no_error (error);
  sc_sip_request_set_via (req, "udp", "127.0.0.1", 5070);
  sc_sip_request_set_from (req, "sip:probe@127.0.0.1", "Probe \"quoted\"");
  sc_sip_request_set_contact (req, "sip:probe@127.0.0.1:5070");
  g_assert_true (sc_sip_request_add_header_line (req, "Identity: eyJhbGciOiJFUzI1NiJ9.e30.sig;info=<https://cert.example/x.pem>", &error));
  g_assert_no_error (error);
  sc_sip_request_set_body (req, body, "application/sdp");
  wire = sc_sip_request_serialize (req);
  msg = sc_sip_message_parse (wire, SC_SIP_FRAMING_STREAM, &error);
  g_assert_no_error (error);

  g_assert_true (msg->is_request);
  g_assert_true (sc_sip_slice_equal (msg->method, "OPTIONS"));
  g_assert_true (sc_sip_slice_equal (msg->cseq_method, "OPTIONS"));
  g_assert_cmpuint (msg->cseq, ==, 1);
  g_assert_cmpuint (msg->n_vias, ==, 1);
  g_assert_true (sc_sip_slice_equal (msg->vias[0].branch, sc_sip_request_get_branch (req)));
  g_assert_true (g_str_has_prefix (sc_sip_request_get_branch (req), "z9hG4bK"));
  g_assert_true (msg->vias[0].has_rport);
  g_assert_cmpuint (msg->vias[0].port, ==, 5070);
  g_assert_true (sc_sip_slice_equal (msg->from.tag, sc_sip_request_get_from_tag (req)));
  g_assert_true (sc_sip_slice_equal (msg->from.display, "Probe \\\"quoted\\\""));
  g_assert_true (sc_sip_slice_equal (msg->call_id, sc_sip_request_get_call_id (req)));
  g_assert_cmpint (msg->max_forwards, ==, 70);
  g_assert_cmpint (msg->content_length, ==, 5);
  g_assert_cmpmem (msg->body.p, msg->body.len, "v=0\r\n", 5);
  identity = sc_sip_message_find (msg, SC_SIP_HEADER_IDENTITY, 0);
  g_assert_nonnull (identity);
  g_assert_cmpuint (msg->size, ==, g_bytes_get_size (wire));
}

static void
test_ipv6_and_branches (void)
{
  g_autoptr(ScSipRequest) req = sc_sip_request_new ("REGISTER", "sip:[::1]:5060", NULL);
  g_autofree char *first = NULL;
  g_autoptr(GBytes) wire = NULL;
  g_autoptr(ScSipMessage) msg = NULL;

  sc_sip_request_set_via (req, "TCP", "::1", 40000);
  first = g_strdup (sc_sip_request_get_branch (req));
  sc_sip_request_new_branch (req);
  g_assert_cmpstr (first, !=, sc_sip_request_get_branch (req));
  wire = sc_sip_request_serialize (req);
  msg = sc_sip_message_parse (wire, SC_SIP_FRAMING_STREAM, NULL);
  g_assert_nonnull (msg);
  g_assert_true (msg->vias[0].ipv6);
  g_assert_true (sc_sip_slice_equal (msg->vias[0].host, "::1"));
  g_assert_true (msg->request_uri.ipv6);
}

static void
test_refused (void)
{
  g_autoptr(ScSipRequest) req = sc_sip_request_new ("OPTIONS", "sip:a@b", NULL);
  struct { const char *name, *value; } headers[] = {
    { "X-Test", "a\r\nVia: SIP/2.0/UDP evil" },
    { "Via", "SIP/2.0/UDP other" },
    { "content-length", "0" },
    { "Bad Name", "x" },
    { "", "x" },
  };
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL;
  g_autoptr(ScSipRequest) bad_method = sc_sip_request_new ("IN VITE", "sip:a@b", &e1);
  g_autoptr(ScSipRequest) bad_uri = sc_sip_request_new ("OPTIONS", "not a uri", &e2);

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (sc_sip_request_add_header (req, headers[i].name, headers[i].value, &error));
      g_assert_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
    }
  g_assert_false (sc_sip_request_add_header_line (req, "NoColonHere", &e3));
  g_assert_error (e3, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
  g_assert_null (bad_method);
  g_assert_error (e1, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
  g_assert_null (bad_uri);
  g_assert_error (e2, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
}

static gboolean
parse (const char *text,
       gint64     *unix_time)
{
  return sc_sip_date_parse ((ScSipSlice) { text, strlen (text) }, unix_time);
}

/* The Date we send reads back as the same second, in any locale; a leap day too. */
static void
test_date_round_trip (void)
{
  const gint64 times[] = { 0, 1796424395, 1709208000 /* 2024-02-29 12:00:00 */, 4102444799 };
  gint64 back = -1;

  setlocale (LC_ALL, "C.UTF-8");
  g_assert_true (parse ("Fri, 04 Dec 2026 22:46:35 GMT", &back));
  g_assert_cmpint (back, ==, 1796424395);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *text = sc_sip_date_format (times[i]);

      g_assert_true (parse (text, &back));
      g_assert_cmpint (back, ==, times[i]);
    }
}

static void
test_date_refused (void)
{
  const char *bad[] = {
    "Thu, 04 Dec 2026 22:46:35 GMT",    /* the weekday is not the date's */
    "Fri, 04 Dec 2026 22:46:35 UTC",
    "Fri, 04 Dez 2026 22:46:35 GMT",
    "Mon, 30 Feb 2026 22:46:35 GMT",
    "Fri, 04 Dec 2026 24:46:35 GMT",
    "Fri, 04 Dec 2026 22:46:35 GMT ",
    "Fri, 4 Dec 2026 22:46:35 GMT",
    "2026-12-04T22:46:35Z",
    "",
  };
  gint64 back = -1;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (parse (bad[i], &back));
      g_assert_cmpint (back, ==, -1);
    }
  g_assert_false (sc_sip_date_parse (SC_SIP_SLICE_EMPTY, &back));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/sip/request/round-trip", test_round_trip);
  g_test_add_func ("/sc/sip/request/ipv6-and-branches", test_ipv6_and_branches);
  g_test_add_func ("/sc/sip/request/refused", test_refused);
  g_test_add_func ("/sc/sip/date/round-trip", test_date_round_trip);
  g_test_add_func ("/sc/sip/date/refused", test_date_refused);
  return g_test_run ();
}
