/* The GNOME Shell search provider over D-Bus, on a private session bus: the app started as a
 * D-Bus service answers the Shell's calls in the desktop's language, and a result opens it. */
#include <gio/gio.h>
#include <locale.h>
#include <string.h>

#define BUS_NAME "io.github.sipcodes.SipCodes"
#define PROVIDER_PATH "/io/github/sipcodes/SipCodes/SearchProvider"
#define PROVIDER_IFACE "org.gnome.Shell.SearchProvider2"

/* GTestDBus unsets DISPLAY; the app, a GTK program, needs it (as under the Shell). */
static char *display;

typedef struct {
  GTestDBus       *bus;
  GDBusConnection *connection;
  GSubprocess     *service;
} Fixture;

static void
wait_for_name (GDBusConnection *connection)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                              "org.freedesktop.DBus", "NameHasOwner",
                                                              g_variant_new ("(s)", BUS_NAME), G_VARIANT_TYPE ("(b)"),
                                                              G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      gboolean owned = FALSE;

      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        return;
      g_usleep (50 * 1000);
    }
  g_error ("the app did not take its bus name in 10 s");
}

/* The app, as the D-Bus service file starts it, in @language. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *language = data;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->bus);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", g_test_dbus_get_bus_address (f->bus), TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  if (display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  f->service = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SIP_CODES_BIN"), "--gapplication-service", NULL);
  g_assert_no_error (error);
  f->connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->bus),
                                                          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                          NULL, NULL, &error);
  g_assert_no_error (error);
  wait_for_name (f->connection);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_subprocess_force_exit (f->service);
  g_subprocess_wait (f->service, NULL, NULL);
  g_clear_object (&f->service);
  g_clear_object (&f->connection);
  g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);
}

static GVariant *
call (Fixture    *f,
      const char *method,
      GVariant   *parameters,
      const char *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (f->connection, BUS_NAME, PROVIDER_PATH, PROVIDER_IFACE, method,
                                                 parameters, reply_type ? G_VARIANT_TYPE (reply_type) : NULL,
                                                 G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

/* The identifiers the provider returns for @terms (a NULL-terminated list). */
static GStrv
search (Fixture            *f,
        const char * const *terms)
{
  g_autoptr(GVariant) reply = call (f, "GetInitialResultSet", g_variant_new ("(^as)", terms), "(as)");
  GStrv results = NULL;

  g_variant_get (reply, "(^as)", &results);
  return results;
}

/* name and description of @id */
static void
metas (Fixture     *f,
       const char  *id,
       char       **name,
       char       **description)
{
  const char *ids[] = { id, NULL };
  g_autoptr(GVariant) reply = call (f, "GetResultMetas", g_variant_new ("(^as)", ids), "(aa{sv})");
  g_autoptr(GVariant) list = g_variant_get_child_value (reply, 0);
  g_autoptr(GVariant) meta = NULL;
  g_autoptr(GVariantDict) dict = NULL;

  g_assert_cmpuint (g_variant_n_children (list), ==, 1);
  meta = g_variant_get_child_value (list, 0);
  dict = g_variant_dict_new (meta);
  g_assert_true (g_variant_dict_lookup (dict, "name", "s", name));
  g_assert_true (g_variant_dict_lookup (dict, "description", "s", description));
  g_assert_true (g_variant_dict_contains (dict, "icon"));
}

static void
test_english (Fixture       *f,
              gconstpointer  data)
{
  g_auto(GStrv) code = search (f, (const char *[]) { "428", NULL });
  g_auto(GStrv) busy = search (f, (const char *[]) { "busy", NULL });
  g_auto(GStrv) junk = search (f, (const char *[]) { "zzqqxx", NULL });
  g_auto(GStrv) bad = search (f, (const char *[]) { "\\xff", NULL });
  g_autofree char *name = NULL, *description = NULL;

  g_assert_cmpstrv (code, ((const char *[]) { "428", NULL }));
  g_assert_cmpstr (busy[0], ==, "486");
  g_assert_cmpuint (g_strv_length (junk), ==, 0);
  g_assert_cmpuint (g_strv_length (bad), ==, 0);
  metas (f, "428", &name, &description);
  g_assert_cmpstr (name, ==, "428 Use Identity Header");
  g_assert_nonnull (strstr (description, "Identity"));
  g_assert_null (strstr (description, "ヘッダー"));
}

