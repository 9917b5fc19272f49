/* Building requests (RFC 3261 §8.1.1): Request-URI, To, From with tag, Call-ID, CSeq,
 * Max-Forwards, Via with a fresh RFC 3261 branch and rport (RFC 3581), Contact, extra
 * headers, body and a Content-Length that always matches it. */
#define G_LOG_DOMAIN "sc-sip-request"

#include "sc-sip-request.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "sc-sip-date.h"
#include "sc-sip-error.h"

struct _ScSipRequest
{
  char     *method;
  char     *request_uri;
  char     *via_transport;
  char     *via_host;
  guint     via_port;
  char     *branch;
  char     *from_uri;
  char     *from_display;
  char     *from_tag;
  char     *to_uri;
  char     *contact;
  char     *call_id;
  guint32   cseq;
  GPtrArray *extra;   /* "Name: value" lines */
  GBytes   *body;
  char     *content_type;
  GPtrArray *auth_keys;           /* "401 realm", "407 realm": one credentials line each */
  GPtrArray *auth_lines;          /* the whole header lines, in the same order */
  char     *to_tag;               /* in a dialog */
  GPtrArray *routes;              /* in a dialog: the route set, in order */
};

/* Headers the API owns: a second one from the user would contradict it. */
static const char * const reserved[] = {
  "Via", "v", "From", "f", "To", "t", "Call-ID", "i", "CSeq", "Max-Forwards", "Contact", "m",
  "Content-Length", "l", "Content-Type", "c", "Authorization", "Proxy-Authorization", NULL
};

static char *
random_token (const char *prefix)
{
  return g_strdup_printf ("%s%08x%08x", prefix, g_random_int (), g_random_int ());
}

static gboolean
is_token (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!sc_sip_is_token_char (*p))
      return FALSE;
  return TRUE;
}

/**
 * sc_sip_request_new:
 * @method: any token: OPTIONS, REGISTER, INVITE, MESSAGE, or one of the user's
 * @request_uri: a sip:, sips: or tel: URI, as it goes on the request line
 */
ScSipRequest *
sc_sip_request_new (const char  *method,
                    const char  *request_uri,
                    GError     **error)
{
  ScSipRequest *self;
  ScSipUri uri;
  const char *problem = NULL;

  if (!is_token (method))
    {
      g_set_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED,
                   _("“%s” is not a SIP method: letters, digits and - . ! %% * _ + ` ' ~ only"), method ? method : "");
      return NULL;
    }
  if (!sc_sip_uri_parse ((ScSipSlice) { request_uri, strlen (request_uri) }, &uri, &problem))
    {
      g_set_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED, _("“%s” is not a usable Request-URI: %s"), request_uri, problem);
      return NULL;
    }
  self = g_new0 (ScSipRequest, 1);
  self->method = g_ascii_strup (method, -1);
  self->request_uri = g_strdup (request_uri);
  self->to_uri = g_strdup (request_uri);
  self->from_uri = g_strdup ("sip:probe@invalid");
  self->from_tag = random_token ("");
  self->call_id = random_token ("sc-");
  self->cseq = 1;
  self->via_transport = g_strdup ("UDP");
  self->via_host = g_strdup ("invalid");
  self->extra = g_ptr_array_new_with_free_func (g_free);
  self->auth_keys = g_ptr_array_new_with_free_func (g_free);
  self->auth_lines = g_ptr_array_new_with_free_func (g_free);
  sc_sip_request_new_branch (self);
  return self;
}

void
sc_sip_request_free (ScSipRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->method);
  g_free (self->request_uri);
  g_free (self->via_transport);
  g_free (self->via_host);
  g_free (self->branch);
  g_free (self->from_uri);
  g_free (self->from_display);
  g_free (self->from_tag);
  g_free (self->to_uri);
  g_free (self->contact);
  g_free (self->call_id);
  g_ptr_array_unref (self->extra);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->content_type);
  g_ptr_array_unref (self->auth_keys);
  g_ptr_array_unref (self->auth_lines);
  g_free (self->to_tag);
  g_clear_pointer (&self->routes, g_ptr_array_unref);
  g_free (self);
}

/* Credentials for a 401 (Authorization) or a 407 (Proxy-Authorization) challenge of @realm:
 * a later challenge of the same realm replaces them, another realm's add to them (a proxy and
 * the registrar behind it may both ask, RFC 3261 §22.3). */
