/* The window's actions: back, search, probe, explain, RFC links, copy as Markdown, compare
 * with, favourite, content language and the shortcuts window. */
#define G_LOG_DOMAIN "sc-window"

#include "config.h"

#include "sc-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-feedback.h"
#include "sc-kb-render.h"

/* "rfc:3261/16.8" from a link in a page. */
static void
show_rfc (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  const char *uri = g_variant_get_string (parameter, NULL);
  const char *slash = strchr (uri, '/');
  guint64 number;

  if (!g_str_has_prefix (uri, "rfc:") || slash == NULL)
    return;
  number = g_ascii_strtoull (uri + 4, NULL, 10);
  if (number == 0 || number > 99999)
    return;
  sc_window_show_rfc (user_data, (guint) number, slash + 1);
}

static void
show_rfc_from_list (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ScWindow *self = user_data;

  self->opening_from_list = TRUE;
  show_rfc (action, parameter, user_data);
  self->opening_from_list = FALSE;
}

static void
show_explain (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  sc_window_show_explain (user_data);
}

static void
show_probe (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  sc_window_show_probe (user_data);
}

static void
go_back (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  ScWindow *self = user_data;
  View *view = sc_window_current_view (self);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* Folded, a page opened from the list goes back to the list, as in any GNOME app; pages
   * opened from it (a related code, a citation) go back one by one first. */
  if (folded && (view == NULL || view->from_list || self->history->len <= 1))
    {
      adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
      return;
    }
  if (self->history->len > 1)
    {
      g_array_set_size (self->history, self->history->len - 1);
      sc_window_render (self);
    }
}

static void
focus_search (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ScWindow *self = user_data;

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  sc_code_list_focus_search (self->code_list);
}

static char *
render_markdown (ScWindow *self,
                 View     *view,
                 ScKbLang  lang)
{
  if (view->kind == VIEW_CODE)
    {
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (self->db, view->a, NULL);
      return entry ? sc_kb_render_entry (self->db, entry, lang, SC_KB_RENDER_MARKDOWN) : g_strdup ("");
    }
  return sc_kb_render_comparison (self->db, sc_compare_page_get_comparison (self->compare_page), lang,
                                  SC_KB_RENDER_MARKDOWN);
}

static void
copy_markdown (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  ScWindow *self = user_data;
  View *view = sc_window_current_view (self);
  g_autoptr(GString) text = g_string_new (NULL);
  ScKbLang langs[SC_KB_N_LANGS];
  guint n = sc_window_content_languages (self, langs);

  if (view == NULL || (view->kind != VIEW_CODE && view->kind != VIEW_COMPARE))
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *part = render_markdown (self, view, langs[i]);
      g_string_append_printf (text, "%s%s", i ? "\n---\n\n" : "", part);
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text->str);
  sc_window_toast (self, _("Copied as Markdown"));
}

/* Start from a curated partner, the one listed first among the related codes if any: a pair
 * engineers mix up, compared with notes; else from the first related code. */
static void
compare_with (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ScWindow *self = user_data;
  View *view = sc_window_current_view (self);
  g_autoptr(ScKbEntry) entry = NULL;
  g_autoptr(GArray) partners = NULL;
  GArray *related;
  guint other = 0;

  if (view == NULL || view->kind != VIEW_CODE)
    return;
  entry = sc_kb_database_lookup (self->db, view->a, NULL);
  partners = sc_kb_database_get_partners (self->db, view->a);
  related = entry ? sc_kb_entry_get_facts (entry)->related : NULL;
  if (partners->len > 0)
    other = g_array_index (partners, guint, 0);
  else
    other = related != NULL && related->len > 0 ? g_array_index (related, guint, 0) : 200;
  sc_window_show_compare (self, view->a, other == view->a ? 100 : other);
}

static void
toggle_favourite (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ScWindow *self = user_data;
  View *view = sc_window_current_view (self);
  g_autoptr(GError) error = NULL;
  gboolean favourite;

  if (view == NULL || view->kind != VIEW_CODE || self->store == NULL)
    return;
  favourite = !sc_user_store_is_favourite (self->store, view->a);
  if (!sc_user_store_set_favourite (self->store, view->a, favourite, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the favourite: %s"), error->message);
      sc_window_toast (self, message);
      return;
    }
  sc_window_update_actions (self);
  sc_code_list_refresh (self->code_list);
  sc_code_list_select_code (self->code_list, view->a);
}

/* The language menu writes the setting; the setting, from wherever it changes, updates the
 * action's state in on_language_changed(). (A g_settings_create_action() action outlived
 * the window's action group and kept signalling into it.) */
static void
change_language (GSimpleAction *action,
                 GVariant      *value,
                 gpointer       user_data)
{
  ScWindow *self = user_data;

  if (!g_settings_set_value (self->settings, "content-language", value))
    g_warning ("“%s” is not a content language", g_variant_get_string (value, NULL));
}

/* Built on first use, not with every window as GtkApplication would build gtk/help-overlay.ui:
 * it is the costliest part of a window and no first frame shows it. */
static void
show_shortcuts (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/sipcodes/SipCodes/sc-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (shortcuts, self);
  gtk_window_set_modal (shortcuts, TRUE);
  gtk_window_set_destroy_with_parent (shortcuts, TRUE);
  gtk_window_present (shortcuts);
}

static void
capture_chosen (gpointer  self,
                GFile    *file)
{
  sc_window_open_capture (self, file);
}

static void
open_capture (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  g_autoptr(GtkFileFilter) captures = gtk_file_filter_new ();

  gtk_file_filter_set_name (captures, _("Captures (pcap, pcapng)"));
  gtk_file_filter_add_pattern (captures, "*.pcap");
  gtk_file_filter_add_pattern (captures, "*.pcapng");
  gtk_file_filter_add_pattern (captures, "*.cap");
  gtk_file_filter_add_mime_type (captures, "application/vnd.tcpdump.pcap");
  sc_choose_file (GTK_WIDGET (user_data), _("Open a Capture"), captures, capture_chosen, user_data);
}

static const GActionEntry actions[] = {
  { .name = "back", .activate = go_back },
  { .name = "show-help-overlay", .activate = show_shortcuts },
  { .name = "search", .activate = focus_search },
  { .name = "probe", .activate = show_probe },
  { .name = "explain", .activate = show_explain },
  { .name = "open-capture", .activate = open_capture },
  { .name = "rfc", .activate = show_rfc, .parameter_type = "s" },
  { .name = "rfc-from-list", .activate = show_rfc_from_list, .parameter_type = "s" },
  { .name = "copy-markdown", .activate = copy_markdown },
  { .name = "compare-with", .activate = compare_with },
  { .name = "favourite", .activate = toggle_favourite, .state = "false" },
  { .name = "content-language", .parameter_type = "s", .state = "'auto'", .change_state = change_language },
};


void
sc_window_add_actions (ScWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}
