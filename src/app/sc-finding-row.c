#include "sc-finding-row.h"

#include <glib/gi18n.h>

#include "sc-rfc-page.h"
#include "sc-section.h"

struct _ScFindingRow
{
  GtkListBoxRow  parent_instance;
  char          *link;
};

G_DEFINE_FINAL_TYPE (ScFindingRow, sc_finding_row, GTK_TYPE_LIST_BOX_ROW)

static void
sc_finding_row_finalize (GObject *object)
{
  g_free (SC_FINDING_ROW (object)->link);
  G_OBJECT_CLASS (sc_finding_row_parent_class)->finalize (object);
}

static void
sc_finding_row_class_init (ScFindingRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_finding_row_finalize;
}

static void
sc_finding_row_init (ScFindingRow *self)
{
}

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = sc_section_text_label (text);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static const char *
severity_icon (ScDiagnosisSeverity severity)
{
  return severity == SC_DIAGNOSIS_FAILURE ? "dialog-error-symbolic"
         : severity == SC_DIAGNOSIS_NOTICE ? "dialog-warning-symbolic" : "dialog-information-symbolic";
}

static const char *
severity_name (ScDiagnosisSeverity severity)
{
  return severity == SC_DIAGNOSIS_FAILURE ? _("Failure") : severity == SC_DIAGNOSIS_NOTICE ? _("Notice") : _("Information");
}

/**
 * sc_finding_row_new:
 * @first_line: the message's first line in the whole text, so that line numbers match the paste
 * @line_format: "line %u" in the language of the explanation
 * @what_to_do: "What to do:" in that language
 */
GtkWidget *
sc_finding_row_new (const ScDiagnosisFinding *finding,
                    guint                     first_line,
                    const char               *line_format,
                    const char               *what_to_do)
{
  ScFindingRow *self = g_object_new (SC_TYPE_FINDING_ROW, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (finding->severity));
  GtkWidget *title = text_label (finding->title, "heading");
  g_autofree char *where = finding->line > 0 ? g_strdup_printf (line_format, first_line + finding->line - 1) : NULL;

  self->link = g_strdup (finding->link);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  severity_name (finding->severity), -1);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_attach (GTK_GRID (grid), icon, 0, 0, 1, 1);
  if (where != NULL)
    {
      GtkWidget *line = gtk_label_new (where);
      gtk_widget_add_css_class (line, "dim-label");
      gtk_widget_add_css_class (line, "numeric");
      gtk_widget_set_valign (line, GTK_ALIGN_START);
      gtk_grid_attach (GTK_GRID (grid), line, 1, 0, 1, 1);
    }
  gtk_grid_attach (GTK_GRID (grid), title, 2, 0, 1, 1);
  gtk_box_append (GTK_BOX (box), grid);
  if (finding->meaning != NULL)
    gtk_box_append (GTK_BOX (box), text_label (finding->meaning, NULL));
  if (finding->detail != NULL)
    gtk_box_append (GTK_BOX (box), text_label (finding->detail, "dim-label"));
  if (finding->check != NULL)
    {
      g_autofree char *text = g_str_has_suffix (what_to_do, "：") ? g_strconcat (what_to_do, finding->check, NULL)
                                                                 : g_strconcat (what_to_do, " ", finding->check, NULL);
      gtk_box_append (GTK_BOX (box), text_label (text, NULL));
    }
  if (finding->rfc != 0)
    {
      /* The RFC section it rests on, read offline as every RFC link of the app. */
      g_autofree char *uri = sc_rfc_link_uri (finding->rfc, finding->section);
      g_autofree char *shown = finding->section ? g_strdup_printf ("RFC %u §%s", finding->rfc, finding->section)
                                                : g_strdup_printf ("RFC %u", finding->rfc);
      g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", uri, shown);
      GtkWidget *link = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (link), markup);
      gtk_label_set_xalign (GTK_LABEL (link), 0.0);
      gtk_widget_add_css_class (link, "caption");
      sc_rfc_link_connect (GTK_LABEL (link));
      gtk_box_append (GTK_BOX (box), link);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  /* A code opens its page (the chevron says so); the other kinds have no page of their own yet. */
  if (self->link != NULL && g_str_has_prefix (self->link, "code:"))
    {
      GtkWidget *chevron = gtk_image_new_from_icon_name ("go-next-symbolic");
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_set_valign (chevron, GTK_ALIGN_START);
      gtk_accessible_update_state (GTK_ACCESSIBLE (chevron), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_grid_attach (GTK_GRID (grid), chevron, 3, 0, 1, 1);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  return GTK_WIDGET (self);
}

const char *
sc_finding_row_get_link (ScFindingRow *self)
{
  g_return_val_if_fail (SC_IS_FINDING_ROW (self), NULL);
  return self->link;
}
