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
#include "sc-stir-signer.h"
#include "sc-stir-verification.h"

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

/* openssl's own verify of a signature made here: the same r ‖ s once made DER. */
static void
openssl_verifies (ScStirPassport *passport)
{
  g_autofree char *input = path ("input"), *sig = path ("sig.der"), *command = NULL;
  const guint8 *rs = g_bytes_get_data (passport->signature, NULL);
  gnutls_datum_t r = { (unsigned char *) rs, 32 }, s = { (unsigned char *) rs + 32, 32 }, der = { NULL, 0 };

  g_assert_cmpint (gnutls_encode_rs_value (&der, &r, &s), ==, 0);
  g_assert_true (g_file_set_contents (input, passport->signing_input, -1, NULL));
  g_assert_true (g_file_set_contents (sig, (const char *) der.data, der.size, NULL));
  gnutls_free (der.data);
  command = g_strdup_printf ("openssl dgst -sha256 -verify %s/key-pub.pem -signature %s %s", dir, sig, input);
  run (command);
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
  g_autofree char *compact = NULL;
  g_autoptr(ScStirPassport) decoded = NULL;

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

  openssl_verifies (passport);

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

/* A request to @ruri (the current target) with To @to, and @extra headers ("" for none). */
static ScSipMessage *
request_with (const char *from,
              const char *to,
              const char *ruri,
              const char *extra)
{
  g_autofree char *text = g_strdup_printf ("INVITE sip:%s@example.net SIP/2.0\r\n"
                                           "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1\r\n"
                                           "From: <sip:%s@example.jp>;tag=1\r\n"
                                           "To: <sip:%s@example.net>\r\n"
                                           "Call-ID: c1@192.0.2.10\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n%s"
                                           "Content-Length: 0\r\n\r\n", ruri, from, to, extra);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  ScSipMessage *message = sc_sip_message_parse (bytes, SC_SIP_FRAMING_DATAGRAM, &error);

  g_assert_no_error (error);
  return message;
}

static ScSipMessage *
request_message (const char *from,
                 const char *to)
{
  return request_with (from, to, to, "");
}

static const ScStirCheck *
check (ScStirVerification *v,
       const char         *id)
{
  for (guint i = 0; i < v->checks->len; i++)
    if (g_str_equal (g_array_index (v->checks, ScStirCheck, i).id, id))
      return &g_array_index (v->checks, ScStirCheck, i);
  g_error ("no check %s", id);
  return NULL;
}

/* The compact form (RFC 8225 §7), RFC 8224 §4.1.1's own example: header and claims left out, so
 * nothing to check without rebuilding them; SHAKEN sends the full form (RFC 8588 §3): 438, said
 * as such. An empty header alone is not the compact form. */
static void
test_compact_form (void)
{
  const char *compact = "..rq3pjT1hoRwakEGjHCnWSwUnshd0-zJ6F1VOgFWSjHBr8Qjpjlk-cpFYpFYsojNCpTzO3QfPOlckGaS6hEck7w";
  g_autofree char *value = g_strdup_printf ("Identity: %s;info=<https://biloxi.example.org/biloxi.cert>", compact);
  g_autoptr(ScStirVerification) v = sc_stir_verify (value, NULL, NULL, 0, SC_STIR_DEFAULT_MAX_AGE);
  g_autoptr(ScStirPassport) passport = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (v->passport);
  g_assert_cmpuint (v->checks->len, ==, 1);
  g_assert_cmpint (check (v, "form")->result, ==, SC_STIR_CHECK_FAILED);
  g_assert_cmpuint (v->code, ==, 438);
  g_assert_cmpstr (check (v, "form")->message, ==,
                   "a PASSporT in compact form (header and claims left out): it cannot be checked without rebuilding "
                   "them from the request, and SHAKEN uses the full form (RFC 8588 §3)");
  passport = sc_stir_passport_decode (".e30.AAAA", &error);
  g_assert_null (passport);
  g_assert_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "the header is not a JSON object");
}

