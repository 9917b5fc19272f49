#define G_LOG_DOMAIN "sc-capture-page"

#include "sc-capture-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-capture-columns.h"
#include "sc-capture-load.h"
#include "sc-diagnosis.h"
#include "sc-finding-row.h"
#include "sc-ladder-view.h"
#include "sc-section.h"
#include "sc-sip-printable.h"

/* The outcome filter's entries after "Any outcome" and "Failures", in ScCaptureOutcome order. */
#define FIRST_OUTCOME_ENTRY 2

struct _ScCapturePage
{
  AdwBin              parent_instance;

  GtkLabel           *summary_label;
  GtkLabel           *reading_label;
  GtkProgressBar     *progress_bar;
  GtkWidget          *cancel_button;
  GtkDropDown        *kind_filter;
  GtkDropDown        *outcome_filter;
  GtkEditable        *code_filter;
  GtkEditable        *number_filter;
  GtkColumnView      *column_view;
  GtkLabel           *call_label;
  GtkWidget          *ladder_scroller;
  GtkListBox         *findings;
  GtkWidget          *message_frame;
  GtkTextView        *message_view;

  ScKbDatabase       *db;
  ScKbLang            lang;
  GListStore         *calls;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  ScCaptureLoad      *load;
  GCancellable       *cancellable;
  GCancellable       *details_cancellable;
  ScLadderView       *ladder;
  GPtrArray          *messages;    /* the selected call's, ScCaptureCallMessage, read again from the file */
  guint64             counts[SC_CAPTURE_N_KINDS][SC_CAPTURE_N_OUTCOMES];
  char               *digits;      /* the number filter, digits only */
  guint               code;        /* the code filter; 0: any */
};

G_DEFINE_FINAL_TYPE (ScCapturePage, sc_capture_page, ADW_TYPE_BIN)

enum { SIGNAL_CODE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- the list ---- */

static gboolean
keep_call (gpointer item,
           gpointer data)
{
  ScCapturePage *self = data;
  ScCaptureCall *call = item;
  guint kind = gtk_drop_down_get_selected (self->kind_filter);
  guint outcome = gtk_drop_down_get_selected (self->outcome_filter);

  if (kind > 0 && sc_capture_call_get_kind (call) != kind - 1)
    return FALSE;
  if (outcome == 1 && !sc_capture_outcome_is_failure (sc_capture_call_get_outcome (call)))
    return FALSE;
  if (outcome >= FIRST_OUTCOME_ENTRY && sc_capture_call_get_outcome (call) != outcome - FIRST_OUTCOME_ENTRY)
    return FALSE;
  if (self->code != 0 && sc_capture_call_get_final_code (call) != self->code)
    return FALSE;
  return self->digits == NULL || sc_capture_call_has_number (call, self->digits);
}

static void
on_filter_changed (ScCapturePage *self)
{
  const char *code = gtk_editable_get_text (self->code_filter);
  const char *number = gtk_editable_get_text (self->number_filter);
  guint64 value = 0;

  self->code = g_ascii_string_to_unsigned (code, 10, 100, 699, &value, NULL) ? (guint) value : 0;
  g_clear_pointer (&self->digits, g_free);
  self->digits = sc_capture_digits_of (number);
  if (*self->digits == '\0')
    g_clear_pointer (&self->digits, g_free);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---- counts ---- */

static void
update_summary (ScCapturePage *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint kind = 0; kind < SC_CAPTURE_N_KINDS; kind++)
    {
      guint64 total = 0;
      gboolean first = TRUE;

      for (guint o = 0; o < SC_CAPTURE_N_OUTCOMES; o++)
        total += self->counts[kind][o];
      if (total == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, "\n");
      g_autoptr(GString) parts = g_string_new (NULL);

      for (guint o = 0; o < SC_CAPTURE_N_OUTCOMES; o++)
        if (self->counts[kind][o] > 0)
          {
            /* TRANSLATORS: between two counts, "answered 411, failed 304" */
            g_string_append (parts, first ? "" : _(", "));
            /* TRANSLATORS: an outcome and how many: "answered 411" */
            g_string_append_printf (parts, _("%s %llu"), sc_capture_outcome_name (o), (unsigned long long) self->counts[kind][o]);
            first = FALSE;
          }
      /* TRANSLATORS: "Calls: 765 (answered 411, failed 304)" */
      g_string_append_printf (out, _("%s: %llu (%s)"), sc_capture_kind_title (kind), (unsigned long long) total, parts->str);
    }
  gtk_label_set_text (self->summary_label, out->len > 0 ? out->str : _("No call yet"));
}

static void
on_calls_added (ScCaptureLoad *load,
                GPtrArray     *batch,
                ScCapturePage *self)
{
  for (guint i = 0; i < batch->len; i++)
    {
      ScCaptureCall *call = batch->pdata[i];
      self->counts[sc_capture_call_get_kind (call)][sc_capture_call_get_outcome (call)]++;
    }
  g_list_store_splice (self->calls, g_list_model_get_n_items (G_LIST_MODEL (self->calls)), 0, batch->pdata, batch->len);
  update_summary (self);
}

static void
on_progress (ScCaptureLoad *load,
             double         fraction,
             ScCapturePage *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
show_reading (ScCapturePage *self)
{
  const ScCaptureReaderStats *stats = sc_capture_load_get_reading (self->load);
  const GError *error = sc_capture_load_get_error (self->load);
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, _("Read %llu packets: %llu SIP messages (%llu did not parse), %llu not SIP"),
                          (unsigned long long) stats->packets, (unsigned long long) stats->sip_messages,
                          (unsigned long long) stats->sip_errors, (unsigned long long) stats->not_sip);
  if (stats->tls_streams > 0)
    {
      g_string_append_c (out, '\n');
      g_string_append_printf (out, _("TLS streams, not readable without their keys: %llu"), (unsigned long long) stats->tls_streams);
    }
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *shown = sc_sip_printable (error->message, -1);
      g_string_append_c (out, '\n');
      g_string_append (out, shown);
    }
  else if (error != NULL)
    {
      g_string_append_c (out, '\n');
      g_string_append (out, _("Reading was cancelled: the calls read so far are shown."));
    }
  gtk_label_set_text (self->reading_label, out->str);
}

