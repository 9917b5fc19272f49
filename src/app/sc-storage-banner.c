#define G_LOG_DOMAIN "sc-storage-banner"

#include "sc-storage-banner.h"

#include <glib/gi18n.h>

#include "sc-feedback.h"
#include "sc-kb-error.h"
#include "sc-section.h"
#include "sc-user-store.h"

struct _ScStorageBanner
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkInfoBar  *info_bar;
  GtkLabel    *message_label;
  GtkWidget   *afresh_button;
  char        *path;           /* the user database that could not be used */
};

G_DEFINE_FINAL_TYPE (ScStorageBanner, sc_storage_banner, GTK_TYPE_WIDGET)

enum { SIGNAL_STORE_OPENED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* On the user's word only: the damaged file keeps its contents under a name of its own. */
static void
start_afresh (ScStorageBanner *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScUserStore) store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *message = NULL;

  if (!sc_user_store_move_aside (self->path, &backup, &error) || !(store = sc_user_store_open (self->path, &error)))
    {
      sc_storage_banner_show (self, self->path, error);
      return;
    }
  sc_storage_banner_hide (self);
  g_signal_emit (self, signals[SIGNAL_STORE_OPENED], 0, store);
  message = g_strdup_printf (_("The damaged file was kept as %s"), backup);
  sc_toast (GTK_WIDGET (self), message);
}

/* The close button: the problem stays, the banner goes until the next start. */
static void
on_response (ScStorageBanner *self,
             int              response)
{
  sc_storage_banner_hide (self);
}

static void
sc_storage_banner_dispose (GObject *object)
{
  sc_section_dispose_children (GTK_WIDGET (object), SC_TYPE_STORAGE_BANNER);
  G_OBJECT_CLASS (sc_storage_banner_parent_class)->dispose (object);
}

static void
sc_storage_banner_finalize (GObject *object)
{
  g_free (SC_STORAGE_BANNER (object)->path);
  G_OBJECT_CLASS (sc_storage_banner_parent_class)->finalize (object);
}

static void
sc_storage_banner_class_init (ScStorageBannerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_storage_banner_dispose;
  G_OBJECT_CLASS (klass)->finalize = sc_storage_banner_finalize;
  /* The damaged file was moved aside and a new user database opened: use it from now on. */
  signals[SIGNAL_STORE_OPENED] = g_signal_new ("store-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                               NULL, NULL, NULL, G_TYPE_NONE, 1, SC_TYPE_USER_STORE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-storage-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, ScStorageBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, ScStorageBanner, info_bar);
  gtk_widget_class_bind_template_child (widget_class, ScStorageBanner, message_label);
  gtk_widget_class_bind_template_child (widget_class, ScStorageBanner, afresh_button);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
  gtk_widget_class_bind_template_callback (widget_class, sc_storage_banner_start_afresh);
}

static void
on_child_revealed (ScStorageBanner *self)
{
  if (!gtk_revealer_get_child_revealed (self->revealer) && !gtk_revealer_get_reveal_child (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
sc_storage_banner_init (ScStorageBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Hidden, not only folded away: a folded revealer still measures its message. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_swapped (self->revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed), self);
}

/**
 * sc_storage_banner_show:
 * @path: the user database that could not be used
 * @error: why, in words (the user database's own error)
 *
 * A damaged file (SC_KB_ERROR_DAMAGED) gets the offer to move it aside and start afresh.
 */
void
sc_storage_banner_show (ScStorageBanner *self,
                        const char      *path,
                        const GError    *error)
{
  g_return_if_fail (SC_IS_STORAGE_BANNER (self));
  if (self->path != path)
    {
      g_free (self->path);
      self->path = g_strdup (path);
    }
  gtk_label_set_text (self->message_label, error->message);
  gtk_widget_set_visible (self->afresh_button, g_error_matches (error, SC_KB_ERROR, SC_KB_ERROR_DAMAGED));
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

/* "Move Aside and Start Afresh" (offered for a damaged file only). */
void
sc_storage_banner_start_afresh (ScStorageBanner *self)
{
  g_return_if_fail (SC_IS_STORAGE_BANNER (self));
  if (gtk_widget_get_visible (self->afresh_button))
    start_afresh (self);
}

void
sc_storage_banner_hide (ScStorageBanner *self)
{
  g_return_if_fail (SC_IS_STORAGE_BANNER (self));
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

gboolean
sc_storage_banner_is_shown (ScStorageBanner *self)
{
  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
sc_storage_banner_get_message (ScStorageBanner *self)
{
  return gtk_label_get_text (self->message_label);
}
