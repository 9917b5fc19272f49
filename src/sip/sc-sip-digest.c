/* Digest challenges and responses (RFC 3261 §22.4, RFC 2617 §3.2, RFC 7616, RFC 8760).
 * The password is used only to compute HA1 and is never stored, printed or returned. */
#define G_LOG_DOMAIN "sc-sip-digest"

#include "sc-sip-digest.h"

#include <string.h>

#include "sc-sip-error.h"

static const char * const algorithm_names[] = {
  [SC_SIP_DIGEST_MD5] = "MD5",
  [SC_SIP_DIGEST_MD5_SESS] = "MD5-sess",
  [SC_SIP_DIGEST_SHA256] = "SHA-256",
  [SC_SIP_DIGEST_SHA256_SESS] = "SHA-256-sess",
};

const char *
sc_sip_digest_algorithm_name (ScSipDigestAlgorithm algorithm)
{
  return algorithm_names[algorithm];
}

void
sc_sip_digest_challenge_free (ScSipDigestChallenge *challenge)
{
  if (challenge == NULL)
    return;
  g_free (challenge->realm);
  g_free (challenge->nonce);
  g_free (challenge->opaque);
  g_free (challenge);
}

static gboolean
malformed (GError    **error,
           const char *format,
           const char *detail)
{
  g_set_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED, format, detail);
  return FALSE;
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

