/* Identity values: the signer wrapper refuses what cannot go on a header line, and the
 * request builder's Date and replaceable headers that carry them. */
#include <locale.h>
#include <string.h>

#include "sc-sip-error.h"
#include "sc-sip-identity-signer.h"
#include "sc-sip-request.h"
#include "sc-test-signer.h"

static const ScSipIdentityRequest some_request = { .method = "INVITE", .from_uri = "sip:+81312345678@example.jp",
                                                   .to_uri = "sip:+81398765432@example.jp", .date_unix = 1795492800 };

static void
test_fixed (void)
{
  g_autoptr(ScSipIdentitySigner) signer = sc_sip_fixed_identity_new ("eyJ0.eyJ1.c2ln;info=<https://cert.example/a.pem>");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = sc_sip_identity_signer_sign (signer, &some_request, &error);
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "eyJ0.eyJ1.c2ln;info=<https://cert.example/a.pem>");
  second = sc_sip_identity_signer_sign (signer, &some_request, &error);
  g_assert_cmpstr (second, ==, first);
}

/* A pasted value with a line break would inject a header: refused when it is used. */
static void
test_fixed_refused (void)
{
  const char *values[] = { "a.b.c\r\nVia: SIP/2.0/UDP evil", "a.b.c\n", "a.b.c\rX", "", "a\001b" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(ScSipIdentitySigner) signer = sc_sip_fixed_identity_new (values[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *value = sc_sip_identity_signer_sign (signer, &some_request, &error);

      g_assert_null (value);
      g_assert_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
      if (strpbrk (values[i], "\r\n") != NULL)
        g_assert_nonnull (strstr (error->message, "line break"));
    }
}

/* A signer's own error comes through as it is; NULL without one becomes an error. */
static void
test_signer_errors (void)
{
  g_autoptr(ScTestSigner) failing = sc_test_signer_new (SC_TEST_SIGNER_FAILING);
  g_autoptr(ScTestSigner) silent = sc_test_signer_new (SC_TEST_SIGNER_SILENT);
  g_autoptr(GError) e1 = NULL, e2 = NULL;
  g_autofree char *v1 = sc_sip_identity_signer_sign (SC_SIP_IDENTITY_SIGNER (failing), &some_request, &e1);
  g_autofree char *v2 = sc_sip_identity_signer_sign (SC_SIP_IDENTITY_SIGNER (silent), &some_request, &e2);

  g_assert_null (v1);
  g_assert_error (e1, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_null (v2);
  g_assert_error (e2, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
  g_assert_nonnull (strstr (e2->message, "no Identity value"));
  g_assert_cmpstr (sc_test_signer_get_call (silent, 0)->to_uri, ==, "sip:+81398765432@example.jp");
}

static char *
serialized (ScSipRequest *request)
{
  g_autoptr(GBytes) wire = sc_sip_request_serialize (request);

  return g_strndup (g_bytes_get_data (wire, NULL), g_bytes_get_size (wire));
}

/* IMF-fixdate in English and GMT whatever the locale; a second Date replaces the first. */
static void
test_date (void)
{
  g_autoptr(ScSipRequest) request = sc_sip_request_new ("INVITE", "sip:bob@example.jp", NULL);
  g_autofree char *first = NULL, *second = NULL;

  sc_sip_request_set_date (request, 1795492800);
  first = serialized (request);
  g_assert_nonnull (strstr (first, "\r\nDate: Tue, 24 Nov 2026 04:00:00 GMT\r\n"));
  sc_sip_request_set_date (request, 946684799);
  second = serialized (request);
  g_assert_nonnull (strstr (second, "\r\nDate: Fri, 31 Dec 1999 23:59:59 GMT\r\n"));
  g_assert_null (strstr (second, "2026"));
}

/* Setting a header replaces any of that name, in its compact form too ("y" is Identity). */
static void
test_set_header (void)
{
  g_autoptr(ScSipRequest) request = sc_sip_request_new ("INVITE", "sip:bob@example.jp", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *wire = NULL;

  g_assert_true (sc_sip_request_add_header_line (request, "y: pasted", &error));
  g_assert_true (sc_sip_request_add_header_line (request, "X-Keep: 1", &error));
  g_assert_true (sc_sip_request_set_header (request, "Identity", "first", &error));
  g_assert_true (sc_sip_request_set_header (request, "Identity", "second", &error));
  g_assert_no_error (error);
  g_assert_false (sc_sip_request_set_header (request, "Identity", "a\r\nb", &error));
  g_assert_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
  wire = serialized (request);
  g_assert_null (strstr (wire, "pasted"));
  g_assert_null (strstr (wire, "first"));
  g_assert_nonnull (strstr (wire, "\r\nIdentity: second\r\n"));
  g_assert_nonnull (strstr (wire, "\r\nX-Keep: 1\r\n"));
  g_assert_cmpstr (sc_sip_request_get_to_uri (request), ==, "sip:bob@example.jp");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/sip/identity/fixed", test_fixed);
  g_test_add_func ("/sc/sip/identity/fixed-refused", test_fixed_refused);
  g_test_add_func ("/sc/sip/identity/signer-errors", test_signer_errors);
  g_test_add_func ("/sc/sip/identity/date", test_date);
  g_test_add_func ("/sc/sip/identity/set-header", test_set_header);
  return g_test_run ();
}
