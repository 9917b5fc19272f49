#define G_LOG_DOMAIN "sc-explain-page"

#include "sc-explain-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-diagnosis-text.h"
#include "sc-feedback.h"
#include "sc-finding-row.h"
#include "sc-section.h"
#include "sc-sip-printable.h"

/* Typing settles before the text is explained again; a paste is explained at once. */
#define SETTLE_MS 300
/* More messages than a person reads on one page: the rest are counted, not shown. */
#define MAX_SHOWN 100

struct _ScExplainPage
{
  GtkWidget      parent_instance;

  GtkWidget     *scroller;
  GtkTextView   *input;
  GtkLabel      *status_label;
  GtkBox        *results;
  GtkWidget     *cert_box;
  GtkLabel      *cert_label;

  ScKbDatabase  *db;
  ScKbLang       lang;
  ScDiagnosis   *diagnosis;
  guint          settle;
  GCancellable  *loading;
  GBytes        *certificate;        /* the Identity signer's, PEM: signatures are checked with it */
  GCancellable  *loading_certificate;
};

G_DEFINE_FINAL_TYPE (ScExplainPage, sc_explain_page, GTK_TYPE_WIDGET)

enum { SIGNAL_CODE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
term (ScExplainPage *self,
      const char    *key)
{
  return sc_kb_database_term (self->db, "Label", key, self->lang);
}

static void
on_row_activated (ScExplainPage *self,
                  GtkListBoxRow *row)
{
  const char *link = sc_finding_row_get_link (SC_FINDING_ROW (row));
  guint64 code;

  if (link != NULL && g_str_has_prefix (link, "code:") &&
      g_ascii_string_to_unsigned (link + 5, 10, 100, 699, &code, NULL))
    g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0, (guint) code);
}

/* The message as pasted, with line numbers as in the paste and a mark beside each line a
 * finding is about (the same mark as its row), open when the paste is short. */
static GtkWidget *
message_text (const ScDiagnosisMessage *m,
              gboolean                  expanded)
{
  static const char * const marks[] = { "•", "▲", "✗" };
  g_autofree char *text = sc_sip_printable_message (m->bytes);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) numbered = g_string_new (NULL);
  GtkWidget *expander = gtk_expander_new (_("The message"));
  GtkWidget *label;

  for (guint i = 0; lines[i] != NULL && i < m->n_lines; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (lines[i], -1);
      int worst = -1;

      for (guint j = 0; j < m->findings->len; j++)
        {
          const ScDiagnosisFinding *f = g_ptr_array_index (m->findings, j);
          if (f->line == i + 1)
            worst = MAX (worst, (int) f->severity);
        }
      if (worst >= 0)
        g_string_append_printf (numbered, "%s %4u  <b>%s</b>\n", marks[worst], m->first_line + i, escaped);
      else
        g_string_append_printf (numbered, "  %4u  %s\n", m->first_line + i, escaped);
    }
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), numbered->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_expander_set_child (GTK_EXPANDER (expander), label);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), expanded);
  return expander;
}

static GtkWidget *
message_block (ScExplainPage            *self,
               guint                     index,
               const ScDiagnosisMessage *m)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *heading = g_strdup_printf (term (self, "message-at"), index + 1, m->first_line);
  g_autofree char *title = g_str_has_suffix (heading, "：") ? g_strconcat (heading, m->start_line, NULL)
                                                           : g_strconcat (heading, " ", m->start_line, NULL);
  GtkWidget *label = sc_section_text_label (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < m->findings->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         sc_finding_row_new (g_ptr_array_index (m->findings, i), m->first_line,
                                             term (self, "at-line"), term (self, "what-to-do")));
  g_signal_connect_swapped (list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), message_text (m, sc_diagnosis_get_n_messages (self->diagnosis) <= 3));
  return box;
}