static char *
signed_identity (gint64 iat)
{
  g_autoptr(GBytes) key = file_bytes ("key.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStirSigner) signer = sc_stir_signer_new (key, "https://cert.example.org/passport.pem", "A", &error);
  ScSipIdentityRequest request = { .method = "INVITE", .from_uri = "sip:+81312345678@example.jp",
                                   .to_uri = "sip:+81501234567@example.net", .date_unix = iat };
  char *value;

  g_assert_no_error (error);
  value = sc_sip_identity_signer_sign (SC_SIP_IDENTITY_SIGNER (signer), &request, &error);
  g_assert_no_error (error);
  return value;
}

/* Signed by our authentication service, verified by our verifier: every check passes, and
 * every request gets its own origid. */
static void
test_signer_round_trip (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *value = signed_identity (now), *again = signed_identity (now);
  g_autoptr(GBytes) cert = file_bytes ("key-cert.pem");
  g_autoptr(ScSipMessage) request = request_message ("+81312345678", "+81501234567");
  g_autoptr(ScStirVerification) v = sc_stir_verify (value, cert, request, now, SC_STIR_DEFAULT_MAX_AGE);
  g_autoptr(ScStirVerification) w = sc_stir_verify (again, cert, request, now, SC_STIR_DEFAULT_MAX_AGE);

  g_assert_true (g_str_has_suffix (value, ";info=<https://cert.example.org/passport.pem>;alg=ES256;ppt=shaken"));
  for (guint i = 0; i < v->checks->len; i++)
    if (g_array_index (v->checks, ScStirCheck, i).result != SC_STIR_CHECK_PASSED)
      g_error ("%s: %s", g_array_index (v->checks, ScStirCheck, i).id, g_array_index (v->checks, ScStirCheck, i).message);
  g_assert_true (v->verified);
  g_assert_cmpuint (v->code, ==, 0);
  g_assert_cmpstr (check (v, "orig")->message, ==, "81312345678");
  g_assert_cmpstr (check (v, "origid")->message, !=, check (w, "origid")->message);
}

/* A PASSporT signed by key.pem with header ppt @ppt and @claims as given, in an Identity header
 * with info @info and ppt parameter @ppt_param: for claims our signer would never make. */
static char *
signed_value (const char *ppt,
              const char *claims,
              const char *info,
              const char *ppt_param)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GBytes) key = file_bytes ("key.pem");
  g_autoptr(ScStirPassport) passport = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = NULL;

  json_object_set_string_member (header, "alg", "ES256");
  json_object_set_string_member (header, "ppt", ppt);
  json_object_set_string_member (header, "typ", "passport");
  json_object_set_string_member (header, "x5u", "https://cert.example.org/passport.pem");
  g_assert_true (json_parser_load_from_data (parser, claims, -1, NULL));
  passport = sc_stir_passport_new (header, json_node_get_object (json_parser_get_root (parser)));
  passport->signature = sc_stir_es256_sign (key, passport->signing_input, strlen (passport->signing_input), &error);
  g_assert_no_error (error);
  compact = sc_stir_passport_encode (passport);
  return sc_stir_identity_format (compact, info, ppt_param);
}