void
sc_sip_request_set_authorization (ScSipRequest *self,
                                  gboolean      proxy,
                                  const char   *realm,
                                  const char   *value)
{
  g_autofree char *key = g_strdup_printf ("%s %s", proxy ? "407" : "401", realm ? realm : "");
  guint index;

  if (g_ptr_array_find_with_equal_func (self->auth_keys, key, g_str_equal, &index))
    {
      g_ptr_array_remove_index (self->auth_keys, index);
      g_ptr_array_remove_index (self->auth_lines, index);
    }
  if (value == NULL)
    return;
  g_ptr_array_add (self->auth_keys, g_steal_pointer (&key));
  g_ptr_array_add (self->auth_lines, g_strdup_printf ("%s: %s", proxy ? "Proxy-Authorization" : "Authorization", value));
}

/* Every new transaction needs a new branch, starting with the RFC 3261 magic cookie. */
void
sc_sip_request_new_branch (ScSipRequest *self)
{
  g_free (self->branch);
  self->branch = random_token ("z9hG4bK");
}

void
sc_sip_request_set_via (ScSipRequest *self,
                        const char   *transport,
                        const char   *host,
                        guint         port)
{
  g_free (self->via_transport);
  g_free (self->via_host);
  self->via_transport = g_ascii_strup (transport, -1);
  self->via_host = g_strdup (host);
  self->via_port = port;
}

void
sc_sip_request_set_from (ScSipRequest *self,
                         const char   *uri,
                         const char   *display_name)
{
  g_free (self->from_uri);
  g_free (self->from_display);
  self->from_uri = g_strdup (uri);
  self->from_display = g_strdup (display_name);
}

void
sc_sip_request_set_to (ScSipRequest *self,
                       const char   *uri)
{
  g_free (self->to_uri);
  self->to_uri = g_strdup (uri);
}

void
sc_sip_request_set_contact (ScSipRequest *self,
                            const char   *uri)
{
  g_free (self->contact);
  self->contact = g_strdup (uri);
}

void
sc_sip_request_set_cseq (ScSipRequest *self,
                         guint32       cseq)
{
  self->cseq = cseq;
}

void
sc_sip_request_set_call_id (ScSipRequest *self,
                            const char   *call_id)
{
  g_free (self->call_id);
  self->call_id = g_strdup (call_id);
}

/**
 * sc_sip_request_add_header:
 * Adds "Name: value". Fails for a name that is not a token, a header the request sets itself,
 * or a value with a line break or another control character (it would inject a header).
 */
gboolean
sc_sip_request_add_header (ScSipRequest  *self,
                           const char    *name,
                           const char    *value,
                           GError       **error)
{
  if (!is_token (name))
    {
      g_set_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED, _("“%s” is not a header name"), name);
      return FALSE;
    }
  for (guint i = 0; reserved[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, reserved[i]) == 0)
      {
        g_set_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED,
                     _("%s is set by the probe itself and cannot be added"), name);
        return FALSE;
      }
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t')
      {
        g_set_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED,
                     _("the value of %s holds a line break or control character"), name);
        return FALSE;
      }
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (value));
    g_ptr_array_add (self->extra, g_strdup_printf ("%s: %s", name, trimmed));
  }
  return TRUE;
}

/* The header of a "Name: value" line is @id, or @name for one the parser does not know:
 * "y: …" is an Identity too (RFC 8224 §4). */
static gboolean
line_is_header (const char    *line,
                ScSipHeaderId  id,
                const char    *name)
{
  ScSipSlice line_name = sc_sip_trim ((ScSipSlice) { line, strcspn (line, ":") });

  if (id != SC_SIP_HEADER_OTHER)
    return sc_sip_header_id (line_name) == id;
  return line_name.len == strlen (name) && g_ascii_strncasecmp (line_name.p, name, line_name.len) == 0;
}

/**
 * sc_sip_request_set_header:
 * Like sc_sip_request_add_header(), but the request keeps only this one @name header: for a
 * value made anew for every send (Date, Identity) that replaces the one sent before.
 */
