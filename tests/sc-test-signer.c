#include "sc-test-signer.h"

struct _ScTestSigner
{
  GObject           parent_instance;
  ScTestSignerMode  mode;
  GPtrArray        *calls;   /* of ScTestSignerCall */
};

static void sc_test_signer_iface_init (ScSipIdentitySignerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ScTestSigner, sc_test_signer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SC_SIP_TYPE_IDENTITY_SIGNER, sc_test_signer_iface_init))

static void
call_free (gpointer data)
{
  ScTestSignerCall *call = data;

  g_free (call->method);
  g_free (call->from_uri);
  g_free (call->to_uri);
  g_free (call->value);
  g_free (call);
}

static char *
sc_test_signer_sign (ScSipIdentitySigner         *signer,
                     const ScSipIdentityRequest  *request,
                     GError                     **error)
{
  ScTestSigner *self = SC_TEST_SIGNER (signer);
  ScTestSignerCall *call = g_new0 (ScTestSignerCall, 1);

  call->method = g_strdup (request->method);
  call->from_uri = g_strdup (request->from_uri);
  call->to_uri = g_strdup (request->to_uri);
  call->date_unix = request->date_unix;
  g_ptr_array_add (self->calls, call);
  if (self->mode == SC_TEST_SIGNER_FAILING)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "the test key is locked");
      return NULL;
    }
  if (self->mode == SC_TEST_SIGNER_SILENT)
    return NULL;
  call->value = g_strdup_printf ("token-%u;info=<https://cert.example/test.pem>", self->calls->len);
  return g_strdup (call->value);
}

static void
sc_test_signer_iface_init (ScSipIdentitySignerInterface *iface)
{
  iface->sign = sc_test_signer_sign;
}

static void
sc_test_signer_finalize (GObject *object)
{
  ScTestSigner *self = SC_TEST_SIGNER (object);

  g_clear_pointer (&self->calls, g_ptr_array_unref);
  G_OBJECT_CLASS (sc_test_signer_parent_class)->finalize (object);
}

static void
sc_test_signer_class_init (ScTestSignerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_test_signer_finalize;
}

static void
sc_test_signer_init (ScTestSigner *self)
{
  self->calls = g_ptr_array_new_with_free_func (call_free);
}

ScTestSigner *
sc_test_signer_new (ScTestSignerMode mode)
{
  ScTestSigner *self = g_object_new (SC_TEST_TYPE_SIGNER, NULL);

  self->mode = mode;
  return self;
}

guint
sc_test_signer_get_n_calls (ScTestSigner *self)
{
  return self->calls->len;
}

const ScTestSignerCall *
sc_test_signer_get_call (ScTestSigner *self,
                         guint         index)
{
  g_assert_cmpuint (index, <, self->calls->len);
  return g_ptr_array_index (self->calls, index);
}