static void
on_finished (ScCaptureLoad *load,
             ScCapturePage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  g_clear_object (&self->cancellable);
  show_reading (self);
  update_summary (self);
}

/* ---- the selected call ---- */

static void
clear_details (ScCapturePage *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->findings))) != NULL)
    gtk_list_box_remove (self->findings, row);
  gtk_widget_set_visible (GTK_WIDGET (self->findings), FALSE);
  gtk_widget_set_visible (self->message_frame, FALSE);
  gtk_widget_set_visible (self->ladder_scroller, FALSE);
}

static void
on_finding_activated (GtkListBox    *box,
                      GtkListBoxRow *row,
                      ScCapturePage *self)
{
  const char *link = SC_IS_FINDING_ROW (row) ? sc_finding_row_get_link (SC_FINDING_ROW (row)) : NULL;

  if (link != NULL && g_str_has_prefix (link, "code:"))
    g_signal_emit (self, signals[SIGNAL_CODE_ACTIVATED], 0, (guint) g_ascii_strtoull (link + 5, NULL, 10));
}

/* A message of the call: as captured (printable), and what it means. */
static void
show_message (ScCapturePage *self,
              GBytes        *bytes)
{
  g_autoptr(ScDiagnosis) diagnosis = self->db ? sc_diagnosis_new (self->db, bytes, self->lang, NULL) : NULL;
  const ScDiagnosisMessage *m = diagnosis && sc_diagnosis_get_n_messages (diagnosis) > 0 ? sc_diagnosis_get_message (diagnosis, 0) : NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GString) text = g_string_new_len (data, MIN (len, 64 * 1024));
  g_autofree char *shown = NULL;
  GtkWidget *row;

  /* Lines end in CRLF on the wire: shown as lines, not as escaped carriage returns. */
  g_string_replace (text, "\r\n", "\n", 0);
  shown = sc_sip_printable_lines (text->str, text->len);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->findings))) != NULL)
    gtk_list_box_remove (self->findings, row);
  for (guint i = 0; m != NULL && i < m->findings->len; i++)
    gtk_list_box_append (self->findings, sc_finding_row_new (g_ptr_array_index (m->findings, i), 1,
                                                             sc_kb_database_term (self->db, "Label", "at-line", self->lang),
                                                             sc_kb_database_term (self->db, "Label", "what-to-do", self->lang)));
  gtk_widget_set_visible (GTK_WIDGET (self->findings), m != NULL && m->findings->len > 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->message_view), shown, -1);
  gtk_widget_set_visible (self->message_frame, TRUE);
}

/* The ladder: the call's messages are read again from the file (the list keeps none), in a
 * worker thread; a newer selection cancels an older read. */