gboolean
sc_sip_request_set_header (ScSipRequest  *self,
                           const char    *name,
                           const char    *value,
                           GError       **error)
{
  ScSipHeaderId id = sc_sip_header_id ((ScSipSlice) { name, strlen (name) });
  guint before = self->extra->len;

  if (!sc_sip_request_add_header (self, name, value, error))
    return FALSE;
  for (guint i = before; i > 0; i--)
    if (line_is_header (g_ptr_array_index (self->extra, i - 1), id, name))
      g_ptr_array_remove_index (self->extra, i - 1);
  return TRUE;
}

/**
 * sc_sip_request_set_date:
 * @unix_time: seconds since 1970, UTC
 *
 * Sets the Date header, an RFC 1123 date in GMT (RFC 3261 §20.17).
 */
void
sc_sip_request_set_date (ScSipRequest *self,
                         gint64        unix_time)
{
  g_autofree char *date = sc_sip_date_format (unix_time);

  g_return_if_fail (date != NULL);
  sc_sip_request_set_header (self, "Date", date, NULL);
}

/* "Name: value", as a user types it on the command line or in the app. */
gboolean
sc_sip_request_add_header_line (ScSipRequest  *self,
                                const char    *line,
                                GError       **error)
{
  const char *colon = strchr (line, ':');
  g_autofree char *name = NULL;

  if (colon == NULL)
    {
      g_set_error (error, SC_SIP_ERROR, SC_SIP_ERROR_MALFORMED, _("“%s” is not a header: write Name: value"), line);
      return FALSE;
    }
  name = g_strstrip (g_strndup (line, colon - line));
  return sc_sip_request_add_header (self, name, colon + 1, error);
}

void
sc_sip_request_set_body (ScSipRequest *self,
                         GBytes       *body,
                         const char   *content_type)
{
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->content_type);
  self->body = body ? g_bytes_ref (body) : NULL;
  self->content_type = g_strdup (content_type);
}

const char *
sc_sip_request_get_method (ScSipRequest *self)
{
  return self->method;
}

const char *
sc_sip_request_get_branch (ScSipRequest *self)
{
  return self->branch;
}

const char *
sc_sip_request_get_call_id (ScSipRequest *self)
{
  return self->call_id;
}

const char *
sc_sip_request_get_from_tag (ScSipRequest *self)
{
  return self->from_tag;
}

/* The addr-spec of From: what an Identity's "orig" is checked against. */
const char *
sc_sip_request_get_from_uri (ScSipRequest *self)
{
  return self->from_uri;
}

const char *
sc_sip_request_get_to_uri (ScSipRequest *self)
{
  return self->to_uri;
}

/* The addr-spec of the first P-Asserted-Identity the user added (RFC 3325 §9.1), or NULL: a
 * signer takes "orig" from it before From (RFC 8224 §5.2). */
char *
sc_sip_request_dup_asserted_uri (ScSipRequest *self)
{
  for (guint i = 0; i < self->extra->len; i++)
    {
      const char *line = g_ptr_array_index (self->extra, i);
      const char *colon = strchr (line, ':');
      ScSipAddress address;
      const char *problem, *where;

      if (!line_is_header (line, SC_SIP_HEADER_OTHER, "P-Asserted-Identity") || colon == NULL)
        continue;
      if (sc_sip_parse_address ((ScSipSlice) { colon + 1, strlen (colon + 1) }, &address, &problem, &where))
        return sc_sip_slice_dup (address.uri_text);
    }
  return NULL;
}

const char *
sc_sip_request_get_request_uri (ScSipRequest *self)
{
  return self->request_uri;
}

guint32
sc_sip_request_get_cseq (ScSipRequest *self)
{
  return self->cseq;
}

static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append (out, "\" ");
}

/* IPv6 addresses go in brackets in a sent-by (RFC 3261 §25.1). */
static void
append_host (GString    *out,
             const char *host,
             guint       port)
{
  g_string_append_printf (out, strchr (host, ':') ? "[%s]" : "%s", host);
  if (port != 0)
    g_string_append_printf (out, ":%u", port);
}

/**
 * sc_sip_request_serialize:
 * Returns: (transfer full): the request on the wire: CRLF line ends, Content-Length always.
 */
