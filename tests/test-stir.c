/* The STIR/SHAKEN room: base64url by the book, the canonical JSON RFC 8225 signs, ES256 signatures
 * that verify here and with openssl, PASSporTs made by openssl that verify here, and every
 * tampering refused. Keys and certificates are made by openssl for the test. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <string.h>

#include "sc-stir-base64url.h"
#include "sc-stir-error.h"
#include "sc-stir-es256.h"
#include "sc-stir-passport.h"

static char *dir;

static void
run (const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  /* Its output is captured: the test's own is TAP. */
  g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", command, err);
}

static char *
path (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static GBytes *
file_bytes (const char *name)
{
  g_autofree char *p = path (name);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (p, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static void
make_keys (void)
{
  const char *names[] = { "key", "other" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *key = g_strdup_printf ("%s/%s.pem", dir, names[i]);
      g_autofree char *cert = g_strdup_printf ("%s/%s-cert.pem", dir, names[i]);
      g_autofree char *pub = g_strdup_printf ("%s/%s-pub.pem", dir, names[i]);
      g_autofree char *genkey = g_strdup_printf ("openssl ecparam -name prime256v1 -genkey -noout -out %s", key);
      g_autofree char *req = g_strdup_printf ("openssl req -new -x509 -key %s -out %s -days 2 -subj /CN=SHAKEN-test", key, cert);
      g_autofree char *pubkey = g_strdup_printf ("openssl ec -in %s -pubout -out %s", key, pub);
      run (genkey);
      run (req);
      run (pubkey);
    }
  {
    g_autofree char *rsa = g_strdup_printf ("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out %s/rsa.pem", dir);
    run (rsa);
  }
}

static void
test_base64url (void)
{
  const guint8 data[] = { 0xfb, 0xff, 0x00, 'a' };
  g_autofree char *text = sc_stir_base64url_encode (data, sizeof data);
  g_autoptr(GBytes) back = sc_stir_base64url_decode (text, strlen (text), NULL);
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "ab+c", "ab/c", "abc=", "a", "ab c", "abcde" };

  g_assert_cmpstr (text, ==, "-_8AYQ");
  g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), data, sizeof data);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) none = sc_stir_base64url_decode (bad[i], strlen (bad[i]), &error);
      g_assert_null (none);
      g_assert_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED);
      g_clear_error (&error);
    }
}

static void
test_canonical (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *canonical = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{ \"orig\": {\"tn\": \"12155551212\"}, \"dest\": {\"tn\": [\"12155551213\"]}, \"iat\": 1443208345,"
    "  \"attest\": \"A\", \"origid\": \"123e4567-e89b-12d3-a456-426655440000\" }", -1, NULL));
  canonical = sc_stir_canonical_json (json_parser_get_root (parser));
  /* RFC 8225 §9 and RFC 8588's example: keys sorted, no whitespace. */
  g_assert_cmpstr (canonical, ==,
                   "{\"attest\":\"A\",\"dest\":{\"tn\":[\"12155551213\"]},\"iat\":1443208345,"
                   "\"orig\":{\"tn\":\"12155551212\"},\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}");
}

static ScStirPassport *
shaken_passport (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *header = json_object_new (), *claims;

  json_object_set_string_member (header, "alg", "ES256");
  json_object_set_string_member (header, "ppt", "shaken");
  json_object_set_string_member (header, "typ", "passport");
  json_object_set_string_member (header, "x5u", "https://cert.example.org/passport.pem");
  g_assert_true (json_parser_load_from_data (parser,
    "{\"attest\":\"A\",\"dest\":{\"tn\":[\"12155551213\"]},\"iat\":1443208345,\"orig\":{\"tn\":\"12155551212\"},"
    "\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}", -1, NULL));
  claims = json_node_get_object (json_parser_get_root (parser));
  {
    ScStirPassport *passport = sc_stir_passport_new (header, claims);
    json_object_unref (header);
    return passport;
  }
}

