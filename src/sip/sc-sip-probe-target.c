/* The probe's target, from what a user types: "host", "host:port", "sip:user@host:port;params"
 * or "sips:…" (TLS, RFC 3261 §26.2), and the transport option that wins over the URI's. */
#define G_LOG_DOMAIN "sc-sip-probe-target"

#include "sc-sip-probe-target.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "sc-sip-locate.h"
#include "sc-sip-probe.h"
#include "sc-sip-uri.h"

/* "udp", "tcp" or "tls" (any case) as an ScSipTransportKind; -1 for anything else. */
static int
transport_kind (ScSipSlice name)
{
  if (sc_sip_slice_equal_case (name, "tls"))
    return SC_SIP_TRANSPORT_TLS;
  if (sc_sip_slice_equal_case (name, "tcp"))
    return SC_SIP_TRANSPORT_TCP;
  if (sc_sip_slice_equal_case (name, "udp"))
    return SC_SIP_TRANSPORT_UDP;
  return -1;
}

/* The transport the user or the URI asked for; -1 in @kind when neither did. */
static gboolean
requested_transport (const char      *target,
                     const char      *transport_option,
                     const ScSipUri  *uri,
                     int             *kind,
                     GError         **error)
{
  ScSipSlice name = { NULL, 0 };
  gboolean sips = sc_sip_slice_equal_case (uri->scheme, "sips");

  if (transport_option != NULL)
    name = (ScSipSlice) { transport_option, strlen (transport_option) };
  else if (!sc_sip_uri_get_param (uri, "transport", &name))
    {
      *kind = -1;
      return TRUE;
    }
  *kind = transport_kind (name);
  if (*kind < 0)
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_UNSUPPORTED,
                   _("transport “%.*s”: the probe speaks UDP, TCP and TLS"), (int) name.len, name.p);
      return FALSE;
    }
  if (sips && *kind != SC_SIP_TRANSPORT_TLS)
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE,
                   _("“%s” is a sips: URI, which must be reached over TLS, not %.*s"), target, (int) name.len, name.p);
      return FALSE;
    }
  return TRUE;
}

/* "sip:…", "sips:…" and "tel:+81…" name a scheme; "host", "host:5060" and "[::1]:5060" do not
 * (a host that begins with "sip", such as sipgate.example, included). */
static gboolean
has_scheme (const char *target)
{
  const char *p = target;
  const char *port;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  if (*p++ != ':')
    return FALSE;
  for (port = p; g_ascii_isdigit (*p); p++)
    ;
  return !(p > port && (*p == '\0' || *p == ';'));
}

/* Text from the command line or a form may hold any bytes. A user part in UTF-8 goes out
 * %-escaped, as a SIP URI carries no raw non-ASCII (RFC 3261 §25.1); bytes that are not
 * UTF-8 mean a mistake, not a name. */
static char *
escape_user_part (const char  *uri_text,
                  GError     **error)
{
  const char *at = strrchr (uri_text, '@');
  GString *escaped;

  if (!g_utf8_validate (uri_text, -1, NULL))
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE,
                   _("the target holds bytes that are not UTF-8: type it again as text"));
      return NULL;
    }
  escaped = g_string_sized_new (strlen (uri_text) + 16);
  for (const char *p = uri_text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 && at != NULL && p < at)
      g_string_append_printf (escaped, "%%%02X", (guchar) *p);
    else
      g_string_append_c (escaped, *p);
  return g_string_free (escaped, FALSE);
}

/* "sip:alice@host:5060;transport=tcp" without "alice@" (RFC 3261 §10.2: a REGISTER's
 * Request-URI names the domain only). */
static char *
without_userinfo (const char     *uri_text,
                  const ScSipUri *uri)
{
  const char *host = uri->ipv6 ? uri->host.p - 1 : uri->host.p;

  if (uri->user.len == 0)
    return g_strdup (uri_text);
  return g_strdup_printf ("%.*s:%s", (int) uri->scheme.len, uri->scheme.p, host);
}

/**
 * sc_sip_probe_target_parse:
 * @transport_option: (nullable): "udp", "tcp" or "tls"; wins over the URI's transport parameter
 *
 * Fills @out only on success.
 */
gboolean
sc_sip_probe_target_parse (const char        *target,
                           const char        *transport_option,
                           ScSipProbeTarget  *out,
                           GError           **error)
{
  g_autofree char *typed = has_scheme (target) ? g_strdup (target) : g_strconcat ("sip:", target, NULL);
  g_autofree char *uri_text = escape_user_part (typed, error);
  ScSipUri uri;
  const char *problem = NULL;
  int kind;

  if (uri_text == NULL)
    return FALSE;
  if (!sc_sip_uri_parse ((ScSipSlice) { uri_text, strlen (uri_text) }, &uri, &problem))
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE, _("“%s” is not a SIP URI or host: %s"),
                   target, problem);
      return FALSE;
    }
  if (!sc_sip_slice_equal_case (uri.scheme, "sip") && !sc_sip_slice_equal_case (uri.scheme, "sips"))
    {
      g_set_error (error, SC_SIP_PROBE_ERROR, SC_SIP_PROBE_ERROR_USAGE,
                   _("“%s”: the probe sends to sip: and sips: URIs only"), target);
      return FALSE;
    }
  if (!requested_transport (target, transport_option, &uri, &kind, error))
    return FALSE;
  out->sips = sc_sip_slice_equal_case (uri.scheme, "sips");
  out->transport = kind;
  out->uri_port = uri.port;
  out->host = g_strndup (uri.host.p, uri.host.len);
  out->user = uri.user.len > 0 ? g_strndup (uri.user.p, uri.user.len) : NULL;
  out->domain_uri = without_userinfo (uri_text, &uri);
  out->request_uri = g_steal_pointer (&uri_text);
  return TRUE;
}

void
sc_sip_probe_target_clear (ScSipProbeTarget *target)
{
  g_clear_pointer (&target->request_uri, g_free);
  g_clear_pointer (&target->host, g_free);
  g_clear_pointer (&target->user, g_free);
  g_clear_pointer (&target->domain_uri, g_free);
}

gboolean
sc_sip_probe_check_target (const char  *target,
                           const char  *transport,
                           char       **host,
                           GError     **error)
{
  ScSipProbeTarget parsed = { 0 };

  if (!sc_sip_probe_target_parse (target, transport, &parsed, error))
    return FALSE;
  if (host != NULL)
    *host = g_ascii_strdown (parsed.host, -1);
  sc_sip_probe_target_clear (&parsed);
  return TRUE;
}