/* A good signature on claims that do not hold: each failure said on its own, with its code. */
static void
test_verdicts (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *value = signed_identity (now - 120);
  g_autoptr(GBytes) cert = file_bytes ("key-cert.pem");
  g_autoptr(GBytes) other = file_bytes ("other-cert.pem");
  g_autoptr(ScSipMessage) request = request_message ("+81312345678", "+81509999999");
  g_autoptr(ScStirVerification) stale = sc_stir_verify (value, cert, NULL, now, SC_STIR_DEFAULT_MAX_AGE);
  g_autoptr(ScStirVerification) wrong_dest = sc_stir_verify (value, cert, request, now, 3600);
  g_autoptr(ScStirVerification) wrong_key = sc_stir_verify (value, other, NULL, now, 3600);
  g_autoptr(ScStirVerification) no_cert = sc_stir_verify (value, NULL, NULL, now, 3600);
  g_autoptr(ScStirVerification) garbage = sc_stir_verify ("Identity: not$base64.e30.AAAA;info=<https://x>", cert, NULL, now, 60);
  g_autoptr(ScStirVerification) none = NULL, bare = NULL, info = NULL;
  g_autofree char *alg_none = NULL, *bare_value = NULL, *info_value = NULL;

  g_assert_cmpstr (check (stale, "form")->message, ==, "a PASSporT in full form (RFC 8224 §4.1)");
  g_assert_cmpint (check (stale, "signature")->result, ==, SC_STIR_CHECK_PASSED);
  g_assert_cmpint (check (stale, "iat")->result, ==, SC_STIR_CHECK_FAILED);
  g_assert_cmpuint (stale->code, ==, 403);
  g_assert_false (stale->verified);
  g_assert_cmpint (check (wrong_dest, "request")->result, ==, SC_STIR_CHECK_FAILED);
  g_assert_cmpuint (wrong_dest->code, ==, 438);
  g_assert_cmpint (check (wrong_key, "signature")->result, ==, SC_STIR_CHECK_FAILED);
  g_assert_cmpuint (wrong_key->code, ==, 438);
  g_assert_cmpint (check (no_cert, "signature")->result, ==, SC_STIR_CHECK_SKIPPED);
  g_assert_false (no_cert->verified);
  g_assert_cmpuint (no_cert->code, ==, 0);
  g_assert_cmpint (check (garbage, "form")->result, ==, SC_STIR_CHECK_FAILED);
  g_assert_cmpuint (garbage->code, ==, 438);

  /* alg=none: refused as a credential no verifier supports. */
  {
    const char *hj = "{\"alg\":\"none\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"https://x.example/c.pem\"}";
    const char *cj = "{\"iat\":1}";
    g_autofree char *h = sc_stir_base64url_encode ((const guint8 *) hj, strlen (hj));
    g_autofree char *c = sc_stir_base64url_encode ((const guint8 *) cj, strlen (cj));
    alg_none = g_strdup_printf ("%s.%s.;info=<https://x.example/c.pem>;ppt=shaken", h, c);
  }
  none = sc_stir_verify (alg_none, cert, NULL, now, 60);
  g_assert_cmpint (check (none, "alg")->result, ==, SC_STIR_CHECK_FAILED);
  g_assert_cmpuint (none->code, ==, 437);

  /* orig as a bare string, properly signed: the signature holds, the claims do not. */
  {
    g_autofree char *claims = g_strdup_printf ("{\"attest\":\"A\",\"dest\":{\"tn\":[\"81501234567\"]},\"iat\":%" G_GINT64_FORMAT ","
                                               "\"orig\":\"81312345678\",\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}", now);
    bare_value = signed_value ("shaken", claims, "https://cert.example.org/passport.pem", "shaken");
    info_value = signed_value ("shaken", claims, "https://elsewhere.example.org/c.pem", "shaken");
  }
  bare = sc_stir_verify (bare_value, cert, NULL, now, 60);
  g_assert_cmpint (check (bare, "signature")->result, ==, SC_STIR_CHECK_PASSED);
  g_assert_cmpint (check (bare, "orig")->result, ==, SC_STIR_CHECK_FAILED);
  g_assert_nonnull (strstr (check (bare, "orig")->message, "bare value"));
  g_assert_cmpuint (bare->code, ==, 438);
  info = sc_stir_verify (info_value, cert, NULL, now, 60);
  g_assert_cmpint (check (info, "x5u")->result, ==, SC_STIR_CHECK_FAILED);
  g_assert_cmpuint (info->code, ==, 436);
}

/* RFC 8946 §3: a call from DIV_ORIG to DIV_FROM, diverted to DIV_TO. */
#define DIV_ORIG "81312345678"
#define DIV_FROM "81501234567"
#define DIV_TO   "81509876543"