/* Signed here: verifies here, and openssl verifies the same r ‖ s once made DER. */
static void
test_sign_verify (void)
{
  g_autoptr(ScStirPassport) passport = shaken_passport ();
  g_autoptr(GBytes) key = file_bytes ("key.pem");
  g_autoptr(GBytes) cert = file_bytes ("key-cert.pem");
  g_autoptr(GBytes) other = file_bytes ("other-cert.pem");
  g_autoptr(GBytes) rsa = file_bytes ("rsa.pem");
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = NULL, *input = path ("input"), *sig = path ("sig.der"), *command = NULL;
  g_autoptr(ScStirPassport) decoded = NULL;
  const guint8 *rs;
  gnutls_datum_t r, s, der = { NULL, 0 };

  passport->signature = sc_stir_es256_sign (key, passport->signing_input, strlen (passport->signing_input), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (passport->signature), ==, SC_STIR_ES256_SIGNATURE_SIZE);
  compact = sc_stir_passport_encode (passport);
  decoded = sc_stir_passport_decode (compact, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (decoded->header, "ppt"), ==, "shaken");
  g_assert_cmpint (json_object_get_int_member (decoded->claims, "iat"), ==, 1443208345);
  g_assert_true (sc_stir_es256_verify (cert, decoded->signing_input, strlen (decoded->signing_input), decoded->signature, &error));
  g_assert_no_error (error);

  /* openssl's own verify of the same signature. */
  rs = g_bytes_get_data (passport->signature, NULL);
  r = (gnutls_datum_t) { (unsigned char *) rs, 32 };
  s = (gnutls_datum_t) { (unsigned char *) rs + 32, 32 };
  g_assert_cmpint (gnutls_encode_rs_value (&der, &r, &s), ==, 0);
  g_assert_true (g_file_set_contents (input, passport->signing_input, -1, NULL));
  g_assert_true (g_file_set_contents (sig, (const char *) der.data, der.size, NULL));
  gnutls_free (der.data);
  command = g_strdup_printf ("openssl dgst -sha256 -verify %s/key-pub.pem -signature %s %s", dir, sig, input);
  run (command);

  /* The wrong certificate, or an RSA key, does not pass. */
  g_assert_false (sc_stir_es256_verify (other, decoded->signing_input, strlen (decoded->signing_input), decoded->signature, &error));
  g_assert_error (error, SC_STIR_ERROR, SC_STIR_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);
  g_assert_null (sc_stir_es256_sign (rsa, "x", 1, &error));
  g_assert_error (error, SC_STIR_ERROR, SC_STIR_ERROR_CREDENTIAL);
}

/* A claim changed after signing: the signature no longer verifies. */
static void
test_tampered (void)
{
  g_autoptr(ScStirPassport) passport = shaken_passport ();
  g_autoptr(GBytes) key = file_bytes ("key.pem");
  g_autoptr(GBytes) cert = file_bytes ("key-cert.pem");
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = NULL;
  g_autoptr(ScStirPassport) tampered = NULL;
  g_autofree char *forged_claims = NULL, *forged = NULL;
  const char *dot1, *dot2;

  passport->signature = sc_stir_es256_sign (key, passport->signing_input, strlen (passport->signing_input), &error);
  compact = sc_stir_passport_encode (passport);
  dot1 = strchr (compact, '.');
  dot2 = strchr (dot1 + 1, '.');
  {
    const char *claims = "{\"attest\":\"A\",\"dest\":{\"tn\":[\"19995551234\"]},\"iat\":1443208345,"
                         "\"orig\":{\"tn\":\"12155551212\"},\"origid\":\"x\"}";
    forged_claims = sc_stir_base64url_encode ((const guint8 *) claims, strlen (claims));
  }
  forged = g_strdup_printf ("%.*s.%s%s", (int) (dot1 - compact), compact, forged_claims, dot2);
  tampered = sc_stir_passport_decode (forged, &error);
  g_assert_no_error (error);
  g_assert_false (sc_stir_es256_verify (cert, tampered->signing_input, strlen (tampered->signing_input), tampered->signature, &error));
  g_assert_error (error, SC_STIR_ERROR, SC_STIR_ERROR_BAD_SIGNATURE);
}

