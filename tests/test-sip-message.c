/* The message parser against the RFC 4475 torture messages (exact bytes), plus framing on
 * streams and the fields a few of them are about. */
#include <locale.h>
#include <string.h>

#include "sc-sip-error.h"
#include "sc-sip-message.h"

typedef struct {
  char    *name;
  gboolean valid;
} TortureCase;

static GBytes *
load (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".sip", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sip", "rfc4475", file, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
test_torture (gconstpointer data)
{
  const TortureCase *c = data;
  g_autoptr(GBytes) bytes = load (c->name);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipMessage) msg = sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, &error);

  if (c->valid && msg == NULL)
    g_error ("%s is valid but was rejected: %s", c->name, error->message);
  if (!c->valid && msg != NULL)
    g_error ("%s is invalid but was accepted", c->name);
  if (!c->valid)
    {
      g_assert_true (error->domain == SC_SIP_ERROR);
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_test_message ("%s: %s", c->name, error->message);
    }
}

static ScSipMessage *
parse_ok (const char *name)
{
  g_autoptr(GBytes) bytes = load (name);
  g_autoptr(GError) error = NULL;
  ScSipMessage *msg = sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, &error);

  g_assert_no_error (error);
  return msg;
}

static char *
dup (ScSipSlice s)
{
  return sc_sip_slice_dup (s);
}

static void
test_fields (void)
{
  g_autoptr(ScSipMessage) wsinv = parse_ok ("wsinv");
  g_autoptr(ScSipMessage) esc02 = parse_ok ("esc02");
  g_autoptr(ScSipMessage) dblreq = parse_ok ("dblreq");
  g_autoptr(ScSipMessage) semiuri = parse_ok ("semiuri");
  g_autoptr(ScSipMessage) mpart01 = parse_ok ("mpart01");
  g_autoptr(ScSipMessage) noreason = parse_ok ("noreason");
  g_autoptr(ScSipMessage) inv2543 = parse_ok ("inv2543");
  g_autoptr(ScSipMessage) cparam01 = parse_ok ("cparam01");
  g_autoptr(ScSipMessage) cparam02 = parse_ok ("cparam02");
  g_autoptr(ScSipMessage) transports = parse_ok ("transports");
  g_autofree char *method = dup (esc02->method);
  g_autofree char *user = dup (semiuri->request_uri.user);
  g_autofree char *wsinv_from = dup (wsinv->from.uri.user);
  ScSipAddress *contact;

  /* wsinv: folded and compact headers decode like plain ones. */
  g_assert_true (wsinv->is_request);
  g_assert_cmpuint (wsinv->n_vias, ==, 3);
  g_assert_true (sc_sip_slice_equal (wsinv->vias[0].transport, "UDP"));
  g_assert_true (sc_sip_slice_equal (wsinv->vias[0].host, "192.0.2.2"));
  g_assert_true (sc_sip_slice_equal (wsinv->vias[1].branch, "z9hG4bK9ikj8"));
  g_assert_cmpuint (wsinv->cseq, ==, 0x9);
  g_assert_cmpint (wsinv->max_forwards, ==, 68);
  g_assert_true (wsinv->from.tag.len > 0);
  /* esc02: an escaped method is not REGISTER, and "C%6Fntact" is an unknown header. */
  g_assert_cmpstr (method, ==, "RE%47IST%45R");
  g_assert_cmpuint (esc02->n_contacts, ==, 2);
  for (guint i = 0; i < esc02->n_headers; i++)
    {
      const ScSipHeader *h = &esc02->headers[i];
      if (sc_sip_slice_equal (h->name, "C%6Fntact"))
        g_assert_cmpint (h->id, ==, SC_SIP_HEADER_OTHER);
    }
  /* dblreq: the REGISTER ends at its Content-Length; the INVITE after it is ignored. */
  g_assert_cmpuint (dblreq->content_length, ==, 0);
  g_assert_true (dblreq->size < g_bytes_get_size (dblreq->bytes));
  g_assert_true (sc_sip_slice_equal (dblreq->method, "REGISTER"));
  /* semiuri: the user part holds ";par=u%40example.net". */
  g_assert_cmpstr (user, ==, "user;par=u%40example.net");
  g_assert_cmpuint (mpart01->body.len, ==, 553);
  g_assert_cmpuint (noreason->status, ==, 100);
  g_assert_cmpuint (noreason->reason.len, ==, 0);
  /* inv2543: no Content-Length, so the body is the rest of the datagram. */
  g_assert_cmpint (inv2543->content_length, ==, -1);
  g_assert_cmpuint (inv2543->body.len, >, 0);
  /* cparam01: unbracketed, ";unknownparam" belongs to the Contact, not its URI; cparam02: the URI. */
  contact = &cparam01->contacts[0];
  g_assert_false (sc_sip_uri_get_param (&contact->uri, "unknownparam", NULL));
  contact = &cparam02->contacts[0];
  g_assert_true (sc_sip_uri_get_param (&contact->uri, "unknownparam", NULL));
  g_assert_cmpuint (transports->n_vias, ==, 5);
  g_assert_true (sc_sip_slice_equal (transports->vias[1].transport, "SCTP"));
  g_assert_nonnull (wsinv_from);
}

