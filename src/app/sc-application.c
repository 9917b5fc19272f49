#define G_LOG_DOMAIN "sc-application"

#include "config.h"

#include "sc-application.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-kb-database.h"
#include "sc-rfc-page.h"
#include "sc-search-provider.h"
#include "sc-user-store.h"
#include "sc-window.h"

struct _ScApplication
{
  AdwApplication parent_instance;

  GSettings    *settings;
  ScKbDatabase *db;
  ScUserStore  *store;
  char         *db_error;
  GError       *store_error;   /* why the user database cannot be used */
  GThread      *opener;        /* opening both, from startup until the first window needs them */

  /* What the command line asked to show ("code:428", "compare:200,428", "search:…",
   * "rfc:3261/16.8", "probe:…"): shown by this instance, or sent to the running one. */
  GPtrArray    *requests;
  ScSearchProvider *search_provider;
};

G_DEFINE_FINAL_TYPE (ScApplication, sc_application, ADW_TYPE_APPLICATION)

typedef struct {
  ScKbDatabase *db;
  char         *db_error;
  ScUserStore  *store;
  GError       *store_error;
} Opened;

/* Both databases, opened on a thread of their own while GTK starts up on the main one: the
 * first window needs them, and GTK's start leaves the second core idle. */
static gpointer
open_databases_thread (gpointer data)
{
  Opened *opened = g_new0 (Opened, 1);
  g_autoptr(GError) error = NULL;

  opened->db = sc_kb_database_open_default (&error);
  if (opened->db == NULL)
    opened->db_error = g_strdup (error->message);
  opened->store = sc_user_store_open (sc_user_store_default_path (), &opened->store_error);
  return opened;
}

/* What the thread opened, once it has: a second window shares it. */
static void
join_opener (ScApplication *self)
{
  Opened *opened;

  if (self->opener == NULL)
    return;
  opened = g_thread_join (g_steal_pointer (&self->opener));
  self->db = opened->db;
  self->db_error = opened->db_error;
  self->store = opened->store;
  self->store_error = opened->store_error;
  g_free (opened);
}

/* Opened on first activation (from the thread started with the application, or here when
 * none was): a second window shares them. */
static void
open_databases (ScApplication *self)
{
  g_autoptr(GError) error = NULL;

  join_opener (self);
  if (self->db == NULL && self->db_error == NULL)
    {
      self->db = sc_kb_database_open_default (&error);
      if (self->db == NULL)
        self->db_error = g_strdup (error->message);
      g_clear_error (&error);
    }
  if (self->store == NULL && self->store_error == NULL)
    {
      self->store = sc_user_store_open (sc_user_store_default_path (), &error);
      if (self->store == NULL)
        self->store_error = g_steal_pointer (&error);
    }
}

/* For build-aux/bench startup: report when the first frame was painted, and when the frame
 * showing the filled code list was, then quit. */
static void
on_bench_paint (GdkFrameClock *clock,
                ScWindow      *window)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  gboolean *first_done = g_object_get_data (G_OBJECT (window), "sc-bench-first");

  if (first_done == NULL)
    {
      g_print ("first_frame_monotonic_us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      g_object_set_data (G_OBJECT (window), "sc-bench-first", GINT_TO_POINTER (TRUE));
    }
  if (!sc_code_list_is_filled (sc_window_get_code_list (window)))
    return;
  /* The list was filled before this paint began, so this frame shows it. */
  g_print ("content_frame_monotonic_us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_bench_paint, window);
  g_application_quit (application);
}

static void
on_window_map (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_bench_paint), window);
}

static gboolean parse_code (const char *text, guint *code);

