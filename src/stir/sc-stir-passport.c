#define G_LOG_DOMAIN "sc-stir"

#include "sc-stir-passport.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-stir-base64url.h"
#include "sc-stir-error.h"

static void canonical (GString *out, JsonNode *node);

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
canonical_object (GString    *out,
                  JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  g_ptr_array_sort (keys, compare_keys);
  g_string_append_c (out, '{');
  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), g_ptr_array_index (keys, i));
      g_autofree char *key_json = json_to_string (key, FALSE);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "%s:", key_json);
      canonical (out, json_object_get_member (object, g_ptr_array_index (keys, i)));
    }
  g_string_append_c (out, '}');
}

static void
canonical (GString  *out,
           JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    canonical_object (out, json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          canonical (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else
    {
      g_autofree char *text = json_to_string (node, FALSE);
      g_string_append (out, text);
    }
}

char *
sc_stir_canonical_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  canonical (out, node);
  return g_string_free (out, FALSE);
}

/* @header: the first part, else the second (the payload, which holds the claims). */
static JsonObject *
decode_object (const char  *part,
               gsize        len,
               gboolean     header,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = sc_stir_base64url_decode (part, len, &local_error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data;

  if (bytes == NULL)
    {
      /* TRANSLATORS: %s is why it cannot be decoded, e.g. “not base64url: its length cannot be
       * that of any bytes” */
      g_set_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED, header ? _("the header is %s") : _("the payload is %s"),
                   local_error->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  /* An empty part parses to no root at all. */
  if (size == 0 || !g_utf8_validate (data, size, NULL) || !json_parser_load_from_data (parser, data, size, NULL) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                           header ? _("the header is not a JSON object") : _("the payload is not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* @text: the full form, header.claims.signature (a JWS Compact Serialization, RFC 8225 §6);
 * PASSporT's own compact form, "..signature" (RFC 8225 §7), is refused with its own message. */
ScStirPassport *
sc_stir_passport_decode (const char  *text,
                         GError     **error)
{
  g_autoptr(ScStirPassport) self = g_new0 (ScStirPassport, 1);
  g_autoptr(GError) local_error = NULL;
  const char *dot1, *dot2;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);
  len = strlen (text);
  if (len > SC_STIR_MAX_PASSPORT)
    {
      g_set_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                   _("the PASSporT is %llu bytes; a signed one is a few hundred"), (unsigned long long) len);
      return NULL;
    }
  dot1 = strchr (text, '.');
  dot2 = dot1 ? strchr (dot1 + 1, '.') : NULL;
  if (dot2 == NULL || strchr (dot2 + 1, '.') != NULL)
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                           _("not a PASSporT in full form: expected three base64url parts separated by dots"));
      return NULL;
    }
  /* The compact form leaves header and claims out, for the verifier to rebuild from the request
   * (RFC 8225 §7, RFC 8224 §4.1.1); SHAKEN does not use it (RFC 8588 §3). */
  if (dot1 == text && dot2 == dot1 + 1)
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                           _("a PASSporT in compact form (header and claims left out): it cannot be checked without "
                             "rebuilding them from the request, and SHAKEN uses the full form (RFC 8588 §3)"));
      return NULL;
    }
  if (!(self->header = decode_object (text, dot1 - text, TRUE, error)) ||
      !(self->claims = decode_object (dot1 + 1, dot2 - dot1 - 1, FALSE, error)))
    return NULL;
  self->signing_input = g_strndup (text, dot2 - text);
  if (!(self->signature = sc_stir_base64url_decode (dot2 + 1, strlen (dot2 + 1), &local_error)))
    {
      /* TRANSLATORS: %s is why it cannot be decoded, e.g. “not base64url: its length cannot be
       * that of any bytes” */
      g_set_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED, _("the signature is %s"), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&self);
}

ScStirPassport *
sc_stir_passport_new (JsonObject *header,
                      JsonObject *claims)
{
  ScStirPassport *self = g_new0 (ScStirPassport, 1);
  g_autoptr(JsonNode) header_node = json_node_init_object (json_node_alloc (), header);
  g_autoptr(JsonNode) claims_node = json_node_init_object (json_node_alloc (), claims);
  g_autofree char *header_json = sc_stir_canonical_json (header_node);
  g_autofree char *claims_json = sc_stir_canonical_json (claims_node);
  g_autofree char *header_b64 = sc_stir_base64url_encode ((const guint8 *) header_json, strlen (header_json));
  g_autofree char *claims_b64 = sc_stir_base64url_encode ((const guint8 *) claims_json, strlen (claims_json));

  self->header = json_object_ref (header);
  self->claims = json_object_ref (claims);
  self->signing_input = g_strconcat (header_b64, ".", claims_b64, NULL);
  return self;
}

char *
sc_stir_passport_encode (ScStirPassport *self)
{
  g_autofree char *signature = NULL;

  g_return_val_if_fail (self != NULL && self->signature != NULL, NULL);
  signature = sc_stir_base64url_encode (g_bytes_get_data (self->signature, NULL), g_bytes_get_size (self->signature));
  return g_strconcat (self->signing_input, ".", signature, NULL);
}

void
sc_stir_passport_free (ScStirPassport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->header, json_object_unref);
  g_clear_pointer (&self->claims, json_object_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_free (self->signing_input);
  g_free (self);
}