/* Messages of one Call-ID together, in the order they were pasted: one call's exchange. */
static GPtrArray *
calls_in_order (ScDiagnosis *diagnosis,
                guint        shown)
{
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < shown; i++)
    {
      const ScDiagnosisMessage *m = sc_diagnosis_get_message (diagnosis, i);
      GArray *call = m->call_id ? g_hash_table_lookup (by_id, m->call_id) : NULL;

      if (call == NULL)
        {
          call = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (calls, call);
          if (m->call_id != NULL)
            g_hash_table_insert (by_id, m->call_id, call);
        }
      g_array_append_val (call, i);
    }
  return calls;
}

static void
show_diagnosis (ScExplainPage *self)
{
  guint n = sc_diagnosis_get_n_messages (self->diagnosis), shown = MIN (n, MAX_SHOWN), malformed = 0;
  g_autoptr(GPtrArray) calls = calls_in_order (self->diagnosis, shown);
  g_autofree char *status = NULL;

  for (guint c = 0; c < calls->len; c++)
    {
      GArray *call = g_ptr_array_index (calls, c);
      const ScDiagnosisMessage *first = sc_diagnosis_get_message (self->diagnosis, g_array_index (call, guint, 0));

      if (call->len > 1 && first->call_id != NULL)
        {
          g_autofree char *heading = g_strdup_printf (_("Call %s: %u messages"), first->call_id, call->len);
          GtkWidget *label = sc_section_text_label (heading);
          gtk_widget_add_css_class (label, "title-4");
          gtk_box_append (self->results, label);
        }
      for (guint i = 0; i < call->len; i++)
        {
          guint index = g_array_index (call, guint, i);
          const ScDiagnosisMessage *m = sc_diagnosis_get_message (self->diagnosis, index);
          malformed += m->error != NULL;
          gtk_box_append (self->results, message_block (self, index, m));
        }
    }
  status = n > shown ? g_strdup_printf (_("Showing the first %u of %u messages"), shown, n)
           : malformed > 0 ? g_strdup_printf (ngettext ("%u message, %u malformed", "%u messages, %u malformed", n), n, malformed)
           : g_strdup_printf (ngettext ("%u message", "%u messages", n), n);
  gtk_label_set_text (self->status_label, status);
}

static void
explain_now (ScExplainPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->input);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->settle, g_source_remove);
  g_clear_object (&self->diagnosis);
  sc_section_clear_box (self->results);
  gtk_label_set_text (self->status_label, "");
  if (self->db == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (*g_strstrip (text) == '\0')
    return;
  bytes = g_bytes_new (text, strlen (text));
  self->diagnosis = sc_diagnosis_new_verifying (self->db, bytes, self->lang, self->certificate, &error);
  if (self->diagnosis == NULL)
    gtk_label_set_text (self->status_label, error->message);
  else
    show_diagnosis (self);
}

static gboolean
settle_cb (gpointer data)
{
  ScExplainPage *self = data;

  self->settle = 0;
  explain_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed (ScExplainPage *self)
{
  g_clear_handle_id (&self->settle, g_source_remove);
  self->settle = g_timeout_add (SETTLE_MS, settle_cb, self);
}

/* A file is read on a thread and only up to what can be explained: /dev/zero or a capture
 * dropped by mistake ends in a message, not in all the memory. */
static void
read_file_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = g_file_read (G_FILE (source), cancellable, NULL);
  g_autofree char *buffer = g_malloc (SC_DIAGNOSIS_MAX_TEXT + 1);
  g_autoptr(GError) error = NULL;
  gsize got = 0;

  if (stream == NULL && !g_task_return_error_if_cancelled (task))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (source));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s cannot be read"), name);
      return;
    }
  if (stream == NULL)
    return;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, SC_DIAGNOSIS_MAX_TEXT + 1, &got, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (got > SC_DIAGNOSIS_MAX_TEXT)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The file is larger than %d MB: open the messages of one call or a few"),
                               SC_DIAGNOSIS_MAX_TEXT / (1024 * 1024));
      return;
    }
  /* Shown in a text view, which holds UTF-8 only: anything else is shown as U+FFFD. */
  g_task_return_pointer (task, g_utf8_make_valid (buffer, got), g_free);
}