/* More headers and Vias than a message holds inline: the arrays move to the heap intact. */
static void
test_long_lists (void)
{
  g_autoptr(ScSipMessage) longreq = parse_ok ("longreq");

  g_assert_cmpuint (longreq->n_headers, ==, 43);
  g_assert_cmpuint (longreq->n_vias, ==, 34);
  for (guint i = 0; i < longreq->n_vias; i++)
    g_assert_cmpuint (longreq->vias[i].host.len, >, 0);
  g_assert_true (longreq->headers[0].name.len > 0);
  g_assert_true (longreq->headers[longreq->n_headers - 1].name.len > 0);
}

static void
test_stream_framing (void)
{
  const char *two = "\r\n\r\nOPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: x\r\n"
                    "CSeq: 1 OPTIONS\r\nFrom: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\nContent-Length: 4\r\n\r\nbodyNEXT";
  g_autoptr(GBytes) all = g_bytes_new_static (two, strlen (two));
  g_autoptr(GBytes) part = g_bytes_new_static (two, strlen (two) - 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipMessage) msg = sc_sip_message_parse (all, SC_SIP_FRAMING_STREAM, &error);
  g_autoptr(ScSipMessage) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (msg->body.len, ==, 4);
  g_assert_cmpmem (msg->body.p + msg->body.len, 4, "NEXT", 4);
  none = sc_sip_message_parse (part, SC_SIP_FRAMING_STREAM, &error);
  g_assert_null (none);
  g_assert_error (error, SC_SIP_ERROR, SC_SIP_ERROR_INCOMPLETE);
}

static void
test_errors_say_where (void)
{
  const char *text = "INVITE sip:a@b SIP/2.0\r\nVia SIP/2.0/UDP h\r\n\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipMessage) msg = sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, &error);

  g_assert_null (msg);
  g_assert_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "line 2, column 1:"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *expected_path = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new ();
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  expected_path = g_test_build_filename (G_TEST_DIST, "data", "sip", "rfc4475", "EXPECTED.tsv", NULL);
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  lines = g_strsplit (expected, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);
      TortureCase *c;
      g_autofree char *path = NULL;

      if (g_strv_length (fields) < 2)
        continue;
      c = g_new0 (TortureCase, 1);
      c->name = g_strdup (fields[0]);
      c->valid = g_str_equal (fields[1], "valid");
      path = g_strdup_printf ("/sc/sip/rfc4475/%s", c->name);
      g_test_add_data_func (path, c, test_torture);
      g_ptr_array_add (cases, c);
    }
  g_assert_cmpuint (cases->len, ==, 49);
  g_test_add_func ("/sc/sip/message/fields", test_fields);
  g_test_add_func ("/sc/sip/message/long-lists", test_long_lists);
  g_test_add_func ("/sc/sip/message/stream-framing", test_stream_framing);
  g_test_add_func ("/sc/sip/message/errors-say-where", test_errors_say_where);
  status = g_test_run ();
  for (guint i = 0; i < cases->len; i++)
    {
      TortureCase *c = g_ptr_array_index (cases, i);
      g_free (c->name);
      g_free (c);
    }
  return status;
}