static ScWindow *
ensure_window (ScApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  ScWindow *sc_window;

  if (window != NULL)
    return SC_WINDOW (window);
  open_databases (self);
  sc_window = sc_window_new (GTK_APPLICATION (self), self->db, self->store, self->settings);
  if (self->db_error != NULL)
    sc_window_show_error (sc_window, self->db_error);
  if (self->store_error != NULL)
    sc_window_show_storage_problem (sc_window, sc_user_store_default_path (), self->store_error);
  if (g_getenv ("SIP_CODES_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (sc_window, "map", G_CALLBACK (on_window_map), NULL);
  return sc_window;
}

/* A request may come from another process (app.show over D-Bus): each part is checked as the
 * command line checks it, and anything else is ignored. */
static void
apply_request (ScWindow   *window,
               const char *request)
{
  const char *value = strchr (request, ':');
  guint a = 0, b = 0;

  if (value == NULL || strlen (request) > 1000)
    return;
  value++;
  if (g_str_has_prefix (request, "code:") && parse_code (value, &a))
    sc_window_show_code (window, a);
  else if (g_str_has_prefix (request, "compare:"))
    {
      g_auto(GStrv) parts = g_strsplit_set (value, ",: ", -1);
      if (g_strv_length (parts) == 2 && parse_code (parts[0], &a) && parse_code (parts[1], &b) && a != b)
        sc_window_show_compare (window, a, b);
    }
  else if (g_str_has_prefix (request, "search:") && g_utf8_validate (value, -1, NULL))
    sc_code_list_set_query (sc_window_get_code_list (window), value);
  else if (g_str_has_prefix (request, "rfc:"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.rfc", "s", request);
  else if (g_str_has_prefix (request, "capture:") && g_path_is_absolute (value))
    {
      g_autoptr(GFile) file = g_file_new_for_path (value);
      sc_window_open_capture (window, file);
    }
  else if (g_str_has_prefix (request, "explain:") && g_path_is_absolute (value))
    {
      g_autoptr(GFile) file = g_file_new_for_path (value);
      sc_window_show_explain (window);
      sc_window_explain_file (window, file);
    }
  else if (g_str_has_prefix (request, "probe:") && g_utf8_validate (value, -1, NULL))
    {
      sc_window_show_probe (window);
      gtk_editable_set_text (sc_probe_form_get_target_editable (sc_probe_page_get_form (sc_window_get_probe_page (window))),
                             value);
    }
}

static void
sc_application_activate (GApplication *application)
{
  ScApplication *self = SC_APPLICATION (application);
  ScWindow *window = ensure_window (self);

  for (guint i = 0; i < self->requests->len; i++)
    apply_request (window, g_ptr_array_index (self->requests, i));
  g_ptr_array_set_size (self->requests, 0);
  gtk_window_present (GTK_WINDOW (window));
}

/* app.show: what a second `sip-codes 428` (or the Shell's search) asks the running app for. */
static void
show (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  ScApplication *self = user_data;
  ScWindow *window = ensure_window (self);

  apply_request (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
parse_code (const char *text,
            guint      *code)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint64 value;

  if (!g_ascii_string_to_unsigned (stripped, 10, 100, 699, &value, NULL))
    return FALSE;
  *code = (guint) value;
  return TRUE;
}

/* "3261", "3261:16.8", "3261 §16.8" → "rfc:3261/16.8", the form of the window's links. */
static char *
parse_rfc (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ": ", 2);
  g_autofree char *section = NULL;
  guint64 number;

  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 99999, &number, NULL))
    return NULL;
  if (parts[1] != NULL && (section = sc_kb_rfc_section_id_parse (parts[1])) == NULL)
    return NULL;
  return sc_rfc_link_uri ((guint) number, section);
}

static int
usage_error (const char *message)
{
  g_printerr ("%s\n", message);
  return 2;
}

/* --code 428, --compare 200,428, --search 認証: checked here, so that a typo is a message;
 * then shown here, or by the instance already running. */
static int
sc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  ScApplication *self = SC_APPLICATION (application);
  g_autofree char *code = NULL, *compare = NULL, *rfc = NULL, *search = NULL, *probe = NULL, *explain = NULL;
  g_autofree char *capture = NULL;
  g_autoptr(GError) error = NULL;
  guint a, b;

  if (g_variant_dict_lookup (options, "search", "s", &search))
    g_ptr_array_add (self->requests, g_strconcat ("search:", search, NULL));
  if (g_variant_dict_lookup (options, "code", "s", &code))
    {
      if (!parse_code (code, &a))
        {
          g_printerr (_("sip-codes: “%s” is not a SIP response code: give a number from 100 to 699"), code);
          return usage_error ("");
        }
      g_ptr_array_add (self->requests, g_strdup_printf ("code:%u", a));
    }
  if (g_variant_dict_lookup (options, "compare", "s", &compare))
    {
      g_auto(GStrv) parts = g_strsplit_set (compare, ",: ", -1);
      if (g_strv_length (parts) != 2 || !parse_code (parts[0], &a) || !parse_code (parts[1], &b))
        return usage_error (_("sip-codes: --compare takes two codes, e.g. --compare 200,428"));
      g_ptr_array_add (self->requests, g_strdup_printf ("compare:%u,%u", a, b));
    }
  if (g_variant_dict_lookup (options, "rfc", "s", &rfc))
    {
      char *request = parse_rfc (rfc);
      if (request == NULL)
        return usage_error (_("sip-codes: --rfc takes an RFC number and optionally a section, e.g. --rfc 3261:16.8"));
      g_ptr_array_add (self->requests, request);
    }
  if (g_variant_dict_lookup (options, "probe", "s", &probe))
    g_ptr_array_add (self->requests, g_strconcat ("probe:", probe, NULL));
  /* A path the running instance can open from its own directory. */
  if (g_variant_dict_lookup (options, "explain", "^ay", &explain))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (explain);
      g_autofree char *path = g_file_get_path (file);
      if (path == NULL || !g_utf8_validate (path, -1, NULL))
        return usage_error (_("sip-codes: --explain takes a text file, e.g. --explain trace.txt"));
      g_ptr_array_add (self->requests, g_strconcat ("explain:", path, NULL));
    }

  if (g_variant_dict_lookup (options, "capture", "^ay", &capture))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (capture);
      g_autofree char *path = g_file_get_path (file);
      if (path == NULL || !g_utf8_validate (path, -1, NULL))
        return usage_error (_("sip-codes: --capture takes a pcap or pcapng file, e.g. --capture trace.pcap"));
      g_ptr_array_add (self->requests, g_strconcat ("capture:", path, NULL));
    }

  /* Already running: the running instance shows it (one app, one set of windows). */
  if (self->requests->len > 0 && g_application_register (application, NULL, &error) &&
      g_application_get_is_remote (application))
    {
      for (guint i = 0; i < self->requests->len; i++)
        g_action_group_activate_action (G_ACTION_GROUP (application), "show",
                                        g_variant_new_string (g_ptr_array_index (self->requests, i)));
      return 0;
    }
  return G_APPLICATION_CLASS (sc_application_parent_class)->handle_local_options (application, options);
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "SIP Codes developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("SIP Codes"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Every SIP response code explained, in English and Japanese"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/sipcodes/sip-codes",
                         "issue-url", "https://github.com/sipcodes/sip-codes/issues",
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Close rather than quit outright, so that each window saves its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = show_about },
  { .name = "show", .activate = show, .parameter_type = "s" },
  { .name = "quit", .activate = quit },
};