static char *
div_identity (gint64 iat)
{
  g_autoptr(GBytes) key = file_bytes ("key.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStirSigner) signer = sc_stir_signer_new (key, "https://cert.example.org/passport.pem", "A", &error);
  ScSipIdentityRequest request = { .method = "INVITE", .from_uri = "sip:+" DIV_ORIG "@example.jp",
                                   .to_uri = "sip:+" DIV_TO "@example.net", .date_unix = iat };
  char *value;

  g_assert_true (sc_stir_signer_set_diversion (signer, "+81-50-1234-567", &error));
  value = sc_sip_identity_signer_sign (SC_SIP_IDENTITY_SIGNER (signer), &request, &error);
  g_assert_no_error (error);
  return value;
}

/* The request after the diversion: the original SHAKEN PASSporT beside the div one, and
 * @history recording the diversion (RFC 8946 §4.1). */
static ScSipMessage *
diverted_request (const char *div_value,
                  const char *history)
{
  g_autofree char *original = signed_identity (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *extra = g_strdup_printf ("Identity: %s\r\nIdentity: %s\r\n%s", original, div_value, history);

  return request_with (DIV_ORIG, DIV_FROM, DIV_TO, extra);
}

static void
assert_all_passed (ScStirVerification *v)
{
  for (guint i = 0; i < v->checks->len; i++)
    if (g_array_index (v->checks, ScStirCheck, i).result != SC_STIR_CHECK_PASSED)
      g_error ("%s: %s", g_array_index (v->checks, ScStirCheck, i).id, g_array_index (v->checks, ScStirCheck, i).message);
  g_assert_true (v->verified);
}

/* Signed as a retargeting entity: ppt=div in header and parameter, exactly orig, dest, iat and
 * div in canonical order, no attest or origid; verified with every check passed, chain included;
 * openssl verifies the signature too. */
static void
test_div_round_trip (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *value = div_identity (now), *claims_json = NULL, *expected = NULL;
  g_autoptr(GBytes) cert = file_bytes ("key-cert.pem"), key = file_bytes ("key.pem"), claims = NULL;
  g_autoptr(ScSipMessage) request = diverted_request (value, "History-Info: <sip:+" DIV_FROM "@example.net>;index=1,"
                                                             " <sip:+" DIV_TO "@example.net?Reason=SIP%3Bcause%3D302>;index=1.1\r\n");
  g_autoptr(ScStirVerification) v = sc_stir_verify (value, cert, request, now, SC_STIR_DEFAULT_MAX_AGE);
  g_autoptr(ScStirSigner) signer = sc_stir_signer_new (key, "https://cert.example.org/passport.pem", "A", NULL);
  g_autoptr(GError) error = NULL;
  const char *dot1 = strchr (v->identity->passport, '.'), *dot2 = strchr (dot1 + 1, '.');

  g_assert_true (g_str_has_suffix (value, ";info=<https://cert.example.org/passport.pem>;alg=ES256;ppt=div"));
  g_assert_cmpstr (json_object_get_string_member (v->passport->header, "ppt"), ==, "div");
  claims = sc_stir_base64url_decode (dot1 + 1, dot2 - dot1 - 1, &error);
  g_assert_no_error (error);
  claims_json = g_strndup (g_bytes_get_data (claims, NULL), g_bytes_get_size (claims));
  expected = g_strdup_printf ("{\"dest\":{\"tn\":[\"" DIV_TO "\"]},\"div\":{\"tn\":\"" DIV_FROM "\"},\"iat\":%" G_GINT64_FORMAT ","
                              "\"orig\":{\"tn\":\"" DIV_ORIG "\"}}", now);
  g_assert_cmpstr (claims_json, ==, expected);
  assert_all_passed (v);
  g_assert_cmpstr (check (v, "div")->message, ==, DIV_FROM);
  g_assert_cmpint (check (v, "chain")->result, ==, SC_STIR_CHECK_PASSED);
  openssl_verifies (v->passport);

  /* A number that is none, or a "diversion" to the same number (RFC 8946 §3), is refused. */
  g_assert_false (sc_stir_signer_set_diversion (signer, "sip:alice@example.com", &error));
  g_assert_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED);
  g_clear_error (&error);
  {
    ScSipIdentityRequest same = { .method = "INVITE", .from_uri = "sip:+" DIV_ORIG "@example.jp", .to_uri = "sip:+" DIV_FROM "@example.net" };
    g_autofree char *none = NULL;
    g_assert_true (sc_stir_signer_set_diversion (signer, DIV_FROM, NULL));
    none = sc_sip_identity_signer_sign (SC_SIP_IDENTITY_SIGNER (signer), &same, &error);
    g_assert_null (none);
    g_assert_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED);
  }
}

/* RFC 8946 §4.1's own example, signed with its Appendix A key and sent with ppt="div" quoted:
 * the signature and ppt hold; its div (121555551213, one 5 too many) matches no History-Info. */