static void
test_japanese (Fixture       *f,
               gconstpointer  data)
{
  g_auto(GStrv) busy = search (f, (const char *[]) { "話中", NULL });
  g_autofree char *name = NULL, *description = NULL;

  g_assert_cmpstr (busy[0], ==, "486");
  metas (f, "486", &name, &description);
  g_assert_cmpstr (name, ==, "486 Busy Here");
  g_assert_true (g_str_has_prefix (description, "話中："));
}

static gboolean
has_window (Fixture *f)
{
  g_autoptr(GVariant) actions = NULL;

  for (guint i = 0; i < 200 && actions == NULL; i++)
    {
      actions = g_dbus_connection_call_sync (f->connection, BUS_NAME, "/io/github/sipcodes/SipCodes/window/1",
                                             "org.gtk.Actions", "List", NULL, G_VARIANT_TYPE ("(as)"),
                                             G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
      if (actions == NULL)
        g_usleep (50 * 1000);
    }
  return actions != NULL;
}

/* Whether the window's action is enabled, once the window has handled what it was sent. */
static gboolean
action_enabled (Fixture    *f,
                const char *action)
{
  gboolean enabled = FALSE;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (f->connection, BUS_NAME, "/io/github/sipcodes/SipCodes/window/1",
                                                              "org.gtk.Actions", "Describe", g_variant_new ("(s)", action),
                                                              G_VARIANT_TYPE ("((bgav))"), G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "((bg@av))", &enabled, NULL, NULL);
      if (enabled)
        return TRUE;
      g_usleep (50 * 1000);
    }
  return FALSE;
}

/* Wakes the loop now and then, so that the deadline is looked at. */
static gboolean
keep_waking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* `sip-codes 428` and `--compare 200,428` with the app running: they hand the view to it and
 * exit at once, instead of starting a second app. */
static void
test_single_instance (Fixture       *f,
                      gconstpointer  data)
{
  const char *argvs[][4] = { { "428", NULL }, { "--compare", "200,428", NULL }, { "--rfc", "3261:16.8", NULL } };

  for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_autoptr(GSubprocess) client = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[] = { g_getenv ("SIP_CODES_BIN"), argvs[i][0], argvs[i][1], NULL };
      gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
      guint tick = g_timeout_add (100, keep_waking, NULL);

      g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", g_test_dbus_get_bus_address (f->bus), TRUE);
      if (display != NULL)
        g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
      client = g_subprocess_launcher_spawnv (launcher, argv, &error);
      g_assert_no_error (error);
      gboolean done = FALSE;

      g_subprocess_wait_async (client, NULL, on_exited, &done);
      while (!done && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      if (!done)
        {
          g_subprocess_force_exit (client);
          g_error ("sip-codes %s did not hand over to the running app: still running after 15 s", argvs[i][0]);
        }
      g_source_remove (tick);
      g_assert_true (g_subprocess_get_if_exited (client));
      g_assert_cmpint (g_subprocess_get_exit_status (client), ==, 0);
      /* The running app shows it: only a code or a comparison can be copied as Markdown (the
       * RFC page cannot), and an app merely activated would show neither. */
      g_assert_true (has_window (f));
      g_assert_true (action_enabled (f, "copy-markdown") == (i < 2));
    }
}

/* A result opens the app's window on it; identifiers we never gave are ignored. */
static void
test_activate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GVariant) ignored = call (f, "ActivateResult", g_variant_new ("(s^asu)", "999", (const char *[]) { NULL }, 0), NULL);
  g_autoptr(GVariant) reply = call (f, "ActivateResult", g_variant_new ("(s^asu)", "428", (const char *[]) { "428", NULL }, 0), NULL);

  /* GtkApplication exports each window's actions under the application's path. */
  g_assert_true (has_window (f));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("SIP_CODES_BIN"));
  display = g_strdup (g_getenv ("DISPLAY"));

  g_test_add ("/sc/search-provider/english", Fixture, "en", fixture_set_up, test_english, fixture_tear_down);
  g_test_add ("/sc/search-provider/japanese", Fixture, "ja", fixture_set_up, test_japanese, fixture_tear_down);
  g_test_add ("/sc/search-provider/activate", Fixture, "en", fixture_set_up, test_activate, fixture_tear_down);
  g_test_add ("/sc/search-provider/single-instance", Fixture, "en", fixture_set_up, test_single_instance, fixture_tear_down);
  return g_test_run ();
}
