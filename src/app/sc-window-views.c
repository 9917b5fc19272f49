/* The window's views: each page made on first use, and the current view's page filled and
 * titled. sc-window.c keeps the history and the layout; sc-window-actions.c the actions. */
#define G_LOG_DOMAIN "sc-window"

#include "config.h"

#include "sc-window-private.h"

#include <glib/gi18n.h>

/* The pages are built on first use: most starts show one of them, or neither. */
ScCodePage *
sc_window_ensure_code_page (ScWindow *self)
{
  if (self->code_page == NULL)
    {
      self->code_page = SC_CODE_PAGE (sc_code_page_new ());
      sc_code_page_set_narrow (self->code_page, self->narrow);
      g_signal_connect_swapped (self->code_page, "code-activated", G_CALLBACK (sc_window_show_code), self);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->code_page), "code");
    }
  return self->code_page;
}

ScComparePage *
sc_window_ensure_compare_page (ScWindow *self)
{
  if (self->compare_page == NULL)
    {
      self->compare_page = SC_COMPARE_PAGE (sc_compare_page_new ());
      sc_compare_page_setup (self->compare_page, self->db);
      sc_compare_page_set_narrow (self->compare_page, self->narrow);
      g_signal_connect_swapped (self->compare_page, "codes-changed", G_CALLBACK (sc_window_show_compare), self);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->compare_page), "compare");
    }
  return self->compare_page;
}


ScExplainPage *
sc_window_ensure_explain_page (ScWindow *self)
{
  if (self->explain_page == NULL)
    {
      ScKbLang langs[SC_KB_N_LANGS];

      sc_window_content_languages (self, langs);
      self->explain_page = SC_EXPLAIN_PAGE (sc_explain_page_new ());
      sc_explain_page_set_language (self->explain_page, langs[0]);
      sc_explain_page_setup (self->explain_page, self->db);
      g_signal_connect_swapped (self->explain_page, "code-activated", G_CALLBACK (sc_window_show_code), self);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->explain_page), "explain");
    }
  return self->explain_page;
}

ScCapturePage *
sc_window_ensure_capture_page (ScWindow *self)
{
  if (self->capture_page == NULL)
    {
      ScKbLang langs[SC_KB_N_LANGS];

      sc_window_content_languages (self, langs);
      self->capture_page = SC_CAPTURE_PAGE (g_object_new (SC_TYPE_CAPTURE_PAGE, NULL));
      sc_capture_page_set_language (self->capture_page, langs[0]);
      sc_capture_page_setup (self->capture_page, self->db);
      g_signal_connect_swapped (self->capture_page, "code-activated", G_CALLBACK (sc_window_show_code), self);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->capture_page), "capture");
    }
  return self->capture_page;
}

ScProbePage *
sc_window_ensure_probe_page (ScWindow *self)
{
  if (self->probe_page == NULL)
    {
      ScKbLang langs[SC_KB_N_LANGS];

      sc_window_content_languages (self, langs);
      self->probe_page = SC_PROBE_PAGE (sc_probe_page_new ());
      sc_probe_page_set_language (self->probe_page, langs[0]);
      sc_probe_page_set_narrow (self->probe_page, self->narrow);
      sc_probe_page_setup (self->probe_page, self->db, self->store);
      g_signal_connect_swapped (self->probe_page, "code-activated", G_CALLBACK (sc_window_show_code), self);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->probe_page), "probe");
    }
  return self->probe_page;
}

void
sc_window_apply_title (ScWindow *self)
{
  adw_window_title_set_title (self->content_title, self->short_title && self->narrow_title ? self->narrow_title : self->title);
  adw_window_title_set_subtitle (self->content_title, self->short_title ? NULL : self->subtitle);
}

/* @narrow_title: (nullable): what a phone-sized window shows instead of @title and @subtitle */
static void
set_title (ScWindow   *self,
           const char *title,
           const char *subtitle,
           const char *narrow_title)
{
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->narrow_title);
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  self->narrow_title = g_strdup (narrow_title);
  sc_window_apply_title (self);
}

static void
render_code (ScWindow *self,
             guint     code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (self->db, code, &error);
  g_autofree char *title = NULL, *number = NULL;
  ScKbLang langs[SC_KB_N_LANGS];
  guint n = sc_window_content_languages (self, langs);
  const char *name;

  if (entry == NULL)
    {
      sc_window_toast (self, error->message);
      return;
    }
  sc_code_page_show (sc_window_ensure_code_page (self), self->db, entry, langs, n);
  title = g_strdup_printf ("%u %s", code, sc_kb_entry_get_reason (entry));
  number = g_strdup_printf ("%u", code);
  name = sc_kb_entry_get_text (entry, langs[0])->name;
  set_title (self, title, g_str_equal (name, sc_kb_entry_get_reason (entry)) ? NULL : name, number);
  gtk_stack_set_visible_child_name (self->stack, "code");
  sc_code_list_select_code (self->code_list, code);
}

static void
render_compare (ScWindow *self,
                guint     a,
                guint     b)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  ScKbLang langs[SC_KB_N_LANGS];
  guint n = sc_window_content_languages (self, langs);

  if (!sc_compare_page_show (sc_window_ensure_compare_page (self), a, b, langs, n, &error))
    {
      sc_window_toast (self, error->message);
      return;
    }
  title = g_strdup_printf (sc_kb_database_term (self->db, "Label", "comparison", langs[0]), a, b);
  set_title (self, title, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, "compare");
}

static ScRfcPage *
ensure_rfc_page (ScWindow *self)
{
  if (self->rfc_page == NULL)
    {
      self->rfc_page = SC_RFC_PAGE (sc_rfc_page_new ());
      sc_rfc_page_set_narrow (self->rfc_page, self->narrow);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->rfc_page), "rfc");
    }
  return self->rfc_page;
}

static void
render_rfc (ScWindow   *self,
            guint       number,
            const char *section)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!sc_rfc_page_show (ensure_rfc_page (self), self->db, number, section, &error))
    {
      sc_window_toast (self, error->message);
      return;
    }
  title = *section ? g_strdup_printf ("RFC %u §%s", number, section) : g_strdup_printf ("RFC %u", number);
  set_title (self, title, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, "rfc");
}

static void
render_probe (ScWindow *self)
{
  sc_window_ensure_probe_page (self);
  set_title (self, _("Probe a Server"), NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, "probe");
}

static void
render_explain (ScWindow *self)
{
  sc_window_ensure_explain_page (self);
  set_title (self, _("Explain a Message"), NULL, _("Explain"));
  gtk_stack_set_visible_child_name (self->stack, "explain");
}

static void
render_capture (ScWindow *self)
{
  g_autofree char *title = sc_capture_page_dup_title (sc_window_ensure_capture_page (self));

  set_title (self, title, _("Capture"), title);
  gtk_stack_set_visible_child_name (self->stack, "capture");
}

void
sc_window_render (ScWindow *self)
{
  View *view = sc_window_current_view (self);

  if (view == NULL || view->kind == VIEW_EMPTY)
    {
      set_title (self, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (view->kind == VIEW_PROBE)
    render_probe (self);
  else if (view->kind == VIEW_EXPLAIN)
    render_explain (self);
  else if (view->kind == VIEW_CAPTURE)
    render_capture (self);
  else if (view->kind == VIEW_CODE)
    render_code (self, view->a);
  else if (view->kind == VIEW_RFC)
    render_rfc (self, view->a, view->section);
  else
    render_compare (self, view->a, view->b);
  sc_window_update_actions (self);
}