static void
test_div_rfc_example (void)
{
  const char *example = "Identity:eyJhbGciOiJFUzI1NiIsInBwdCI6ImRpdiIsInR5cCI6InBhc3Nwb3J0IiwieDV1IjoiaHR0cHM6Ly93d3cuZXhhbXBsZS5jb20vY2VydC5jZXIifQ."
    "eyJkZXN0Ijp7InRuIjpbIjEyMTU1NTUxMjE0Il19LCJkaXYiOnsidG4iOiIxMjE1NTU1NTEyMTMifSwiaWF0IjoxNDQzMjA4MzQ1LCJvcmlnIjp7InRuIjoiMTIxNTU1NTEyMTIifX0."
    "xBHWipDEEJ8a6TsdX6xUXAnblsFiGUiAxwLiv0HLC9IICj6eG9jQd6WzeSSjHRBwxmChHhVIiMTSqIlk3yCNkg; info=<https://www.example.com/cert.cer>;ppt=\"div\"";
  const char *appendix_a = "-----BEGIN EC PRIVATE KEY-----\n"
                           "MHcCAQEEIFKCsFZ4Wsw3ZpBxgc4Z0sOjaXDdMk07Ny1fKg6OntAkoAoGCCqGSM49\n"
                           "AwEHoUQDQgAEmzGM1VsO+3IqbMF54rQMaYKQftO4hUYm9wv5wutLgEd9FsiTy3+4\n"
                           "+Wa2O7pffOXPC0QzO+yD8hGEXGP/2mZo6w==\n-----END EC PRIVATE KEY-----\n";
  g_autofree char *key = path ("rfc8946.pem"), *command = NULL;
  g_autoptr(GBytes) cert = NULL;
  g_autoptr(ScSipMessage) request = request_with ("12155551212", "12155551213", "12155551214",
                                                  "Diversion: <sip:+12155551213@example.com>;reason=unconditional\r\n");
  g_autoptr(ScStirVerification) v = NULL;

  g_assert_true (g_file_set_contents (key, appendix_a, -1, NULL));
  command = g_strdup_printf ("openssl req -new -x509 -key %s -out %s/rfc8946-cert.pem -days 2 -subj /CN=rfc8946", key, dir);
  run (command);
  cert = file_bytes ("rfc8946-cert.pem");
  v = sc_stir_verify (example, cert, request, 1443208345, SC_STIR_DEFAULT_MAX_AGE);
  g_assert_cmpint (check (v, "signature")->result, ==, SC_STIR_CHECK_PASSED);
  g_assert_cmpint (check (v, "ppt")->result, ==, SC_STIR_CHECK_PASSED);
  g_assert_cmpstr (check (v, "div")->message, ==, "121555551213");
  g_assert_cmpint (check (v, "request")->result, ==, SC_STIR_CHECK_FAILED);
  g_assert_nonnull (strstr (check (v, "request")->message, "12155551213"));
}

static ScStirVerification *
verify_div (const char         *ppt,
            const char         *claims,
            const char         *ppt_param,
            const ScSipMessage *request)
{
  g_autoptr(GBytes) cert = file_bytes ("key-cert.pem");
  g_autofree char *value = signed_value (ppt, claims, "https://cert.example.org/passport.pem", ppt_param);

  return sc_stir_verify (value, cert, request, 1443208345, SC_STIR_DEFAULT_MAX_AGE);
}

