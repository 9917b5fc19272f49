/* sip-codes parse [FILE|-]: the parser on a captured message, for debugging and for running the
 * conformance cases by hand. Exit 0 for a well-formed message, 1 for a malformed one. */
#define G_LOG_DOMAIN "sc-cli-parse"

#include "config.h"

#include "sc-cli-private.h"

#include "sc-cli-input.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "sc-cli-json.h"
#include "sc-sip-message.h"

static void
add_slice (JsonBuilder *builder,
           const char  *member,
           ScSipSlice   slice)
{
  /* JSON holds valid UTF-8 and escaped controls: whatever the message carried. */
  g_autofree char *text = sc_sip_printable (slice.p, slice.len);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_address (JsonBuilder        *builder,
             const ScSipAddress *address)
{
  json_builder_begin_object (builder);
  add_slice (builder, "display", address->display);
  add_slice (builder, "uri", address->uri_text);
  add_slice (builder, "tag", address->tag);
  add_slice (builder, "params", address->params);
  json_builder_end_object (builder);
}

static void
add_addresses (JsonBuilder        *builder,
               const char         *member,
               const ScSipAddress *addresses,
               guint               n)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    add_address (builder, &addresses[i]);
  json_builder_end_array (builder);
}

/* A Via without a port means the transport's default (RFC 3261 §18.1.1, §26.2): the same
 * number in the text and in JSON. */
static guint
via_port (const ScSipVia *via)
{
  if (via->port != 0)
    return via->port;
  return sc_sip_slice_equal_case (via->transport, "TLS") ? 5061 : 5060;
}

