/* The source of Identity header values (RFC 8224), and the simplest one: a fixed value. The
 * wrapper checks every value, so that no signer can inject a header line or send an empty
 * Identity. */
#define G_LOG_DOMAIN "sc-sip-identity-signer"

#include "sc-sip-identity-signer.h"

#include <glib/gi18n-lib.h>

#include "sc-sip-error.h"

G_DEFINE_INTERFACE (ScSipIdentitySigner, sc_sip_identity_signer, G_TYPE_OBJECT)

static void
sc_sip_identity_signer_default_init (ScSipIdentitySignerInterface *iface)
{
}

/* An Identity value goes on one header line: no line break, no other control character. */
static gboolean
check_value (const char  *value,
             GError     **error)
{
  if (*value == '\0')
    {
      g_set_error_literal (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED, _("the signer gave an empty Identity value"));
      return FALSE;
    }
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t')
      {
        g_set_error_literal (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED,
                             *p == '\r' || *p == '\n' ? _("the signer’s Identity value holds a line break")
                                                      : _("the signer’s Identity value holds a control character"));
        return FALSE;
      }
  return TRUE;
}

/**
 * sc_sip_identity_signer_sign:
 * @request: what the value must match: method, From, To and the Date sent with it
 *
 * Returns: (transfer full): the value of the Identity header for this one request, or NULL
 * with @error set, also when the signer gave nothing or a value that cannot go on a line.
 */
char *
sc_sip_identity_signer_sign (ScSipIdentitySigner         *self,
                             const ScSipIdentityRequest  *request,
                             GError                     **error)
{
  ScSipIdentitySignerInterface *iface;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (SC_SIP_IS_IDENTITY_SIGNER (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = SC_SIP_IDENTITY_SIGNER_GET_IFACE (self);
  g_return_val_if_fail (iface->sign != NULL, NULL);
  value = iface->sign (self, request, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (value == NULL)
    {
      g_set_error_literal (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED,
                           _("the signer gave no Identity value and no reason"));
      return NULL;
    }
  if (!check_value (value, error))
    return NULL;
  return g_steal_pointer (&value);
}

struct _ScSipFixedIdentity
{
  GObject  parent_instance;
  char    *value;
};

static void sc_sip_fixed_identity_signer_init (ScSipIdentitySignerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScSipFixedIdentity, sc_sip_fixed_identity, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SC_SIP_TYPE_IDENTITY_SIGNER, sc_sip_fixed_identity_signer_init))

static char *
sc_sip_fixed_identity_sign (ScSipIdentitySigner         *signer,
                            const ScSipIdentityRequest  *request,
                            GError                     **error)
{
  return g_strdup (SC_SIP_FIXED_IDENTITY (signer)->value);
}

static void
sc_sip_fixed_identity_signer_init (ScSipIdentitySignerInterface *iface)
{
  iface->sign = sc_sip_fixed_identity_sign;
}

static void
sc_sip_fixed_identity_finalize (GObject *object)
{
  ScSipFixedIdentity *self = SC_SIP_FIXED_IDENTITY (object);

  g_clear_pointer (&self->value, g_free);
  G_OBJECT_CLASS (sc_sip_fixed_identity_parent_class)->finalize (object);
}

static void
sc_sip_fixed_identity_class_init (ScSipFixedIdentityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_sip_fixed_identity_finalize;
}

static void
sc_sip_fixed_identity_init (ScSipFixedIdentity *self)
{
}

/**
 * sc_sip_fixed_identity_new:
 * @value: the whole Identity header value, as pasted; checked when it is used, so that a bad
 * paste fails the probe with a reason rather than here
 *
 * Returns: (transfer full): a signer that gives @value for every request
 */
ScSipIdentitySigner *
sc_sip_fixed_identity_new (const char *value)
{
  ScSipFixedIdentity *self;

  g_return_val_if_fail (value != NULL, NULL);
  self = g_object_new (SC_SIP_TYPE_FIXED_IDENTITY, NULL);
  self->value = g_strdup (value);
  return SC_SIP_IDENTITY_SIGNER (self);
}