GBytes *
sc_sip_request_serialize (ScSipRequest *self)
{
  GString *out = g_string_sized_new (512);
  gsize body_len = self->body ? g_bytes_get_size (self->body) : 0;

  g_string_append_printf (out, "%s %s SIP/2.0\r\n", self->method, self->request_uri);
  g_string_append_printf (out, "Via: SIP/2.0/%s ", self->via_transport);
  append_host (out, self->via_host, self->via_port);
  g_string_append_printf (out, ";branch=%s;rport\r\n", self->branch);
  g_string_append (out, "Max-Forwards: 70\r\nFrom: ");
  if (self->from_display != NULL && *self->from_display != '\0')
    append_quoted (out, self->from_display);
  g_string_append_printf (out, "<%s>;tag=%s\r\n", self->from_uri, self->from_tag);
  g_string_append_printf (out, "To: <%s>", self->to_uri);
  if (self->to_tag != NULL)
    g_string_append_printf (out, ";tag=%s", self->to_tag);
  g_string_append (out, "\r\n");
  for (guint i = 0; self->routes != NULL && i < self->routes->len; i++)
    g_string_append_printf (out, "Route: %s\r\n", (const char *) g_ptr_array_index (self->routes, i));
  g_string_append_printf (out, "Call-ID: %s\r\nCSeq: %u %s\r\n", self->call_id, self->cseq, self->method);
  if (self->contact != NULL)
    g_string_append_printf (out, g_str_equal (self->contact, "*") ? "Contact: %s\r\n" : "Contact: <%s>\r\n",
                            self->contact);
  for (guint i = 0; i < self->auth_lines->len; i++)
    g_string_append_printf (out, "%s\r\n", (const char *) g_ptr_array_index (self->auth_lines, i));
  for (guint i = 0; i < self->extra->len; i++)
    g_string_append_printf (out, "%s\r\n", (const char *) g_ptr_array_index (self->extra, i));
  if (body_len > 0 && self->content_type != NULL)
    g_string_append_printf (out, "Content-Type: %s\r\n", self->content_type);
  g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", body_len);
  if (body_len > 0)
    g_string_append_len (out, g_bytes_get_data (self->body, NULL), body_len);
  return g_string_free_to_bytes (out);
}

/* The head shared by ACK and CANCEL: same Request-URI, top Via (same branch), From, Call-ID
 * and CSeq number, with their own method (RFC 3261 §9.1, §17.1.1.3). */
static GString *
derived_head (ScSipRequest *self,
              const char   *method)
{
  GString *out = g_string_sized_new (400);

  g_string_append_printf (out, "%s %s SIP/2.0\r\nVia: SIP/2.0/%s ", method, self->request_uri, self->via_transport);
  append_host (out, self->via_host, self->via_port);
  g_string_append_printf (out, ";branch=%s;rport\r\nMax-Forwards: 70\r\nFrom: ", self->branch);
  if (self->from_display != NULL && *self->from_display != '\0')
    append_quoted (out, self->from_display);
  g_string_append_printf (out, "<%s>;tag=%s\r\n", self->from_uri, self->from_tag);
  return out;
}

/* Whether @value holds a control character other than a tab, or the CRLF of a folded line. */
static gboolean
has_control (ScSipSlice value)
{
  for (gsize i = 0; i < value.len; i++)
    {
      guchar c = value.p[i];

      if (c == '\r' && i + 2 < value.len && value.p[i + 1] == '\n' && (value.p[i + 2] == ' ' || value.p[i + 2] == '\t'))
        i += 2;
      else if ((c < 0x20 && c != '\t') || c == 0x7f)
        return TRUE;
    }
  return FALSE;
}

/**
 * sc_sip_request_ack_for:
 * The ACK the client transaction sends for a 300-699 answer to @invite: its To is the
 * response's, tag included.
 */
GBytes *
sc_sip_request_ack_for (ScSipRequest       *invite,
                        const ScSipMessage *response)
{
  GString *out = derived_head (invite, "ACK");
  const ScSipHeader *to = sc_sip_message_find (response, SC_SIP_HEADER_TO, 0);

  /* The response's To, as RFC 3261 §17.1.1.3 says, unless it holds a line break or another
   * control character: then ours with its tag, so that nothing a server sends starts a header
   * in our request. */
  if (to != NULL && !has_control (to->value))
    g_string_append_printf (out, "To: %.*s\r\n", (int) to->value.len, to->value.p);
  else if (response->to.tag.len > 0 && !has_control (response->to.tag))
    g_string_append_printf (out, "To: <%s>;tag=%.*s\r\n", invite->to_uri, (int) response->to.tag.len,
                            response->to.tag.p);
  else
    g_string_append_printf (out, "To: <%s>\r\n", invite->to_uri);
  g_string_append_printf (out, "Call-ID: %s\r\nCSeq: %u ACK\r\nContent-Length: 0\r\n\r\n",
                          invite->call_id, invite->cseq);
  return g_string_free_to_bytes (out);
}