/* Each way a div PASSporT goes wrong, said in its own check with 438; another ppt stays refused. */
static void
test_div_verdicts (void)
{
  const char *good = "{\"dest\":{\"tn\":[\"" DIV_TO "\"]},\"div\":{\"tn\":\"" DIV_FROM "\"},\"iat\":1443208345,\"orig\":{\"tn\":\"" DIV_ORIG "\"}}";
  const char *no_div = "{\"dest\":{\"tn\":[\"" DIV_TO "\"]},\"iat\":1443208345,\"orig\":{\"tn\":\"" DIV_ORIG "\"}}";
  const char *plus_div = "{\"dest\":{\"tn\":[\"" DIV_TO "\"]},\"div\":{\"tn\":\"+" DIV_FROM "\"},\"iat\":1443208345,\"orig\":{\"tn\":\"" DIV_ORIG "\"}}";
  const char *with_opt = "{\"dest\":{\"tn\":[\"" DIV_TO "\"]},\"div\":{\"tn\":\"" DIV_FROM "\"},\"iat\":1443208345,\"opt\":\"x\",\"orig\":{\"tn\":\"" DIV_ORIG "\"}}";
  const char *other_orig = "{\"dest\":{\"tn\":[\"" DIV_TO "\"]},\"div\":{\"tn\":\"" DIV_FROM "\"},\"iat\":1443208345,\"orig\":{\"tn\":\"81399999999\"}}";
  g_autoptr(ScSipMessage) plain = request_with (DIV_ORIG, DIV_FROM, DIV_TO, "");
  g_autoptr(ScSipMessage) history = request_with (DIV_ORIG, DIV_FROM, DIV_TO, "History-Info: <sip:+81500000000@example.net>;index=1\r\n");
  g_autoptr(ScSipMessage) diversion = request_with (DIV_ORIG, DIV_FROM, DIV_TO, "Diversion: <tel:+81500000000>;reason=no-answer\r\n");
  g_autoptr(ScSipMessage) to_only = request_with (DIV_ORIG, DIV_TO, "bob", "");
  g_autoptr(ScSipMessage) unrelated = diverted_request ("x", "");
  g_autoptr(ScStirVerification) ok = verify_div ("div", good, "div", plain);
  struct { const char *ppt, *claims, *param; const ScSipMessage *request; const char *failed; } cases[] = {
    { "div", no_div, "div", NULL, "div" },
    { "div", plus_div, "div", NULL, "div" },
    { "div", with_opt, "div", NULL, "div" },
    { "div", good, "shaken", NULL, "ppt" },
    { "shaken", good, "div", NULL, "ppt" },
    { "div", good, "div", history, "request" },
    { "div", good, "div", diversion, "request" },
    { "div", good, "div", to_only, "request" },
    { "div", other_orig, "div", unrelated, "chain" },
  };

  g_assert_cmpint (check (ok, "div")->result, ==, SC_STIR_CHECK_PASSED);
  g_assert_cmpint (check (ok, "request")->result, ==, SC_STIR_CHECK_PASSED);
  g_assert_cmpint (check (ok, "chain")->result, ==, SC_STIR_CHECK_SKIPPED);
  g_assert_cmpuint (ok->code, ==, 0);
  {
    g_autoptr(ScStirVerification) missing = verify_div ("div", no_div, "div", NULL);
    g_assert_nonnull (strstr (check (missing, "div")->message, "without a div claim"));
  }
  {
    /* A ppt this verifier does not know: the header is ignored, which draws a 428. */
    g_autoptr(ScStirVerification) rph = verify_div ("rph", good, "rph", NULL);
    g_assert_cmpint (check (rph, "ppt")->result, ==, SC_STIR_CHECK_FAILED);
    g_assert_cmpuint (check (rph, "ppt")->code, ==, 428);
    g_assert_cmpuint (rph->code, ==, 428);
    g_assert_false (rph->verified);
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ScStirVerification) v = verify_div (cases[i].ppt, cases[i].claims, cases[i].param, cases[i].request);
      g_test_message ("case %u: %s", i, check (v, cases[i].failed)->message);
      g_assert_cmpint (check (v, cases[i].failed)->result, ==, SC_STIR_CHECK_FAILED);
      g_assert_cmpuint (check (v, cases[i].failed)->code, ==, 438);
      g_assert_cmpint (check (v, "signature")->result, ==, SC_STIR_CHECK_PASSED);
      g_assert_false (v->verified);
    }
}

static void
test_tn (void)
{
  const char *ok[][2] = { { "+81-3-1234-5678", "81312345678" }, { "tel:+81312345678;phone-context=x", "81312345678" },
                          { "sip:+1 (215) 555-1212@example.com", "12155551212" } };
  g_autoptr(GError) error = NULL;
  g_autofree char *none = sc_stir_tn_normalize ("sip:alice@example.com", &error);

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autofree char *tn = sc_stir_tn_normalize (ok[i][0], NULL);
      g_assert_cmpstr (tn, ==, ok[i][1]);
    }
  g_assert_null (none);
  g_assert_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED);
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
  g_test_add_func ("/sc/stir/compact-form", test_compact_form);
  g_test_add_func ("/sc/stir/tn", test_tn);
  g_test_add_func ("/sc/stir/signer-round-trip", test_signer_round_trip);
  g_test_add_func ("/sc/stir/verdicts", test_verdicts);
  g_test_add_func ("/sc/stir/div-round-trip", test_div_round_trip);
  g_test_add_func ("/sc/stir/div-rfc-example", test_div_rfc_example);
  g_test_add_func ("/sc/stir/div-verdicts", test_div_verdicts);
  status = g_test_run ();
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf %s", dir);
    run (rm);
  }
  g_free (dir);
  return status;
}
