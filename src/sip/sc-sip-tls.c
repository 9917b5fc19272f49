/* TLS on top of an established TCP connection. GIO's own verdict is kept: we only add the
 * authority file the user chose, the explicit "accept anything", the one certificate the user
 * pinned by its fingerprint, and an error that says what exactly is wrong with the certificate
 * instead of "unacceptable TLS certificate", with the certificate itself for the caller. */
#define G_LOG_DOMAIN "sc-sip-tls"

#include "sc-sip-tls.h"

#include <glib/gi18n-lib.h>

#include <string.h>

typedef struct {
  GTlsCertificateFlags  problems;
  GTlsCertificate      *certificate;   /* the one offered, when GIO found problems with it */
  gboolean              accept_any;
  char                 *pinned;        /* normalized, or NULL */
  char                 *server_name;
  guint                 port;          /* the port connected to; 0 if the base is no socket */
  ScSipCertificateInfo *refused;
} Handshake;

static void
handshake_free (gpointer data)
{
  Handshake *handshake = data;

  g_clear_object (&handshake->certificate);
  g_clear_pointer (&handshake->refused, sc_sip_certificate_info_free);
  g_free (handshake->pinned);
  g_free (handshake->server_name);
  g_free (handshake);
}

ScSipCertificateInfo *
sc_sip_certificate_info_copy (const ScSipCertificateInfo *info)
{
  ScSipCertificateInfo *copy = g_new0 (ScSipCertificateInfo, 1);

  copy->server = g_strdup (info->server);
  copy->fingerprint = g_strdup (info->fingerprint);
  copy->subject = g_strdup (info->subject);
  copy->issuer = g_strdup (info->issuer);
  copy->not_before = info->not_before ? g_date_time_ref (info->not_before) : NULL;
  copy->not_after = info->not_after ? g_date_time_ref (info->not_after) : NULL;
  copy->problems = info->problems;
  return copy;
}

void
sc_sip_certificate_info_free (ScSipCertificateInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->server);
  g_free (info->fingerprint);
  g_free (info->subject);
  g_free (info->issuer);
  g_clear_pointer (&info->not_before, g_date_time_unref);
  g_clear_pointer (&info->not_after, g_date_time_unref);
  g_free (info);
}

/**
 * sc_sip_tls_fingerprint:
 * Returns: the SHA-256 of the certificate's DER as upper-case hex pairs joined by ':', the
 * form browsers and `openssl x509 -fingerprint -sha256` show.
 */