static void
add_vias (JsonBuilder    *builder,
          const ScSipVia *vias,
          guint           n)
{
  json_builder_set_member_name (builder, "via");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      const ScSipVia *via = &vias[i];
      json_builder_begin_object (builder);
      add_slice (builder, "transport", via->transport);
      add_slice (builder, "host", via->host);
      json_builder_set_member_name (builder, "port");
      json_builder_add_int_value (builder, via_port (via));
      json_builder_set_member_name (builder, "port_given");
      json_builder_add_boolean_value (builder, via->port != 0);
      add_slice (builder, "branch", via->branch);
      add_slice (builder, "received", via->received);
      if (via->has_rport)
        add_slice (builder, "rport", via->rport);
      else
        {
          json_builder_set_member_name (builder, "rport");
          json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

static JsonNode *
message_json (const ScSipMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, msg->is_request ? "request" : "response");
  if (msg->is_request)
    {
      add_slice (builder, "method", msg->method);
      add_slice (builder, "request_uri", msg->request_uri_text);
    }
  else
    {
      add_int (builder, "status", msg->status);
      add_slice (builder, "reason", msg->reason);
    }
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < msg->n_headers; i++)
    {
      const ScSipHeader *header = &msg->headers[i];
      json_builder_begin_object (builder);
      add_slice (builder, "name", header->name);
      add_slice (builder, "value", header->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_slice (builder, "call_id", msg->call_id);
  json_builder_set_member_name (builder, "cseq");
  json_builder_begin_object (builder);
  add_int (builder, "number", msg->cseq);
  add_slice (builder, "method", msg->cseq_method);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "from");
  add_address (builder, &msg->from);
  json_builder_set_member_name (builder, "to");
  add_address (builder, &msg->to);
  add_vias (builder, msg->vias, msg->n_vias);
  add_addresses (builder, "contact", msg->contacts, msg->n_contacts);
  add_addresses (builder, "record_route", msg->record_routes, msg->n_record_routes);
  add_addresses (builder, "route", msg->routes, msg->n_routes);
  add_int (builder, "max_forwards", msg->max_forwards);
  add_int (builder, "content_length", msg->content_length);
  add_slice (builder, "content_type", msg->content_type);
  add_int (builder, "body_length", (gint64) msg->body.len);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_address (GString            *out,
               const char         *label,
               const ScSipAddress *address)
{
  g_string_append_printf (out, "  %-13s ", label);
  if (address->display.len > 0)
    g_string_append_printf (out, "\"%.*s\" ", (int) address->display.len, address->display.p);
  g_string_append_printf (out, "%.*s", (int) address->uri_text.len, address->uri_text.p);
  if (address->tag.len > 0)
    g_string_append_printf (out, "  tag=%.*s", (int) address->tag.len, address->tag.p);
  g_string_append_printf (out, "\n");
}

/* The message as text, into @out: printed only once made printable as a whole. */
static void
print_message (GString            *out,
               const ScSipMessage *msg)
{
  if (msg->is_request)
    g_string_append_printf (out, "%.*s %.*s SIP/2.0\n", (int) msg->method.len, msg->method.p,
            (int) msg->request_uri_text.len, msg->request_uri_text.p);
  else
    g_string_append_printf (out, "SIP/2.0 %u %.*s\n", msg->status, (int) msg->reason.len, msg->reason.p);
  for (guint i = 0; i < msg->n_headers; i++)
    {
      const ScSipHeader *header = &msg->headers[i];
      g_string_append_printf (out, "%.*s: %.*s\n", (int) header->name.len, header->name.p, (int) header->value.len, header->value.p);
    }
  g_string_append_printf (out, "\n%s\n", _("Decoded:"));
  g_string_append_printf (out, "  %-13s %.*s\n", "Call-ID", (int) msg->call_id.len, msg->call_id.p);
  g_string_append_printf (out, "  %-13s %u %.*s\n", "CSeq", msg->cseq, (int) msg->cseq_method.len, msg->cseq_method.p);
  print_address (out, "From", &msg->from);
  print_address (out, "To", &msg->to);
  for (guint i = 0; i < msg->n_vias; i++)
    {
      const ScSipVia *via = &msg->vias[i];
      g_string_append_printf (out, "  %-13s %.*s %.*s:%u%s branch=%.*s\n", "Via", (int) via->transport.len, via->transport.p,
              (int) via->host.len, via->host.p, via_port (via), via->port ? "" : _(" (default)"),
              (int) via->branch.len, via->branch.p);
    }
  for (guint i = 0; i < msg->n_contacts; i++)
    print_address (out, "Contact", &msg->contacts[i]);
  for (guint i = 0; i < msg->n_record_routes; i++)
    print_address (out, "Record-Route", &msg->record_routes[i]);
  for (guint i = 0; i < msg->n_routes; i++)
    print_address (out, "Route", &msg->routes[i]);
  g_string_append_printf (out, "  %-13s %" G_GSIZE_FORMAT "\n", _("Body bytes"), msg->body.len);
}

int
sc_cli_parse_message (int    argc,
                      char **argv)
{
  ScCliCommon common = { 0 };
  g_autofree char *transport = NULL;
  GOptionEntry entries[] = {
    { "transport", 0, 0, G_OPTION_ARG_STRING, &transport, N_("How the message arrived: udp (a datagram, the default) or stream (TCP, TLS)"), "udp|stream" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &common.json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[FILE|-]"));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ScSipMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  ScSipFraming framing = SC_SIP_FRAMING_DATAGRAM;
  int status = SC_CLI_EXIT_OK;

  g_option_context_set_summary (context, _("Parse a SIP message and show its headers and decoded fields, or what is wrong and where."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sc_cli_usage_error ("parse", "%s", error->message);
  if (argc > 2)
    return sc_cli_usage_error ("parse", _("give one file, or - for standard input"));
  if (transport != NULL && g_str_equal (transport, "stream"))
    framing = SC_SIP_FRAMING_STREAM;
  else if (transport != NULL && !g_str_equal (transport, "udp"))
    return sc_cli_usage_error ("parse", _("unknown transport “%s”: use udp or stream"), transport);
  if (!(bytes = sc_cli_read_bounded (argc == 2 ? argv[1] : NULL, SC_SIP_MAX_MESSAGE_SIZE, _("a SIP message"), &error)))
    {
      g_printerr ("sip-codes parse: %s\n", error->message);
      return SC_CLI_EXIT_USAGE;
    }
  msg = sc_sip_message_parse (bytes, framing, &error);
  if (msg == NULL)
    {
      g_printerr (_("sip-codes parse: malformed message: %s"), error->message);
      g_printerr ("\n");
      status = SC_CLI_EXIT_NOT_FOUND;
    }
  else if (common.json)
    sc_cli_json_print (message_json (msg));
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *shown = NULL;

      print_message (out, msg);
      /* A CR, an escape sequence or bytes that are not UTF-8 in the message are shown, never
       * sent to the terminal as they are. */
      shown = sc_sip_printable_lines (out->str, out->len);
      fputs (shown, stdout);
    }
  return status;
}