/* CANCEL for a pending INVITE: the INVITE's To, without a tag (RFC 3261 §9.1). */
GBytes *
sc_sip_request_cancel (ScSipRequest *invite)
{
  GString *out = derived_head (invite, "CANCEL");

  g_string_append_printf (out, "To: <%s>\r\nCall-ID: %s\r\nCSeq: %u CANCEL\r\nContent-Length: 0\r\n\r\n",
                          invite->to_uri, invite->call_id, invite->cseq);
  return g_string_free_to_bytes (out);
}

/* A 2xx's Contact as a Request-URI: without URI headers ("?X-Foo=bar"), which RFC 3261
 * §19.1.5 keeps out of the Request-URI of the requests built from it. */
static char *
remote_target (const ScSipAddress *contact)
{
  gsize len = contact->uri.headers.len > 0 ? (gsize) (contact->uri.headers.p - contact->uri_text.p)
                                           : contact->uri_text.len;

  return g_strndup (contact->uri_text.p, len);
}

/**
 * sc_sip_request_new_in_dialog:
 * @response: the 2xx that established the dialog
 * @method: ACK (same CSeq number, RFC 3261 §13.2.2.4) or BYE (the next number, §15.1.1)
 *
 * A request inside the dialog the 2xx to @invite created: to the remote target (its Contact),
 * through the route set (its Record-Route, reversed, §12.1.2), with the remote tag, and a new
 * branch: the ACK of a 2xx is a transaction of its own.
 */
ScSipRequest *
sc_sip_request_new_in_dialog (ScSipRequest        *invite,
                              const ScSipMessage  *response,
                              const char          *method,
                              GError             **error)
{
  g_autofree char *target = response->n_contacts > 0 ? remote_target (&response->contacts[0])
                                                     : g_strdup (invite->request_uri);
  ScSipRequest *self = sc_sip_request_new (method, target, error);

  if (self == NULL)
    return NULL;
  sc_sip_request_set_via (self, invite->via_transport, invite->via_host, invite->via_port);
  sc_sip_request_set_from (self, invite->from_uri, invite->from_display);
  g_free (self->from_tag);
  self->from_tag = g_strdup (invite->from_tag);
  g_free (self->to_uri);
  self->to_uri = g_strdup (invite->to_uri);
  self->to_tag = has_control (response->to.tag) ? NULL : sc_sip_slice_dup (response->to.tag);
  sc_sip_request_set_call_id (self, invite->call_id);
  sc_sip_request_set_contact (self, invite->contact);
  self->cseq = g_str_equal (self->method, "ACK") ? invite->cseq : invite->cseq + 1;
  self->routes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = response->n_record_routes; i > 0; i--)
    {
      const ScSipAddress *route = &response->record_routes[i - 1];
      g_ptr_array_add (self->routes, g_strdup_printf ("<%.*s>", (int) route->uri_text.len, route->uri_text.p));
    }
  return self;
}

/* CANCEL as a request of its own (for its non-INVITE transaction): the INVITE's Request-URI,
 * Call-ID, From, To (no tag), CSeq number and, crucially, its branch (RFC 3261 §9.1). */
ScSipRequest *
sc_sip_request_new_cancel (ScSipRequest *invite)
{
  ScSipRequest *self = sc_sip_request_new ("CANCEL", invite->request_uri, NULL);

  sc_sip_request_set_via (self, invite->via_transport, invite->via_host, invite->via_port);
  g_free (self->branch);
  self->branch = g_strdup (invite->branch);
  sc_sip_request_set_from (self, invite->from_uri, invite->from_display);
  g_free (self->from_tag);
  self->from_tag = g_strdup (invite->from_tag);
  sc_sip_request_set_to (self, invite->to_uri);
  sc_sip_request_set_call_id (self, invite->call_id);
  self->cseq = invite->cseq;
  return self;
}
