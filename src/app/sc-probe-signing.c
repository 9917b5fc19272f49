#define G_LOG_DOMAIN "sc-probe-signing"

#include "sc-probe-signing.h"

#include <glib/gi18n.h>

#include "sc-feedback.h"
#include "sc-stir-signer.h"

/* A PEM key is a few hundred bytes; anything near this is not one. */
#define MAX_KEY_SIZE (64 * 1024)

static const char * const attestations[] = { "A", "B", "C" };

struct _ScProbeSigning
{
  AdwBin          parent_instance;

  AdwExpanderRow *expander;
  AdwActionRow   *key_row;
  AdwEntryRow    *x5u_row;
  AdwComboRow    *attest_row;
  AdwEntryRow    *orig_row;
  AdwEntryRow    *dest_row;
  GtkLabel       *problem_label;

  char           *key_path;
  GBytes         *key;           /* the key as last read, to check it as the user types */
  char           *key_problem;   /* why it could not be read or used */
  GCancellable   *loading;
};

G_DEFINE_FINAL_TYPE (ScProbeSigning, sc_probe_signing, ADW_TYPE_BIN)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- reading the key, off the main thread ---- */

static GBytes *
read_key (const char    *path,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr(GBytes) bytes = NULL;

  if (stream == NULL ||
      !(bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), MAX_KEY_SIZE + 1, cancellable, error)))
    return NULL;
  if (g_bytes_get_size (bytes) > MAX_KEY_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s is larger than a private key can be"), path);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

typedef struct {
  char *key_path, *x5u, *attest, *orig, *dest;
} SignerSpec;

static void
signer_spec_free (SignerSpec *spec)
{
  g_free (spec->key_path);
  g_free (spec->x5u);
  g_free (spec->attest);
  g_free (spec->orig);
  g_free (spec->dest);
  g_free (spec);
}

static ScSipIdentitySigner *
make_signer (GBytes      *key,
             const char  *x5u,
             const char  *attest,
             const char  *orig,
             const char  *dest,
             GError     **error)
{
  g_autoptr(ScStirSigner) signer = sc_stir_signer_new (key, x5u, attest ? attest : "A", error);

  if (signer == NULL || !sc_stir_signer_set_tns (signer, orig, dest, error))
    return NULL;
  return SC_SIP_IDENTITY_SIGNER (g_steal_pointer (&signer));
}

static void
load_signer_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  SignerSpec *spec = data;
  GError *error = NULL;
  g_autoptr(GBytes) key = read_key (spec->key_path, cancellable, &error);
  ScSipIdentitySigner *signer = key ? make_signer (key, spec->x5u, spec->attest, spec->orig, spec->dest, &error) : NULL;

  if (signer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, signer, g_object_unref);
}

void
sc_probe_signer_load_async (const ScProbeRecord *record,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SignerSpec *spec = g_new0 (SignerSpec, 1);

  g_return_if_fail (record->sign_key != NULL);
  spec->key_path = g_strdup (record->sign_key);
  spec->x5u = g_strdup (record->sign_x5u ? record->sign_x5u : "");
  spec->attest = g_strdup (record->sign_attest);
  spec->orig = g_strdup (record->sign_orig);
  spec->dest = g_strdup (record->sign_dest);
  g_task_set_source_tag (task, sc_probe_signer_load_async);
  g_task_set_task_data (task, spec, (GDestroyNotify) signer_spec_free);
  g_task_run_in_thread (task, load_signer_thread);
}

ScSipIdentitySigner *
sc_probe_signer_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the widget ---- */

static void
emit_changed (ScProbeSigning *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_changed (ScProbeSigning *self)
{
  emit_changed (self);
}

static void
key_read (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  ScProbeSigning *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  self->key = g_steal_pointer (&key);
  self->key_problem = error ? g_strdup (error->message) : NULL;
  emit_changed (self);
}

static void
read_key_thread (GTask        *task,
                 gpointer      source,
                 gpointer      path,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *key = read_key (path, cancellable, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) g_bytes_unref);
}

void
sc_probe_signing_set_key_path (ScProbeSigning *self,
                               const char     *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SC_IS_PROBE_SIGNING (self));
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->key, g_bytes_unref);
  g_clear_pointer (&self->key_problem, g_free);
  g_free (self->key_path);
  self->key_path = g_strdup (path);
  adw_action_row_set_subtitle (self->key_row, path ? path : _("No key chosen"));
  if (path != NULL)
    {
      self->loading = g_cancellable_new ();
      task = g_task_new (NULL, self->loading, key_read, self);
      g_task_set_task_data (task, g_strdup (path), g_free);
      g_task_run_in_thread (task, read_key_thread);
    }
  emit_changed (self);
}

static void
key_chosen (gpointer  self,
            GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    sc_probe_signing_set_key_path (self, path);
}

static void
on_choose_clicked (ScProbeSigning *self)
{
  g_autoptr(GtkFileFilter) pem = gtk_file_filter_new ();

  gtk_file_filter_set_name (pem, _("PEM Keys"));
  gtk_file_filter_add_pattern (pem, "*.pem");
  gtk_file_filter_add_pattern (pem, "*.key");
  sc_choose_file (GTK_WIDGET (self), _("Choose the Private Key"), pem, key_chosen, self);
}