/* A PASSporT made entirely by openssl (and GLib's base64, not ours) verifies here. */
static void
test_made_by_openssl (void)
{
  const char *header = "{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"https://cert.example.org/passport.pem\"}";
  const char *claims = "{\"attest\":\"B\",\"dest\":{\"tn\":[\"815012345678\"]},\"iat\":1700000000,\"orig\":{\"tn\":\"81312345678\"},\"origid\":\"0f2f1f9e-0000-4000-8000-000000000001\"}";
  g_autofree char *h64 = g_base64_encode ((const guchar *) header, strlen (header));
  g_autofree char *c64 = g_base64_encode ((const guchar *) claims, strlen (claims));
  g_autofree char *input = NULL, *input_path = path ("ext-input"), *sig_path = path ("ext-sig.der"), *command = NULL;
  g_autofree char *der_text = NULL, *compact = NULL;
  g_autoptr(GString) s64 = NULL;
  g_autoptr(GBytes) cert = file_bytes ("key-cert.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStirPassport) passport = NULL;
  gnutls_datum_t der, r = { NULL, 0 }, s = { NULL, 0 };
  guint8 rs[64] = { 0 };
  gsize der_len;

  /* base64 → base64url by hand: + → -, / → _, no padding. */
  for (char *p = h64; *p; p++) *p = *p == '+' ? '-' : *p == '/' ? '_' : *p;
  for (char *p = c64; *p; p++) *p = *p == '+' ? '-' : *p == '/' ? '_' : *p;
  if (strchr (h64, '=') != NULL)
    *strchr (h64, '=') = '\0';
  if (strchr (c64, '=') != NULL)
    *strchr (c64, '=') = '\0';
  input = g_strconcat (h64, ".", c64, NULL);
  g_assert_true (g_file_set_contents (input_path, input, -1, NULL));
  command = g_strdup_printf ("openssl dgst -sha256 -sign %s/key.pem -out %s %s", dir, sig_path, input_path);
  run (command);
  g_assert_true (g_file_get_contents (sig_path, &der_text, &der_len, NULL));
  der = (gnutls_datum_t) { (unsigned char *) der_text, der_len };
  g_assert_cmpint (gnutls_decode_rs_value (&der, &r, &s), ==, 0);
  memcpy (rs + 32 - MIN (r.size, 32), r.data + (r.size > 32 ? r.size - 32 : 0), MIN (r.size, 32));
  memcpy (rs + 64 - MIN (s.size, 32), s.data + (s.size > 32 ? s.size - 32 : 0), MIN (s.size, 32));
  gnutls_free (r.data);
  gnutls_free (s.data);
  {
    g_autofree char *b = g_base64_encode (rs, 64);
    s64 = g_string_new (b);
    g_string_replace (s64, "+", "-", 0);
    g_string_replace (s64, "/", "_", 0);
    g_string_replace (s64, "=", "", 0);
  }
  compact = g_strconcat (input, ".", s64->str, NULL);
  passport = sc_stir_passport_decode (compact, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (passport->claims, "attest"), ==, "B");
  g_assert_true (sc_stir_es256_verify (cert, passport->signing_input, strlen (passport->signing_input), passport->signature, &error));
  g_assert_no_error (error);
}

static void
test_malformed (void)
{
  const char *bad[] = { "abc", "a.b", "a.b.c.d", "e30.e30.!!", "bm90IGpzb24.e30.AAAA", "e30.W10.AAAA" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScStirPassport) passport = sc_stir_passport_decode (bad[i], &error);
      g_assert_null (passport);
      g_assert_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("sc-stir-XXXXXX", &error);
  g_assert_no_error (error);
  make_keys ();
  g_test_add_func ("/sc/stir/base64url", test_base64url);
  g_test_add_func ("/sc/stir/canonical", test_canonical);
  g_test_add_func ("/sc/stir/sign-verify", test_sign_verify);
  g_test_add_func ("/sc/stir/tampered", test_tampered);
  g_test_add_func ("/sc/stir/made-by-openssl", test_made_by_openssl);
  g_test_add_func ("/sc/stir/malformed", test_malformed);
  status = g_test_run ();
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf %s", dir);
    run (rm);
  }
  g_free (dir);
  return status;
}