static void
on_file_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);
  ScExplainPage *self = data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (text == NULL)
    sc_toast (GTK_WIDGET (self), error->message);
  else
    sc_explain_page_set_text (self, text);
}

/* Reads @file (up to what can be explained) and explains it; a failure is said in a toast. */
void
sc_explain_page_load_file (ScExplainPage *self,
                           GFile         *file)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  task = g_task_new (file, self->loading, on_file_read, self);
  g_task_run_in_thread (task, read_file_thread);
}

static void
load_file_chosen (gpointer  self,
                  GFile    *file)
{
  sc_explain_page_load_file (self, file);
}

static void
on_open_clicked (ScExplainPage *self)
{
  sc_choose_file (GTK_WIDGET (self), _("Open a SIP Message or Trace"), NULL, load_file_chosen, self);
}

/* ---- the signer's certificate, for Identity signatures ---- */

/* A certificate is a few kilobytes; a larger file is not one. */
#define MAX_CERTIFICATE_SIZE (64 * 1024)

/* @certificate: (nullable): PEM, or NULL to stop checking signatures
 * @name: what to call it ("sp.pem") */
void
sc_explain_page_set_certificate (ScExplainPage *self,
                                 GBytes        *certificate,
                                 const char    *name)
{
  g_autofree char *shown = NULL, *text = NULL;

  g_return_if_fail (SC_IS_EXPLAIN_PAGE (self));
  g_clear_pointer (&self->certificate, g_bytes_unref);
  self->certificate = certificate ? g_bytes_ref (certificate) : NULL;
  if (certificate != NULL)
    {
      shown = sc_sip_printable (name, strlen (name));
      text = g_strdup_printf (_("Identity signatures checked with %s"), shown);
      gtk_label_set_text (self->cert_label, text);
    }
  gtk_widget_set_visible (self->cert_box, certificate != NULL);
  explain_now (self);
}

static void
on_certificate_read (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  ScExplainPage *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  g_autoptr(GFile) file = g_object_steal_data (source, "file");
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading_certificate);
  if (bytes != NULL && (g_bytes_get_size (bytes) > MAX_CERTIFICATE_SIZE ||
                        g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "-----BEGIN CERTIFICATE-----") == NULL))
    {
      g_autofree char *shown = sc_sip_printable (name ? name : "", -1);
      g_autofree char *message = g_strdup_printf (_("%s is not a certificate in PEM (-----BEGIN CERTIFICATE-----)"), shown);
      sc_toast (GTK_WIDGET (self), message);
      return;
    }
  if (bytes == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the certificate: %s"), error->message);
      sc_toast (GTK_WIDGET (self), message);
      return;
    }
  sc_explain_page_set_certificate (self, bytes, name);
}

static void
on_certificate_opened (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  ScExplainPage *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read_finish (G_FILE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (stream == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the certificate: %s"), error->message);
      g_clear_object (&self->loading_certificate);
      sc_toast (GTK_WIDGET (self), message);
      return;
    }
  g_object_set_data_full (G_OBJECT (stream), "file", g_object_ref (source), g_object_unref);
  g_input_stream_read_bytes_async (G_INPUT_STREAM (stream), MAX_CERTIFICATE_SIZE + 1, G_PRIORITY_DEFAULT,
                                   self->loading_certificate, on_certificate_read, self);
}

void
sc_explain_page_load_certificate (ScExplainPage *self,
                                  GFile         *file)
{
  g_return_if_fail (SC_IS_EXPLAIN_PAGE (self));
  g_cancellable_cancel (self->loading_certificate);
  g_clear_object (&self->loading_certificate);
  self->loading_certificate = g_cancellable_new ();
  g_file_read_async (file, G_PRIORITY_DEFAULT, self->loading_certificate, on_certificate_opened, self);
}

static void
certificate_chosen (gpointer  self,
                    GFile    *file)
{
  sc_explain_page_load_certificate (self, file);
}

static void
on_certificate_clicked (ScExplainPage *self)
{
  g_autoptr(GtkFileFilter) pem = gtk_file_filter_new ();

  gtk_file_filter_set_name (pem, _("PEM Certificates"));
  gtk_file_filter_add_pattern (pem, "*.pem");
  gtk_file_filter_add_pattern (pem, "*.crt");
  sc_choose_file (GTK_WIDGET (self), _("The Signer’s Certificate"), pem, certificate_chosen, self);
}

static void
on_certificate_removed (ScExplainPage *self)
{
  sc_explain_page_set_certificate (self, NULL, NULL);
}

static void
on_clear_clicked (ScExplainPage *self)
{
  sc_explain_page_set_text (self, "");
  sc_explain_page_focus (self);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ScExplainPage *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);
      if (files == NULL)
        return FALSE;
      sc_explain_page_load_file (self, files->data);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value) != NULL)
    {
      sc_explain_page_set_text (self, g_value_get_string (value));
      return TRUE;
    }
  return FALSE;
}