static void
on_messages_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(ScCapturePage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = sc_capture_load_call_messages_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->ladder == NULL)
    return;
  g_clear_object (&self->details_cancellable);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  if (messages == NULL || messages->len == 0)
    return;
  self->messages = g_steal_pointer (&messages);
  sc_ladder_view_set_messages (self->ladder, self->messages);
  gtk_widget_set_visible (self->ladder_scroller, TRUE);
}

static void
fetch_messages (ScCapturePage *self,
                ScCaptureCall *call)
{
  g_cancellable_cancel (self->details_cancellable);
  g_clear_object (&self->details_cancellable);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  sc_ladder_view_set_messages (self->ladder, NULL);
  if (self->load == NULL)
    return;
  self->details_cancellable = g_cancellable_new ();
  sc_capture_load_call_messages_async (sc_capture_load_get_file (self->load), sc_capture_call_get_call_id (call),
                                       self->details_cancellable, on_messages_read, g_object_ref (self));
}

/* A message of the ladder: as captured, and explained. */
static void
on_message_activated (ScCapturePage *self,
                      guint          index)
{
  const ScCaptureCallMessage *message = self->messages && index < self->messages->len ? self->messages->pdata[index] : NULL;

  if (message != NULL)
    show_message (self, message->bytes);
}

static void
show_call (ScCapturePage *self,
           ScCaptureCall *call)
{
  g_autofree char *when = sc_capture_columns_format_time (call);
  guint code = sc_capture_call_get_final_code (call);
  g_autofree char *text = code > 0
    ? g_strdup_printf ("%s  %s → %s  %s %u %s", when, sc_capture_call_get_from (call), sc_capture_call_get_to (call),
                       sc_capture_outcome_name (sc_capture_call_get_outcome (call)), code, sc_capture_call_get_reason_phrase (call))
    : g_strdup_printf ("%s  %s → %s  %s", when, sc_capture_call_get_from (call), sc_capture_call_get_to (call),
                       sc_capture_outcome_name (sc_capture_call_get_outcome (call)));

  gtk_label_set_text (self->call_label, text);
  clear_details (self);
  if (sc_capture_call_get_final_response (call) != NULL)
    show_message (self, sc_capture_call_get_final_response (call));
  fetch_messages (self, call);
}

static void
on_selected (ScCapturePage *self)
{
  ScCaptureCall *call = gtk_single_selection_get_selected_item (self->selection);

  if (call == NULL)
    {
      g_cancellable_cancel (self->details_cancellable);
      gtk_label_set_text (self->call_label, _("Select a call to see its ladder diagram."));
      clear_details (self);
      return;
    }
  show_call (self, call);
}

/* ---- the page ---- */

static void
on_cancel_clicked (ScCapturePage *self)
{
  sc_capture_page_cancel (self);
}

static void
sc_capture_page_dispose (GObject *object)
{
  ScCapturePage *self = SC_CAPTURE_PAGE (object);

  sc_capture_page_cancel (self);
  g_cancellable_cancel (self->details_cancellable);
  g_clear_object (&self->details_cancellable);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  self->ladder = NULL;   /* a child of the template: gone with it */
  if (self->load != NULL)
    g_signal_handlers_disconnect_by_data (self->load, self);
  g_clear_object (&self->load);
  g_clear_object (&self->db);
  gtk_widget_dispose_template (GTK_WIDGET (object), SC_TYPE_CAPTURE_PAGE);
  G_OBJECT_CLASS (sc_capture_page_parent_class)->dispose (object);
}

static void
sc_capture_page_finalize (GObject *object)
{
  ScCapturePage *self = SC_CAPTURE_PAGE (object);

  g_free (self->digits);
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (sc_capture_page_parent_class)->finalize (object);
}

static void
sc_capture_page_class_init (ScCapturePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sc_capture_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = sc_capture_page_finalize;
  /* A finding about a response code was activated: show that code's page. */
  signals[SIGNAL_CODE_ACTIVATED] = g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                                 NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sipcodes/SipCodes/sc-capture-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, reading_label);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, outcome_filter);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, code_filter);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, number_filter);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, call_label);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, ladder_scroller);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, findings);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, message_frame);
  gtk_widget_class_bind_template_child (widget_class, ScCapturePage, message_view);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
