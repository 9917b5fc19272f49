#include "sc-feedback.h"

#include <glib/gi18n.h>

void
sc_toast (GtkWidget  *widget,
          const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

AdwMessageDialog *
sc_confirm_dialog_new (GtkWidget  *parent,
                       const char *heading,
                       const char *body,
                       const char *action_id,
                       const char *action_label)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), action_id, action_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, action_id, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

typedef struct {
  ScFileChosenFunc chosen;
  gpointer         data;
} FileChoice;

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                FileChoice      *choice)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;

  if (file != NULL)
    choice->chosen (choice->data, file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_free (choice);
}

void
sc_choose_file (GtkWidget        *widget,
                const char       *title,
                GtkFileFilter    *filter,
                ScFileChosenFunc  chosen,
                gpointer          data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  FileChoice *choice = g_new (FileChoice, 1);

  *choice = (FileChoice) { chosen, data };
  if (filter != NULL)
    {
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
