#define G_LOG_DOMAIN "sc-search-provider"

#include "config.h"

#include "sc-search-provider.h"

#include <string.h>

#include "sc-kb-search.h"

#define MAX_RESULTS 12
/* The Shell sends what the user typed; a pasted paragraph is no search. */
#define MAX_TERMS 16

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

struct _ScSearchProvider
{
  GObject                       parent_instance;
  GApplication                 *application;   /* not a reference: the application owns us */
  ScSearchProviderDatabaseFunc  database;
  gpointer                      user_data;
  GDBusConnection              *connection;
  guint                         registration;
};

G_DEFINE_FINAL_TYPE (ScSearchProvider, sc_search_provider, G_TYPE_OBJECT)

static void
sc_search_provider_dispose (GObject *object)
{
  sc_search_provider_unexport (SC_SEARCH_PROVIDER (object));
  G_OBJECT_CLASS (sc_search_provider_parent_class)->dispose (object);
}

static void
sc_search_provider_class_init (ScSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sc_search_provider_dispose;
}

static void
sc_search_provider_init (ScSearchProvider *self)
{
}

ScSearchProvider *
sc_search_provider_new (GApplication                 *application,
                        ScSearchProviderDatabaseFunc  database,
                        gpointer                      user_data)
{
  ScSearchProvider *self = g_object_new (SC_TYPE_SEARCH_PROVIDER, NULL);

  self->application = application;
  self->database = database;
  self->user_data = user_data;
  return self;
}

/* The terms as one query, or NULL when they are none a search takes. */
static char *
join_terms (const char * const *terms)
{
  g_autofree char *query = NULL;

  if (terms == NULL || terms[0] == NULL || g_strv_length ((GStrv) terms) > MAX_TERMS)
    return NULL;
  query = g_strjoinv (" ", (GStrv) terms);
  if (!sc_kb_search_check_query (query, NULL))
    return NULL;
  return g_steal_pointer (&query);
}

static GVariant *
search (ScSearchProvider   *self,
        const char * const *terms)
{
  g_autofree char *query = join_terms (terms);
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("as"));
  ScKbDatabase *db = query ? self->database (self->user_data) : NULL;
  g_autoptr(GArray) hits = db ? sc_kb_search (db, query, MAX_RESULTS, NULL) : NULL;

  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", g_array_index (hits, ScKbHit, i).code);
      g_variant_builder_add (builder, "s", id);
    }
  return g_variant_new ("(as)", builder);
}

/* An identifier we gave out: a code the knowledge base has. */
static guint
code_of (ScKbDatabase *db,
         const char   *identifier)
{
  guint64 code;

  if (db == NULL || !g_ascii_string_to_unsigned (identifier, 10, 100, 699, &code, NULL) ||
      !sc_kb_database_has_code (db, (guint) code))
    return 0;
  return (guint) code;
}

/* "428 Use Identity Header", and what it means in the desktop's language. */
static GVariant *
result_metas (ScSearchProvider   *self,
              const char * const *identifiers)
{
  ScKbDatabase *db = self->database (self->user_data);
  ScKbLang lang = sc_kb_lang_from_locale ();
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);
  g_autoptr(GVariant) serialized_icon = g_variant_ref_sink (g_icon_serialize (icon));

  for (guint i = 0; identifiers != NULL && identifiers[i] != NULL && i < MAX_RESULTS * 4; i++)
    {
      guint code = code_of (db, identifiers[i]);
      g_autoptr(ScKbEntry) entry = code ? sc_kb_database_lookup (db, code, NULL) : NULL;
      const ScKbText *text;
      g_autofree char *name = NULL, *description = NULL;

      if (entry == NULL)
        continue;
      text = sc_kb_entry_get_text (entry, lang);
      name = g_strdup_printf ("%u %s", code, sc_kb_entry_get_reason (entry));
      description = g_str_equal (text->name, sc_kb_entry_get_reason (entry))
                    ? g_strdup (text->summary)
                    : g_strdup_printf (lang == SC_KB_LANG_JA ? "%s：%s" : "%s: %s", text->name, text->summary);
      g_variant_builder_open (builder, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (builder, "{sv}", "id", g_variant_new_string (identifiers[i]));
      g_variant_builder_add (builder, "{sv}", "name", g_variant_new_string (name));
      g_variant_builder_add (builder, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (builder, "{sv}", "icon", serialized_icon);
      g_variant_builder_close (builder);
    }
  return g_variant_new ("(aa{sv})", builder);
}

static void
show (ScSearchProvider *self,
      const char       *request)
{
  g_action_group_activate_action (G_ACTION_GROUP (self->application), "show", g_variant_new_string (request));
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  ScSearchProvider *self = user_data;
  g_autofree const char **terms = NULL;
  g_autofree const char **strings = NULL;
  const char *identifier = NULL;
  guint32 timestamp = 0;

  /* A search from the Shell may start the app just for it: stay up while answering. */
  g_application_hold (self->application);
  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_variant_get (parameters, "(^a&s)", &terms);
      g_dbus_method_invocation_return_value (invocation, search (self, terms));
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_variant_get (parameters, "(^a&s^a&s)", &strings, &terms);
      g_dbus_method_invocation_return_value (invocation, search (self, terms));
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_variant_get (parameters, "(^a&s)", &strings);
      g_dbus_method_invocation_return_value (invocation, result_metas (self, strings));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      g_variant_get (parameters, "(&s^a&su)", &identifier, &terms, &timestamp);
      if (code_of (self->database (self->user_data), identifier) != 0)
        {
          g_autofree char *request = g_strconcat ("code:", identifier, NULL);
          show (self, request);
        }
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autofree char *query = NULL;

      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      query = join_terms (terms);
      if (query != NULL)
        {
          g_autofree char *request = g_strconcat ("search:", query, NULL);
          show (self, request);
        }
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "no method %s", method_name);
  g_application_release (self->application);
}

gboolean
sc_search_provider_export (ScSearchProvider  *self,
                           GDBusConnection   *connection,
                           const char        *object_path,
                           GError           **error)
{
  static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection_xml, error);

  g_return_val_if_fail (SC_IS_SEARCH_PROVIDER (self), FALSE);
  if (info == NULL)
    return FALSE;
  self->registration = g_dbus_connection_register_object (connection, object_path, info->interfaces[0],
                                                          &vtable, self, NULL, error);
  if (self->registration == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
sc_search_provider_unexport (ScSearchProvider *self)
{
  g_return_if_fail (SC_IS_SEARCH_PROVIDER (self));
  if (self->registration != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration);
  self->registration = 0;
  g_clear_object (&self->connection);
}