sc_capture_page_init (ScCapturePage *self)
{
  GtkSortListModel *sorted;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->lang = sc_kb_lang_from_locale ();
  self->calls = g_list_store_new (SC_CAPTURE_TYPE_CALL);
  self->filter = gtk_custom_filter_new (keep_call, self, NULL);
  /* The models take what they are given: the page keeps pointers, the selection owns them all.
   * Calls end out of order; the list shows them by when they began until a header is clicked. */
  sorter = sc_capture_columns_add (self->column_view);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->calls), sorter);
  gtk_sort_list_model_set_incremental (sorted, TRUE);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selected), self);
  g_signal_connect_swapped (self->kind_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->outcome_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->code_filter, "changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->number_filter, "changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect (self->findings, "row-activated", G_CALLBACK (on_finding_activated), self);
  self->ladder = SC_LADDER_VIEW (sc_ladder_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->ladder_scroller), GTK_WIDGET (self->ladder));
  g_signal_connect_swapped (self->ladder, "message-activated", G_CALLBACK (on_message_activated), self);
}

void
sc_capture_page_setup (ScCapturePage *self,
                       ScKbDatabase  *db)
{
  g_set_object (&self->db, db);
}

void
sc_capture_page_set_language (ScCapturePage *self,
                              ScKbLang       lang)
{
  if (self->lang == lang)
    return;
  self->lang = lang;
  on_selected (self);
}

void
sc_capture_page_cancel (ScCapturePage *self)
{
  g_cancellable_cancel (self->cancellable);
}

/* A new capture replaces the one shown; reading goes on in a worker thread. */
void
sc_capture_page_open (ScCapturePage *self,
                      GFile         *file)
{
  g_return_if_fail (SC_IS_CAPTURE_PAGE (self));
  sc_capture_page_cancel (self);
  g_clear_object (&self->cancellable);
  if (self->load != NULL)
    g_signal_handlers_disconnect_by_data (self->load, self);
  g_clear_object (&self->load);
  g_list_store_remove_all (self->calls);
  memset (self->counts, 0, sizeof self->counts);
  update_summary (self);
  gtk_label_set_text (self->reading_label, "");
  self->load = sc_capture_load_new (file);
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self->load, "calls-added", G_CALLBACK (on_calls_added), self);
  g_signal_connect (self->load, "progress", G_CALLBACK (on_progress), self);
  g_signal_connect (self->load, "finished", G_CALLBACK (on_finished), self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_visible (self->cancel_button, TRUE);
  sc_capture_load_start (self->load, self->cancellable);
}

char *
sc_capture_page_dup_title (ScCapturePage *self)
{
  g_autofree char *name = self->load ? g_file_get_basename (sc_capture_load_get_file (self->load)) : NULL;

  return name ? sc_sip_printable (name, -1) : g_strdup (_("Capture"));
}

gboolean
sc_capture_page_is_loading (ScCapturePage *self)
{
  return self->load != NULL && sc_capture_load_is_running (self->load);
}

guint
sc_capture_page_get_n_calls (ScCapturePage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->calls));
}

guint
sc_capture_page_get_n_shown (ScCapturePage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
sc_capture_page_set_filters (ScCapturePage *self,
                             guint          kind,
                             guint          outcome,
                             const char    *code,
                             const char    *number)
{
  gtk_drop_down_set_selected (self->kind_filter, kind);
  gtk_drop_down_set_selected (self->outcome_filter, outcome);
  gtk_editable_set_text (self->code_filter, code ? code : "");
  gtk_editable_set_text (self->number_filter, number ? number : "");
  on_filter_changed (self);
}

void
sc_capture_page_select (ScCapturePage *self,
                        guint          position)
{
  gtk_single_selection_set_selected (self->selection, position);
}

gboolean
sc_capture_page_is_showing_call (ScCapturePage *self)
{
  return gtk_single_selection_get_selected_item (self->selection) != NULL;
}

const char *
sc_capture_page_get_summary (ScCapturePage *self)
{
  return gtk_label_get_text (self->summary_label);
}

const char *
sc_capture_page_get_details (ScCapturePage *self)
{
  return gtk_label_get_text (self->call_label);
}

GtkWidget *
sc_capture_page_get_findings (ScCapturePage *self)
{
  return GTK_WIDGET (self->findings);
}

guint
sc_capture_page_get_n_ladder_messages (ScCapturePage *self)
{
  return self->messages ? self->messages->len : 0;
}

GtkWidget *
sc_capture_page_get_ladder (ScCapturePage *self)
{
  return GTK_WIDGET (self->ladder);
}
