/* TLS on top of an established TCP connection. GIO's own verdict is kept: we only add the
 * authority file the user chose, the explicit "accept anything", and an error that says what
 * exactly is wrong with the certificate instead of "unacceptable TLS certificate". */
#define G_LOG_DOMAIN "sc-sip-tls"

#include "sc-sip-tls.h"

typedef struct {
  GTlsCertificateFlags problems;
  gboolean             accept_any;
  char                *server_name;
} Handshake;

static void
handshake_free (gpointer data)
{
  Handshake *handshake = data;

  g_free (handshake->server_name);
  g_free (handshake);
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
    { G_TLS_CERTIFICATE_UNKNOWN_CA, "signed by an unknown authority" },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, "issued for another name" },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, "not valid yet" },
    { G_TLS_CERTIFICATE_EXPIRED, "expired" },
    { G_TLS_CERTIFICATE_REVOKED, "revoked" },
    { G_TLS_CERTIFICATE_INSECURE, "made with an insecure algorithm" },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, "invalid" },
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (problems); i++)
    if (flags & problems[i].flag)
      g_string_append_printf (text, "%s%s", text->len ? ", " : "", problems[i].words);
  if (text->len == 0)
    g_string_append (text, "rejected");
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
  return handshake->accept_any;
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

      g_task_return_new_error (task, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                               "the certificate of %s is not trusted: %s", handshake->server_name, words);
      return;
    }
  g_task_return_error (task, g_steal_pointer (&error));
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
  g_autoptr(GSocketConnectable) identity = g_network_address_new (settings->server_name, 0);
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  GError *error = NULL;

  handshake->accept_any = settings->accept_any;
  handshake->server_name = g_strdup (settings->server_name);
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

GIOStream *
sc_sip_tls_handshake_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