static void
sc_probe_signing_dispose (GObject *object)
{
  ScProbeSigning *self = SC_PROBE_SIGNING (object);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (object), SC_TYPE_PROBE_SIGNING);
  G_OBJECT_CLASS (sc_probe_signing_parent_class)->dispose (object);
}

static void
sc_probe_signing_finalize (GObject *object)
{
  ScProbeSigning *self = SC_PROBE_SIGNING (object);

  g_free (self->key_path);
  g_clear_pointer (&self->key, g_bytes_unref);
  g_free (self->key_problem);
  G_OBJECT_CLASS (sc_probe_signing_parent_class)->finalize (object);
}

static void
sc_probe_signing_class_init (ScProbeSigningClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_probe_signing_dispose;
  G_OBJECT_CLASS (klass)->finalize = sc_probe_signing_finalize;
  /* Something the signature depends on changed, or the key was read: check the form again. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-probe-signing.ui");
  gtk_widget_class_bind_template_child (widget_class, ScProbeSigning, expander);
  gtk_widget_class_bind_template_child (widget_class, ScProbeSigning, key_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeSigning, x5u_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeSigning, attest_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeSigning, orig_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeSigning, dest_row);
  gtk_widget_class_bind_template_child (widget_class, ScProbeSigning, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
}

static void
sc_probe_signing_init (ScProbeSigning *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

gboolean
sc_probe_signing_is_enabled (ScProbeSigning *self)
{
  return adw_expander_row_get_enable_expansion (self->expander);
}

gboolean
sc_probe_signing_is_loading (ScProbeSigning *self)
{
  return self->loading != NULL;
}

static char *
entry_value (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static const char *
current_attest (ScProbeSigning *self)
{
  guint selected = adw_combo_row_get_selected (self->attest_row);

  return attestations[selected < G_N_ELEMENTS (attestations) ? selected : 0];
}

static void
show_problem (ScProbeSigning *self,
              const char     *problem)
{
  gtk_label_set_text (self->problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

/* Whether the probe can sign with what is given; if not, the group says what is missing. The
 * check signs nothing: it builds the signer, which refuses a key, x5u or number it cannot use. */
gboolean
sc_probe_signing_check (ScProbeSigning *self)
{
  g_autofree char *x5u = entry_value (self->x5u_row);
  g_autofree char *orig = entry_value (self->orig_row), *dest = entry_value (self->dest_row);
  g_autoptr(ScSipIdentitySigner) signer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  if (!sc_probe_signing_is_enabled (self))
    problem = NULL;
  else if (self->key_path == NULL)
    problem = g_strdup (_("Choose the private key that signs: a P-256 (prime256v1) key in PEM"));
  else if (self->key_problem != NULL)
    problem = g_strdup (self->key_problem);
  else if (self->key == NULL)
    {
      show_problem (self, NULL);
      return FALSE;   /* still reading it */
    }
  else if (x5u == NULL)
    problem = g_strdup (_("Give the certificate’s https:// URL (x5u): verifiers fetch it from there"));
  else if (!(signer = make_signer (self->key, x5u, current_attest (self), orig, dest, &error)))
    problem = g_strdup (error->message);
  show_problem (self, problem);
  return problem == NULL;
}

const char *
sc_probe_signing_get_problem (ScProbeSigning *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label)) ? gtk_label_get_text (self->problem_label) : NULL;
}

void
sc_probe_signing_to_record (ScProbeSigning *self,
                            ScProbeRecord  *record)
{
  if (!sc_probe_signing_is_enabled (self) || self->key_path == NULL)
    return;
  record->sign_key = g_strdup (self->key_path);
  record->sign_x5u = entry_value (self->x5u_row);
  record->sign_attest = g_strdup (current_attest (self));
  record->sign_orig = entry_value (self->orig_row);
  record->sign_dest = entry_value (self->dest_row);
}

void
sc_probe_signing_set (ScProbeSigning *self,
                      const char     *x5u,
                      const char     *attest,
                      const char     *orig,
                      const char     *dest)
{
  guint selected = 0;

  for (guint i = 0; attest != NULL && i < G_N_ELEMENTS (attestations); i++)
    if (g_str_equal (attest, attestations[i]))
      selected = i;
  gtk_editable_set_text (GTK_EDITABLE (self->x5u_row), x5u ? x5u : "");
  adw_combo_row_set_selected (self->attest_row, selected);
  gtk_editable_set_text (GTK_EDITABLE (self->orig_row), orig ? orig : "");
  gtk_editable_set_text (GTK_EDITABLE (self->dest_row), dest ? dest : "");
  adw_expander_row_set_enable_expansion (self->expander, TRUE);
}

/* A probe from the history: signing as it was, the key read again from where it is now. A
 * probe that did not sign leaves the last key and URL in place, switched off. */
void
sc_probe_signing_fill (ScProbeSigning      *self,
                       const ScProbeRecord *record)
{
  g_return_if_fail (SC_IS_PROBE_SIGNING (self));
  if (record->sign_key == NULL)
    {
      adw_expander_row_set_enable_expansion (self->expander, FALSE);
      return;
    }
  sc_probe_signing_set_key_path (self, record->sign_key);
  sc_probe_signing_set (self, record->sign_x5u, record->sign_attest, record->sign_orig, record->sign_dest);
}
