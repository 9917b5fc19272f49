#define G_LOG_DOMAIN "sc-probe-identity-codes"

#include "sc-probe-identity-codes.h"

static const guint identity_codes[] = { 428, 436, 437, 438 };

struct _ScProbeIdentityCodes
{
  AdwExpanderRow parent_instance;

  GPtrArray     *rows;   /* of AdwActionRow, one per code the knowledge base has */
};

G_DEFINE_FINAL_TYPE (ScProbeIdentityCodes, sc_probe_identity_codes, ADW_TYPE_EXPANDER_ROW)

enum { SIGNAL_CODE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
sc_probe_identity_codes_finalize (GObject *object)
{
  ScProbeIdentityCodes *self = SC_PROBE_IDENTITY_CODES (object);

  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (sc_probe_identity_codes_parent_class)->finalize (object);
}

static void
sc_probe_identity_codes_class_init (ScProbeIdentityCodesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_probe_identity_codes_finalize;
  /* One of the codes was activated: show its page. */
  signals[SIGNAL_CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sc_probe_identity_codes_init (ScProbeIdentityCodes *self)
{
  self->rows = g_ptr_array_new ();
}

static void
on_row_activated (AdwActionRow         *row,
                  ScProbeIdentityCodes *self)
{
  g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "sc-code")));
}

static GtkWidget *
code_row (ScProbeIdentityCodes *self,
          guint                 code,
          ScKbEntry            *entry,
          ScKbLang              lang)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%u %s", code, sc_kb_entry_get_reason (entry));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sc_kb_entry_get_text (entry, lang)->summary);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "sc-code", GUINT_TO_POINTER (code));
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
  return row;
}

/* The rows anew, in @lang: again when the content language changes. */
void
sc_probe_identity_codes_explain (ScProbeIdentityCodes *self,
                                 ScKbDatabase         *db,
                                 ScKbLang              lang)
{
  g_return_if_fail (SC_IS_PROBE_IDENTITY_CODES (self));
  for (guint i = 0; i < self->rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; db != NULL && i < G_N_ELEMENTS (identity_codes); i++)
    {
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (db, identity_codes[i], NULL);
      GtkWidget *row;

      if (entry == NULL)
        continue;
      row = code_row (self, identity_codes[i], entry, lang);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->rows, row);
    }
}

/* Returns: (transfer none) (nullable): the row that explains @code. */
GtkWidget *
sc_probe_identity_codes_get_row (ScProbeIdentityCodes *self,
                                 guint                 code)
{
  g_return_val_if_fail (SC_IS_PROBE_IDENTITY_CODES (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    if (GPOINTER_TO_UINT (g_object_get_data (self->rows->pdata[i], "sc-code")) == code)
      return self->rows->pdata[i];
  return NULL;
}