static void
sc_explain_page_dispose (GObject *object)
{
  ScExplainPage *self = SC_EXPLAIN_PAGE (object);

  g_clear_handle_id (&self->settle, g_source_remove);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_cancellable_cancel (self->loading_certificate);
  g_clear_object (&self->loading_certificate);
  g_clear_pointer (&self->certificate, g_bytes_unref);
  g_clear_object (&self->diagnosis);
  g_clear_object (&self->db);
  sc_section_dispose_children (GTK_WIDGET (self), SC_TYPE_EXPLAIN_PAGE);
  G_OBJECT_CLASS (sc_explain_page_parent_class)->dispose (object);
}

static void
sc_explain_page_class_init (ScExplainPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_explain_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-explain-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScExplainPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ScExplainPage, input);
  gtk_widget_class_bind_template_child (widget_class, ScExplainPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ScExplainPage, results);
  gtk_widget_class_bind_template_child (widget_class, ScExplainPage, cert_box);
  gtk_widget_class_bind_template_child (widget_class, ScExplainPage, cert_label);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_certificate_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_certificate_removed);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);

  /**
   * ScExplainPage::code-activated:
   * A finding about a response code was activated: show that code's page.
   */
  signals[SIGNAL_CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sc_explain_page_init (ScExplainPage *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->lang = sc_kb_lang_from_locale ();
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->input), "changed", G_CALLBACK (on_text_changed), self);
  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[]) { GDK_TYPE_FILE_LIST, G_TYPE_STRING }, 2);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
sc_explain_page_new (void)
{
  return g_object_new (SC_TYPE_EXPLAIN_PAGE, NULL);
}

void
sc_explain_page_setup (ScExplainPage *self,
                       ScKbDatabase  *db)
{
  g_return_if_fail (SC_IS_EXPLAIN_PAGE (self));
  g_set_object (&self->db, db);
  explain_now (self);
}

void
sc_explain_page_set_language (ScExplainPage *self,
                              ScKbLang       lang)
{
  g_return_if_fail (SC_IS_EXPLAIN_PAGE (self));
  if (self->lang == lang)
    return;
  self->lang = lang;
  explain_now (self);
}

/* Sets the text and explains it at once (a paste, a drop, a file). */
void
sc_explain_page_set_text (ScExplainPage *self,
                          const char    *text)
{
  g_return_if_fail (SC_IS_EXPLAIN_PAGE (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->input), text, -1);
  explain_now (self);
}

void
sc_explain_page_focus (ScExplainPage *self)
{
  g_return_if_fail (SC_IS_EXPLAIN_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->input));
}

ScDiagnosis *
sc_explain_page_get_diagnosis (ScExplainPage *self)
{
  g_return_val_if_fail (SC_IS_EXPLAIN_PAGE (self), NULL);
  return self->diagnosis;
}

const char *
sc_explain_page_get_status (ScExplainPage *self)
{
  g_return_val_if_fail (SC_IS_EXPLAIN_PAGE (self), NULL);
  return gtk_label_get_text (self->status_label);
}

GtkWidget *
sc_explain_page_get_results (ScExplainPage *self)
{
  g_return_val_if_fail (SC_IS_EXPLAIN_PAGE (self), NULL);
  return GTK_WIDGET (self->results);
}