static void
sc_application_startup (GApplication *application)
{
  ScApplication *self = SC_APPLICATION (application);
  GtkApplication *app = GTK_APPLICATION (application);

  /* Only the primary instance starts up: a second `sip-codes 428` opens nothing. */
  if (self->db == NULL && self->db_error == NULL && self->opener == NULL)
    self->opener = g_thread_new ("sc-open-databases", open_databases_thread, NULL);
  G_APPLICATION_CLASS (sc_application_parent_class)->startup (application);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (app, "window.close", (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (app, "win.search", (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (app, "win.probe", (const char *[]) { "<Control>p", NULL });
  gtk_application_set_accels_for_action (app, "win.explain", (const char *[]) { "<Control>e", NULL });
  gtk_application_set_accels_for_action (app, "win.open-capture", (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (app, "win.back", (const char *[]) { "<Alt>Left", NULL });
  gtk_application_set_accels_for_action (app, "win.copy-markdown", (const char *[]) { "<Control><Shift>c", NULL });
  gtk_application_set_accels_for_action (app, "win.favourite", (const char *[]) { "<Control>d", NULL });
  gtk_application_set_accels_for_action (app, "win.compare-with", (const char *[]) { "<Control>k", NULL });
  gtk_application_set_accels_for_action (app, "win.show-help-overlay", (const char *[]) { "<Control>question", NULL });
}

static void
sc_application_dispose (GObject *object)
{
  ScApplication *self = SC_APPLICATION (object);

  join_opener (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);
  g_clear_object (&self->store);
  g_clear_pointer (&self->db_error, g_free);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  G_OBJECT_CLASS (sc_application_parent_class)->dispose (object);
}

static ScKbDatabase *
provider_database (gpointer user_data)
{
  ScApplication *self = user_data;

  open_databases (self);
  return self->db;
}

/* The Shell finds the provider at the application's own object path. */
static gboolean
sc_application_dbus_register (GApplication     *application,
                              GDBusConnection  *connection,
                              const char       *object_path,
                              GError          **error)
{
  ScApplication *self = SC_APPLICATION (application);
  g_autofree char *path = g_strconcat (object_path, SC_SEARCH_PROVIDER_PATH_SUFFIX, NULL);

  if (!G_APPLICATION_CLASS (sc_application_parent_class)->dbus_register (application, connection, object_path, error))
    return FALSE;
  self->search_provider = sc_search_provider_new (application, provider_database, self);
  return sc_search_provider_export (self->search_provider, connection, path, error);
}

static void
sc_application_dbus_unregister (GApplication    *application,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  ScApplication *self = SC_APPLICATION (application);

  if (self->search_provider != NULL)
    sc_search_provider_unexport (self->search_provider);
  g_clear_object (&self->search_provider);
  G_APPLICATION_CLASS (sc_application_parent_class)->dbus_unregister (application, connection, object_path);
}

static void
sc_application_class_init (ScApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sc_application_dispose;
  G_APPLICATION_CLASS (klass)->activate = sc_application_activate;
  G_APPLICATION_CLASS (klass)->startup = sc_application_startup;
  G_APPLICATION_CLASS (klass)->handle_local_options = sc_application_handle_local_options;
  G_APPLICATION_CLASS (klass)->dbus_register = sc_application_dbus_register;
  G_APPLICATION_CLASS (klass)->dbus_unregister = sc_application_dbus_unregister;
}

static const GOptionEntry options[] = {
  { "code", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open the page of a code"), N_("CODE") },
  { "compare", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open the comparison of two codes"), N_("CODE,CODE") },
  { "search", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Start with a search"), N_("QUERY") },
  { "rfc", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open an RFC, or one of its sections"), N_("NUMBER[:SECTION]") },
  { "probe", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open the probe with this target filled in"), N_("TARGET") },
  { "explain", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Explain the SIP messages in a text file"), N_("FILE") },
  { "capture", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open a capture (pcap or pcapng): its calls and why they failed"), N_("FILE") },
  { NULL }
};

static void
sc_application_init (ScApplication *self)
{
  self->requests = g_ptr_array_new_with_free_func (g_free);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/* The schema from the system's sources (XDG_DATA_DIRS, GSETTINGS_SCHEMA_DIR), else from the
 * prefix we were installed into, which need not be on XDG_DATA_DIRS. */
static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) installed = NULL;
  GSettingsSchema *schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  if (schema != NULL)
    return schema;
  installed = g_settings_schema_source_new_from_directory (SC_SCHEMA_DIR, source, FALSE, NULL);
  return installed ? g_settings_schema_source_lookup (installed, APP_ID, FALSE) : NULL;
}

/**
 * sc_application_new:
 * Returns: (nullable): the application, or %NULL (with a message on stderr) when its settings
 * schema is not installed, which GSettings would otherwise abort on.
 */
ScApplication *
sc_application_new (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  ScApplication *self;

  if (schema == NULL)
    {
      g_printerr (_("sip-codes: the settings schema %s is not installed. Install SIP Codes (meson install), "
                    "or run it from the build tree with “meson devenv -C build sip-codes”."), APP_ID);
      g_printerr ("\n");
      return NULL;
    }
  self = g_object_new (SC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/sipcodes/SipCodes",
                       NULL);
  self->settings = g_settings_new_full (schema, NULL, NULL);
  /* Started by D-Bus for a Shell search, stay a while for the next keystroke's search. */
  g_application_set_inactivity_timeout (G_APPLICATION (self), 20 * 1000);
  return self;
}