/* token or quoted-string; quoted-pairs are unescaped into the returned copy. */
static char *
read_value (const char  **pp,
            const char   *end,
            GError      **error)
{
  const char *p = *pp;
  GString *out = g_string_new (NULL);

  if (p < end && *p == '"')
    {
      for (p++; p < end && *p != '"'; p++)
        {
          if (*p == '\\' && p + 1 < end)
            p++;
          /* A folded line is one space (RFC 3261 §7.3.1); any other control character would
           * travel into the Authorization we send, where a CR starts a header of its own. */
          if (p + 2 < end && p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t'))
            {
              g_string_append_c (out, ' ');
              p += 2;
              continue;
            }
          if (((guchar) *p < 0x20 && *p != '\t') || *p == 0x7f)
            {
              g_string_free (out, TRUE);
              malformed (error, "%s", "a control character in a digest challenge");
              return NULL;
            }
          g_string_append_c (out, *p);
        }
      if (p >= end)
        {
          g_string_free (out, TRUE);
          malformed (error, "%s", "an unterminated quoted value in a digest challenge");
          return NULL;
        }
      p++;
    }
  else
    for (; p < end && *p != ',' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n'; p++)
      {
        if ((guchar) *p < 0x20 || *p == 0x7f)
          {
            g_string_free (out, TRUE);
            malformed (error, "%s", "a control character in a digest challenge");
            return NULL;
          }
        g_string_append_c (out, *p);
      }
  *pp = p;
  return g_string_free (out, FALSE);
}

static gboolean
set_algorithm (ScSipDigestChallenge *challenge,
               const char           *value,
               GError              **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (algorithm_names); i++)
    if (g_ascii_strcasecmp (value, algorithm_names[i]) == 0)
      {
        challenge->algorithm = i;
        return TRUE;
      }
  return malformed (error, "the digest algorithm %s is not supported (MD5 and SHA-256 are)", value);
}

/* qop-options = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT */
static void
set_qop (ScSipDigestChallenge *challenge,
         const char           *value)
{
  g_auto(GStrv) options = g_strsplit (value, ",", -1);

  for (guint i = 0; options[i] != NULL; i++)
    if (g_ascii_strcasecmp (g_strstrip (options[i]), "auth") == 0)
      challenge->qop_auth = TRUE;
}

static gboolean
apply_param (ScSipDigestChallenge *challenge,
             const char           *name,
             gsize                 name_len,
             char                 *value,
             gboolean             *had_qop,
             GError              **error)
{
#define IS(literal) (name_len == strlen (literal) && g_ascii_strncasecmp (name, literal, name_len) == 0)
  if (IS ("realm"))
    g_free (challenge->realm), challenge->realm = g_steal_pointer (&value);
  else if (IS ("nonce"))
    g_free (challenge->nonce), challenge->nonce = g_steal_pointer (&value);
  else if (IS ("opaque"))
    g_free (challenge->opaque), challenge->opaque = g_steal_pointer (&value);
  else if (IS ("stale"))
    challenge->stale = g_ascii_strcasecmp (value, "true") == 0;
  else if (IS ("qop"))
    {
      set_qop (challenge, value);
      *had_qop = TRUE;
    }
  else if (IS ("algorithm") && !set_algorithm (challenge, value, error))
    {
      g_free (value);
      return FALSE;
    }
#undef IS
  g_free (value);
  return TRUE;
}

/**
 * sc_sip_digest_challenge_parse:
 * @value: a WWW-Authenticate or Proxy-Authenticate value: `Digest realm="…", nonce="…", …`
 */
ScSipDigestChallenge *
sc_sip_digest_challenge_parse (ScSipSlice   value,
                               gboolean     proxy,
                               GError     **error)
{
  g_autoptr(ScSipDigestChallenge) challenge = g_new0 (ScSipDigestChallenge, 1);
  const char *p = value.p, *end = value.p + value.len;
  gboolean had_qop = FALSE;

  challenge->proxy = proxy;
  if (value.len == 0)
    return malformed (error, "%s", "an empty challenge"), NULL;
  p = skip_space (p, end);
  if (end - p < 6 || g_ascii_strncasecmp (p, "Digest", 6) != 0 || (end - p > 6 && p[6] != ' ' && p[6] != '\t'))
    {
      g_autofree char *scheme = g_strndup (p, MIN ((gsize) (end - p), 32));
      return malformed (error, "the authentication scheme of “%s” is not Digest", scheme), NULL;
    }
  for (p += 6; (p = skip_space (p, end)) < end; )
    {
      const char *name = p;
      char *param_value;

      while (p < end && *p != '=' && *p != ',' && *p != ' ' && *p != '\t')
        p++;
      if (p == name)
        return malformed (error, "%s", "a digest parameter without a name"), NULL;
      {
        gsize name_len = p - name;
        p = skip_space (p, end);
        if (p >= end || *p != '=')
          return malformed (error, "%s", "a digest parameter without a value"), NULL;
        p = skip_space (p + 1, end);
        if (!(param_value = read_value (&p, end, error)) ||
            !apply_param (challenge, name, name_len, param_value, &had_qop, error))
          return NULL;
      }
      p = skip_space (p, end);
      if (p < end && *p != ',')
        return malformed (error, "%s", "digest parameters must be separated by commas"), NULL;
      if (p < end)
        p++;
    }
  if (challenge->realm == NULL || challenge->nonce == NULL)
    return malformed (error, "%s", "the challenge lacks a realm or a nonce"), NULL;
  if (had_qop && !challenge->qop_auth)
    return malformed (error, "%s", "the server offers only qop=auth-int, which is not supported"), NULL;
  return g_steal_pointer (&challenge);
}

/* RFC 8760 §2.4: when a server offers several algorithms, use the strongest we support. */
ScSipDigestChallenge *
sc_sip_digest_challenge_pick (const ScSipMessage  *response,
                              GError             **error)
{
  gboolean proxy = response->status == 407;
  ScSipHeaderId id = proxy ? SC_SIP_HEADER_PROXY_AUTHENTICATE : SC_SIP_HEADER_WWW_AUTHENTICATE;
  g_autoptr(ScSipDigestChallenge) best = NULL;
  g_autoptr(GError) first_error = NULL;
  const ScSipHeader *header;

  for (guint i = 0; (header = sc_sip_message_find (response, id, i)) != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      ScSipDigestChallenge *challenge = sc_sip_digest_challenge_parse (header->value, proxy, &local_error);

      if (challenge == NULL)
        {
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
          continue;
        }
      if (best == NULL || challenge->algorithm > best->algorithm)
        {
          sc_sip_digest_challenge_free (best);
          best = challenge;
        }
      else
        sc_sip_digest_challenge_free (challenge);
    }
  if (best != NULL)
    return g_steal_pointer (&best);
  if (first_error != NULL)
    g_propagate_error (error, g_steal_pointer (&first_error));
  else
    g_set_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED, "a %u response without a %s header",
                 response->status, proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
  return NULL;
}

static char *
hash (ScSipDigestAlgorithm algorithm,
      const char          *format,
      ...)
{
  GChecksumType type = algorithm >= SC_SIP_DIGEST_SHA256 ? G_CHECKSUM_SHA256 : G_CHECKSUM_MD5;
  g_autofree char *text = NULL;
  va_list args;
  char *digest;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  digest = g_compute_checksum_for_string (type, text, -1);
  /* HA1 text holds the password: wipe it before it is freed. */
  memset (text, 0, strlen (text));
  return digest;
}

static void
append_quoted (GString    *out,
               const char *name,
               const char *value)
{
  g_string_append_printf (out, "%s%s=\"", out->len > 7 ? ", " : "", name);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * sc_sip_digest_authorization:
 * @nonce_count: 1 for the first request with this nonce, then 2, 3…
 * @cnonce: (nullable): the client nonce; %NULL makes a random one
 *
 * Returns: (transfer full): the value of the Authorization (or, for a proxy's challenge,
 * Proxy-Authorization) header. It holds a hash, never the password.
 */
char *
sc_sip_digest_authorization (const ScSipDigestChallenge *challenge,
                             const char                 *username,
                             const char                 *password,
                             const char                 *method,
                             const char                 *uri,
                             guint32                     nonce_count,
                             const char                 *cnonce)
{
  ScSipDigestAlgorithm algorithm = challenge->algorithm;
  gboolean sess = algorithm == SC_SIP_DIGEST_MD5_SESS || algorithm == SC_SIP_DIGEST_SHA256_SESS;
  g_autofree char *random_cnonce = NULL;
  g_autofree char *ha1 = hash (algorithm, "%s:%s:%s", username, challenge->realm, password);
  g_autofree char *ha2 = hash (algorithm, "%s:%s", method, uri);
  g_autofree char *response = NULL;
  char nc[9];
  GString *out = g_string_new ("Digest ");

  if (cnonce == NULL)
    cnonce = random_cnonce = g_strdup_printf ("%08x%08x%08x%08x", g_random_int (), g_random_int (),
                                              g_random_int (), g_random_int ());
  g_snprintf (nc, sizeof nc, "%08x", nonce_count);
  if (sess)
    {
      char *session_ha1 = hash (algorithm, "%s:%s:%s", ha1, challenge->nonce, cnonce);
      g_free (ha1);
      ha1 = session_ha1;
    }
  response = challenge->qop_auth
             ? hash (algorithm, "%s:%s:%s:%s:auth:%s", ha1, challenge->nonce, nc, cnonce, ha2)
             : hash (algorithm, "%s:%s:%s", ha1, challenge->nonce, ha2);

  append_quoted (out, "username", username);
  append_quoted (out, "realm", challenge->realm);
  append_quoted (out, "nonce", challenge->nonce);
  append_quoted (out, "uri", uri);
  append_quoted (out, "response", response);
  g_string_append_printf (out, ", algorithm=%s", algorithm_names[algorithm]);
  if (challenge->qop_auth || sess)
    append_quoted (out, "cnonce", cnonce);
  if (challenge->opaque != NULL)
    append_quoted (out, "opaque", challenge->opaque);
  if (challenge->qop_auth)
    g_string_append_printf (out, ", qop=auth, nc=%s", nc);
  return g_string_free (out, FALSE);
}
