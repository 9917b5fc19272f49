/* Digest authentication: RFC 2617 and RFC 7616 test vectors, RFC 8760 algorithm choice, and
 * challenges that must be refused with a reason. */
#include <locale.h>
#include <string.h>

#include "sc-sip-digest.h"
#include "sc-sip-error.h"

static ScSipSlice
slice (const char *text)
{
  return (ScSipSlice) { text, strlen (text) };
}

static void
test_rfc2617_md5 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipDigestChallenge) c = sc_sip_digest_challenge_parse (
    slice ("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\",\r\n nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
           "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), FALSE, &error);
  g_autofree char *auth = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (c->algorithm, ==, SC_SIP_DIGEST_MD5);
  g_assert_true (c->qop_auth);
  auth = sc_sip_digest_authorization (c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b");
  g_assert_nonnull (strstr (auth, "response=\"6629fae49393a05397450978507c4ef1\""));
  g_assert_nonnull (strstr (auth, "qop=auth, nc=00000001"));
  g_assert_nonnull (strstr (auth, "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
  g_assert_null (strstr (auth, "Circle Of Life"));
}

static void
test_rfc7616_sha256 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipDigestChallenge) c = sc_sip_digest_challenge_parse (
    slice ("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, "
           "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""),
    TRUE, &error);
  g_autofree char *auth = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (c->algorithm, ==, SC_SIP_DIGEST_SHA256);
  g_assert_true (c->proxy);
  auth = sc_sip_digest_authorization (c, "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1,
                                      "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
  g_assert_nonnull (strstr (auth, "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""));
  g_assert_nonnull (strstr (auth, "algorithm=SHA-256"));
}

/* RFC 2069 style: no qop, so no nc and no cnonce. */
static void
test_no_qop (void)
{
  g_autoptr(ScSipDigestChallenge) c = sc_sip_digest_challenge_parse (
    slice ("Digest realm=\"atlanta.example.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\", stale=TRUE"), FALSE, NULL);
  g_autofree char *auth = sc_sip_digest_authorization (c, "alice", "secret", "REGISTER", "sip:atlanta.example.com", 1, NULL);

  g_assert_true (c->stale);
  g_assert_false (c->qop_auth);
  g_assert_null (strstr (auth, "nc="));
  g_assert_null (strstr (auth, "cnonce="));
  g_assert_null (strstr (auth, "secret"));
}

static void
test_pick_strongest (void)
{
  const char *text = "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: x\r\nCSeq: 1 REGISTER\r\n"
                     "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>;tag=2\r\n"
                     "WWW-Authenticate: Digest realm=\"b\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"\r\n"
                     "WWW-Authenticate: Digest realm=\"b\", nonce=\"n2\", algorithm=SHA-256, qop=\"auth\"\r\n"
                     "Content-Length: 0\r\n\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSipMessage) msg = sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, &error);
  g_autoptr(ScSipDigestChallenge) c = NULL;

  g_assert_no_error (error);
  c = sc_sip_digest_challenge_pick (msg, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->algorithm, ==, SC_SIP_DIGEST_SHA256);
  g_assert_cmpstr (c->nonce, ==, "n2");
}

static void
test_refused (void)
{
  const char *bad[] = {
    "Basic realm=\"b\"",
    "Digest realm=\"b\"",
    "Digest realm=\"b\", nonce=\"n\", algorithm=SHA-512-256",
    "Digest realm=\"b, nonce=\"n",
    "Digest realm=\"b\", nonce=\"n\", qop=\"auth-int\"",
    "Digest realm",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScSipDigestChallenge) c = sc_sip_digest_challenge_parse (slice (bad[i]), FALSE, &error);

      if (c != NULL)
        g_error ("accepted: %s", bad[i]);
      g_assert_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED);
      g_test_message ("%s -> %s", bad[i], error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/sip/digest/rfc2617-md5", test_rfc2617_md5);
  g_test_add_func ("/sc/sip/digest/rfc7616-sha256", test_rfc7616_sha256);
  g_test_add_func ("/sc/sip/digest/no-qop", test_no_qop);
  g_test_add_func ("/sc/sip/digest/pick-strongest", test_pick_strongest);
  g_test_add_func ("/sc/sip/digest/refused", test_refused);
  return g_test_run ();
}