char *
sc_sip_tls_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *hex;

  g_object_get (certificate, "certificate", &der, NULL);
  g_checksum_update (checksum, der ? der->data : NULL, der ? der->len : 0);
  hex = g_checksum_get_string (checksum);
  for (gsize i = 0; hex[i] != '\0'; i += 2)
    g_string_append_printf (text, "%s%c%c", i ? ":" : "", g_ascii_toupper (hex[i]), g_ascii_toupper (hex[i + 1]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * sc_sip_tls_normalize_fingerprint:
 * @text: a SHA-256 fingerprint as a user pastes it: hex pairs with or without ':', any case
 *
 * Returns: (nullable): the 64 hex digits in upper case, without ':', or NULL when @text is
 * not a SHA-256 fingerprint.
 */
char *
sc_sip_tls_normalize_fingerprint (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (digits, g_ascii_toupper (*p));
      else if (*p != ':' || p == text || p[1] == '\0' || p[1] == ':')
        return NULL;
    }
  if (digits->len != 64)
    return NULL;
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

static gboolean
is_pinned (Handshake       *handshake,
           GTlsCertificate *certificate)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *normalized = NULL;

  if (handshake->pinned == NULL)
    return FALSE;
  fingerprint = sc_sip_tls_fingerprint (certificate);
  normalized = sc_sip_tls_normalize_fingerprint (fingerprint);
  return g_strcmp0 (normalized, handshake->pinned) == 0;
}

/* What the user needs to decide whether to trust the certificate: who it names, who vouches
 * for it, until when, and the key the choice is kept under. */
static ScSipCertificateInfo *
describe_refused (Handshake *handshake)
{
  ScSipCertificateInfo *info = g_new0 (ScSipCertificateInfo, 1);
  GTlsCertificate *certificate = handshake->certificate;
  const char *host = handshake->server_name;

  if (handshake->port == 0)
    info->server = g_strdup (host);
  else
    info->server = g_strdup_printf (strchr (host, ':') ? "[%s]:%u" : "%s:%u", host, handshake->port);
  info->fingerprint = sc_sip_tls_fingerprint (certificate);
  info->subject = g_tls_certificate_get_subject_name (certificate);
  info->issuer = g_tls_certificate_get_issuer_name (certificate);
  info->not_before = g_tls_certificate_get_not_valid_before (certificate);
  info->not_after = g_tls_certificate_get_not_valid_after (certificate);
  info->problems = handshake->problems;
  return info;
}

/**
 * sc_sip_tls_describe_problems:
 * Returns: what is wrong with a certificate, in words, e.g. "signed by an unknown authority,
 * expired".
 */
char *
sc_sip_tls_describe_problems (GTlsCertificateFlags flags)
{
  static const struct { GTlsCertificateFlags flag; const char *words; } problems[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("signed by an unknown authority") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("issued for another name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("made with an insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("invalid") },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (problems); i++)
    if (flags & problems[i].flag)
      /* TRANSLATORS: the separator between the problems of a certificate */
      g_string_append_printf (text, "%s%s", text->len ? _(", ") : "", _(problems[i].words));
  if (text->len == 0)
    g_string_append (text, _("rejected"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
on_accept_certificate (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  problems,
                       gpointer              data)
{
  Handshake *handshake = data;

  handshake->problems = problems;
  g_set_object (&handshake->certificate, certificate);
  return handshake->accept_any || is_pinned (handshake, certificate);
}

static void
on_handshake (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  Handshake *handshake = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (source, handshake);
  if (g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    {
      g_task_return_pointer (task, g_object_ref (source), g_object_unref);
      return;
    }
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) && handshake->problems != 0)
    {
      g_autofree char *words = sc_sip_tls_describe_problems (handshake->problems);

      if (handshake->certificate != NULL)
        handshake->refused = describe_refused (handshake);

      g_task_return_new_error (task, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                               _("the certificate of %s is not trusted: %s"), handshake->server_name, words);
      return;
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

/* The port the connection under TLS goes to: part of the key a trust choice is kept under. */
static guint
remote_port (GIOStream *base)
{
  g_autoptr(GSocketAddress) remote = NULL;

  if (G_IS_SOCKET_CONNECTION (base))
    remote = g_socket_connection_get_remote_address (G_SOCKET_CONNECTION (base), NULL);
  return G_IS_INET_SOCKET_ADDRESS (remote) ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote)) : 0;
}

/* What the certificate must name. An IP literal is an address, not a name: GIO then checks the
 * certificate's IP entries and sends no SNI, which RFC 6066 §3 allows for host names only. */
static GSocketConnectable *
server_identity (const char *server_name,
                 guint       port)
{
  if (g_hostname_is_ip_address (server_name))
    return G_SOCKET_CONNECTABLE (g_inet_socket_address_new_from_string (server_name, port));
  return g_network_address_new (server_name, port);
}

/* TLS 1.2 or 1.3 only, and neither static RSA key exchange (no forward secrecy) nor SHA-1
 * MACs (the CBC-SHA1 suites), which GnuTLS's "NORMAL" still offers. GIO has no API for it:
 * glib-networking reads this once, before its first TLS connection; a priority the user set
 * in the environment is theirs to keep. */
static void
restrict_protocols (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_setenv ("G_TLS_GNUTLS_PRIORITY", "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-RSA:-SHA1", FALSE);
      g_once_init_leave (&done, 1);
    }
}

void
sc_sip_tls_handshake_async (GIOStream              *base,
                            const ScSipTlsSettings *settings,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Handshake *handshake = g_new0 (Handshake, 1);
  g_autoptr(GSocketConnectable) identity = server_identity (settings->server_name, remote_port (base));
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  GError *error = NULL;

  restrict_protocols ();
  handshake->accept_any = settings->accept_any;
  handshake->pinned = settings->pinned_sha256 ? sc_sip_tls_normalize_fingerprint (settings->pinned_sha256) : NULL;
  handshake->server_name = g_strdup (settings->server_name);
  handshake->port = remote_port (base);
  g_task_set_task_data (task, handshake, handshake_free);
  tls = g_tls_client_connection_new (base, identity, &error);
  if (tls != NULL && settings->ca_file != NULL)
    {
      database = g_tls_file_database_new (settings->ca_file, &error);
      if (database != NULL)
        g_tls_connection_set_database (G_TLS_CONNECTION (tls), database);
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate), handshake);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, cancellable, on_handshake, task);
}

/**
 * sc_sip_tls_handshake_finish:
 * @refused: (out) (optional) (nullable): on G_TLS_ERROR_BAD_CERTIFICATE, the certificate that
 * was refused and why; NULL otherwise
 */
GIOStream *
sc_sip_tls_handshake_finish (GAsyncResult          *result,
                             ScSipCertificateInfo **refused,
                             GError               **error)
{
  Handshake *handshake = g_task_get_task_data (G_TASK (result));
  GIOStream *stream = g_task_propagate_pointer (G_TASK (result), error);

  if (refused != NULL)
    *refused = stream == NULL ? g_steal_pointer (&handshake->refused) : NULL;
  return stream;
}
