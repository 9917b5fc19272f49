/* Parsing SIP messages (RFC 3261 §7, §25), strict where RFC 3261 is and tolerant where RFC 4475
 * says a robust parser should be. Nothing is copied: every field is a slice of the bytes. */
#define G_LOG_DOMAIN "sc-sip-message"

#include "sc-sip-message.h"

#include <string.h>

#include "sc-sip-error.h"
#include "sc-sip-message-private.h"

/* Appends a slot to an array that starts in the message's inline storage and moves to the
 * heap when it outgrows it. */
static inline void *
append (void       **items,
        guint       *len,
        guint       *cap,
        gsize        size,
        void        *inline_items)
{
  if (G_UNLIKELY (*len == *cap))
    sc_sip_message_grow (items, cap, *len, size, inline_items);
  return (char *) *items + (gsize) (*len)++ * size;
}

/* sc_sip_trim() of a header value, with its common shape, one space after the colon and CRLF
 * after the value, decided here. */
static inline ScSipSlice
trim_value (ScSipSlice s)
{
  const char *p = s.p + 1, *end = s.p + s.len;

  if (s.len < 2 || s.p[0] != ' ' || s.p[1] == ' ' || s.p[1] == '\t' || s.p[1] == '\r' || s.p[1] == '\n')
    return sc_sip_trim (s);
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
    end--;
  return (ScSipSlice) { p, end - p };
}

/* Line ends find_header_end() records, so that the headers are not searched twice. */
#define MAX_LINES 64

typedef struct {
  ScSipMessage *msg;
  const char   *base;
  const char   *end;     /* end of the header section (before the empty line) */
  GError      **error;
  const char   *lines[MAX_LINES];  /* every '\n' before end, in order... */
  guint         n_lines;
  gboolean      more_lines;        /* ... or the first MAX_LINES of them */
  guint         next_line;
} Parser;

/* Every error says where: line and column, counted in the message from 1. */
static gboolean G_GNUC_PRINTF (4, 5)
fail_at (Parser     *ps,
         int         code,
         const char *at,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  guint line = 1;
  const char *line_start = ps->base;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  for (const char *p = ps->base; at != NULL && p < at; p++)
    if (*p == '\n')
      {
        line++;
        line_start = p + 1;
      }
  if (at == NULL)
    g_set_error (ps->error, SC_SIP_ERROR, code, "%s", what);
  else
    g_set_error (ps->error, SC_SIP_ERROR, code, "line %u, column %u: %s", line,
                 (guint) (at - line_start) + 1, what);
  return FALSE;
}

static const char *
line_end (const char *p,
          const char *end)
{
  const char *nl = memchr (p, '\n', end - p);
  return nl ? nl : end;
}

/* line_end (@p, ps->end) from the recorded line ends; @p never goes back. */
static inline const char *
next_line_end (Parser     *ps,
               const char *p)
{
  while (ps->next_line < ps->n_lines && ps->lines[ps->next_line] < p)
    ps->next_line++;
  if (ps->next_line < ps->n_lines)
    return ps->lines[ps->next_line];
  return ps->more_lines ? line_end (p, ps->end) : ps->end;
}

/* The content of a line without its CR. */
static ScSipSlice
line_text (const char *p,
           const char *nl)
{
  return (ScSipSlice) { p, (nl > p && nl[-1] == '\r') ? nl - p - 1 : nl - p };
}

static gboolean
parse_version (Parser     *ps,
               ScSipSlice  version)
{
  if (version.len < 4 || !sc_sip_slice_equal_case ((ScSipSlice) { version.p, 4 }, "SIP/"))
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, version.p, "expected SIP/2.0");
  if (!sc_sip_slice_equal (version, "SIP/2.0"))
    return fail_at (ps, SC_SIP_ERROR_VERSION, version.p, "version %.*s is not supported (only SIP/2.0)",
                    (int) version.len, version.p);
  return TRUE;
}

/* Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; an empty reason is legal. */
static gboolean
parse_status_line (Parser     *ps,
                   ScSipSlice  line)
{
  const char *end = line.p + line.len;
  const char *sp = memchr (line.p, ' ', line.len);
  const char *code = sp ? sp + 1 : end, *p = code;
  guint status = 0;

  if (!parse_version (ps, (ScSipSlice) { line.p, (sp ? sp : end) - line.p }))
    return FALSE;
  for (; p < end && g_ascii_isdigit (*p) && p - code < 4; p++)
    status = status * 10 + (*p - '0');
  if (p - code != 3 || status < 100 || status > 699 || (p < end && *p != ' '))
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, code, "the status code must be three digits from 100 to 699");
  ps->msg->status = status;
  ps->msg->reason = (ScSipSlice) { p < end ? p + 1 : end, p < end ? end - p - 1 : 0 };
  return TRUE;
}

static gboolean
is_token (ScSipSlice s)
{
  if (s.len == 0)
    return FALSE;
  for (gsize i = 0; i < s.len; i++)
    if (!sc_sip_is_token_char (s.p[i]))
      return FALSE;
  return TRUE;
}

/* Request-Line = Method SP Request-URI SP SIP-Version: single spaces, no LWS in the URI, no
 * brackets, no escaped headers (RFC 4475 §3.1.2.7-11). */
static gboolean
parse_request_line (Parser     *ps,
                    ScSipSlice  line)
{
  const char *end = line.p + line.len;
  const char *sp1 = memchr (line.p, ' ', line.len), *sp2;
  const char *problem = NULL;

  if (sp1 == NULL || !is_token ((ScSipSlice) { line.p, sp1 - line.p }))
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, line.p, "expected a method, a Request-URI and SIP/2.0");
  sp2 = memchr (sp1 + 1, ' ', end - sp1 - 1);
  if (sp2 == NULL || sp2 == sp1 + 1)
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, sp1 + 1, "one space, then the Request-URI, then one space and SIP/2.0");
  if (memchr (sp2 + 1, ' ', end - sp2 - 1) != NULL)
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, sp2 + 1, "spaces inside the Request-URI or after the version");
  ps->msg->is_request = TRUE;
  ps->msg->method = (ScSipSlice) { line.p, sp1 - line.p };
  ps->msg->request_uri_text = (ScSipSlice) { sp1 + 1, sp2 - sp1 - 1 };
  if (!sc_sip_uri_parse (ps->msg->request_uri_text, &ps->msg->request_uri, &problem))
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, sp1 + 1, "Request-URI: %s", problem);
  if (ps->msg->request_uri.headers.len > 0)
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, ps->msg->request_uri.headers.p, "a Request-URI cannot carry headers");
  return parse_version (ps, (ScSipSlice) { sp2 + 1, end - sp2 - 1 });
}

/* field-name HCOLON field-value, continued on lines that start with SP or HT. */
static gboolean
parse_header_lines (Parser     *ps,
                    const char *p)
{
  while (p < ps->end)
    {
      const char *nl = next_line_end (ps, p), *colon, *name_end;
      ScSipHeader header;

      if (*p == ' ' || *p == '\t')
        return fail_at (ps, SC_SIP_ERROR_MALFORMED, p, "a continuation line with no header before it");
      /* The name runs to ':', SP or HT and must be a token: a name that stops at another
       * character is not one. */
      for (name_end = p; name_end < nl && sc_sip_is_token_char (*name_end); name_end++)
        ;
      colon = name_end;
      while (colon < nl && (*colon == ' ' || *colon == '\t'))
        colon++;
      if (colon >= nl || *colon != ':' || name_end == p)
        return fail_at (ps, SC_SIP_ERROR_MALFORMED, p, "a header line must read Name: value");
      /* Folding: the value runs on while the next line starts with whitespace. */
      while (nl < ps->end && nl + 1 < ps->end && (nl[1] == ' ' || nl[1] == '\t'))
        nl = next_line_end (ps, nl + 1);
      header.name = (ScSipSlice) { p, name_end - p };
      header.id = sc_sip_header_id (header.name);
      header.value = trim_value ((ScSipSlice) { colon + 1, nl - colon - 1 });
      if (ps->msg->n_headers >= SC_SIP_MAX_HEADERS)
        return fail_at (ps, SC_SIP_ERROR_TOO_LARGE, p, "more than %d headers", SC_SIP_MAX_HEADERS);
      if (ps->msg->header_count[header.id]++ == 0)
        ps->msg->header_first[header.id] = (guint16) ps->msg->n_headers;
      *(ScSipHeader *) append ((void **) &ps->msg->headers, &ps->msg->n_headers, &ps->msg->headers_cap,
                               sizeof header, ps->msg->headers_inline) = header;
      p = nl < ps->end ? nl + 1 : ps->end;
    }
  return TRUE;
}

/* Exactly one of these may appear (RFC 4475 §3.3.8); returns NULL, without error, when absent. */
static gboolean
single_header (Parser             *ps,
               ScSipHeaderId       id,
               const ScSipHeader **out)
{
  const ScSipHeader *first = sc_sip_message_find (ps->msg, id, 0);
  const ScSipHeader *second = first ? sc_sip_message_find (ps->msg, id, 1) : NULL;

  *out = first;
  if (second != NULL)
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, second->name.p, "more than one %s header", sc_sip_header_canonical (id));
  return TRUE;
}

/* 1*DIGIT, no sign, at most @max; @end gets what follows. */
static gboolean
parse_number (ScSipSlice   s,
              guint64      max,
              guint64     *value,
              const char **end)
{
  const char *p = s.p, *stop = s.p + s.len;
  guint64 v = 0;

  for (; p < stop && g_ascii_isdigit (*p); p++)
    {
      v = v * 10 + (guint64) (*p - '0');
      if (v > max)
        return FALSE;
    }
  *value = v;
  *end = p;
  return p > s.p;
}

static gboolean
decode_cseq (Parser            *ps,
             const ScSipHeader *header)
{
  const char *end = header->value.p + header->value.len, *p;
  guint64 number;

  if (!parse_number (header->value, G_MAXUINT32, &number, &p))
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, header->value.p, "CSeq must start with a number up to 4294967295");
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  ps->msg->cseq = (guint32) number;
  ps->msg->cseq_method = (ScSipSlice) { p, end - p };
  if (!is_token (ps->msg->cseq_method))
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, p, "CSeq must end with a method");
  if (ps->msg->is_request && (ps->msg->method.len != ps->msg->cseq_method.len ||
                              memcmp (ps->msg->method.p, p, ps->msg->method.len) != 0))
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, p, "the CSeq method %.*s does not match the request method %.*s",
                    (int) ps->msg->cseq_method.len, p, (int) ps->msg->method.len, ps->msg->method.p);
  return TRUE;
}

static gboolean
decode_address (Parser            *ps,
                ScSipSlice         value,
                ScSipAddress      *address,
                const char        *what)
{
  const char *problem = NULL, *where = NULL;

  if (!sc_sip_parse_address (value, address, &problem, &where))
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, where, "%s: %s", what, problem);
  return TRUE;
}

/* Where decode_list() puts the values of each kind of list header. */
static void *
list_slot (ScSipMessage  *msg,
           ScSipHeaderId  id)
{
  switch (id)
    {
    case SC_SIP_HEADER_VIA:
      return append ((void **) &msg->vias, &msg->n_vias, &msg->vias_cap, sizeof (ScSipVia), msg->vias_inline);
    case SC_SIP_HEADER_CONTACT:
      return append ((void **) &msg->contacts, &msg->n_contacts, &msg->contacts_cap, sizeof (ScSipAddress),
                     msg->contacts_inline);
    case SC_SIP_HEADER_RECORD_ROUTE:
      return append ((void **) &msg->record_routes, &msg->n_record_routes, &msg->record_routes_cap,
                     sizeof (ScSipAddress), msg->record_routes_inline);
    default:
      return append ((void **) &msg->routes, &msg->n_routes, &msg->routes_cap, sizeof (ScSipAddress),
                     msg->routes_inline);
    }
}

/* Via, Contact, Route, Record-Route: every header of the kind, every comma-separated value. */
static gboolean
decode_list (Parser        *ps,
             ScSipHeaderId  id)
{
  ScSipSlice items[SC_SIP_MAX_LIST_ITEMS];
  const char *problem = NULL, *where = NULL;
  guint n_items;

  if (ps->msg->header_count[id] == 0)
    return TRUE;
  for (guint i = ps->msg->header_first[id]; i < ps->msg->n_headers; i++)
    {
      const ScSipHeader *header = &ps->msg->headers[i];
      if (header->id != id)
        continue;
      if (!sc_sip_split_list (header->value, items, &n_items, &problem, &where))
        return fail_at (ps, SC_SIP_ERROR_MALFORMED, where, "%s: %s", sc_sip_header_canonical (id), problem);
      for (guint j = 0; j < n_items; j++)
        {
          if (id == SC_SIP_HEADER_VIA)
            {
              ScSipVia via;
              if (!sc_sip_parse_via (items[j], &via, &problem, &where))
                return fail_at (ps, SC_SIP_ERROR_MALFORMED, where, "Via: %s", problem);
              *(ScSipVia *) list_slot (ps->msg, id) = via;
            }
          else if (id == SC_SIP_HEADER_CONTACT && sc_sip_slice_equal (items[j], "*"))
            ps->msg->contact_star = TRUE;
          else
            {
              ScSipAddress address;
              if (!decode_address (ps, items[j], &address, sc_sip_header_canonical (id)))
                return FALSE;
              *(ScSipAddress *) list_slot (ps->msg, id) = address;
            }
        }
    }
  return TRUE;
}

/* Every Content-Length must agree (RFC 4475 §3.3.9) and be a plain number (§3.1.2.3). */
static gboolean
decode_content_length (Parser *ps)
{
  for (guint i = 0; i < ps->msg->n_headers; i++)
    {
      const ScSipHeader *header = &ps->msg->headers[i];
      const char *rest;
      guint64 value;

      if (header->id != SC_SIP_HEADER_CONTENT_LENGTH)
        continue;
      if (!parse_number (header->value, SC_SIP_MAX_MESSAGE_SIZE, &value, &rest) ||
          rest != header->value.p + header->value.len)
        return fail_at (ps, SC_SIP_ERROR_MALFORMED, header->value.p, "Content-Length must be a number of bytes up to %d",
                        SC_SIP_MAX_MESSAGE_SIZE);
      if (ps->msg->content_length >= 0 && (guint64) ps->msg->content_length != value)
        return fail_at (ps, SC_SIP_ERROR_MALFORMED, header->value.p, "two Content-Length headers disagree");
      ps->msg->content_length = (gint64) value;
    }
  return TRUE;
}

static gboolean
decode_max_forwards (Parser *ps)
{
  const ScSipHeader *header;
  const char *rest;
  guint64 value;

  if (!single_header (ps, SC_SIP_HEADER_MAX_FORWARDS, &header))
    return FALSE;
  if (header == NULL)
    return TRUE;
  if (!parse_number (header->value, 255, &value, &rest) || rest != header->value.p + header->value.len)
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, header->value.p, "Max-Forwards must be a number from 0 to 255");
  ps->msg->max_forwards = (int) value;
  return TRUE;
}

/* SIP-date is rfc1123-date, and its zone is always "GMT" (RFC 3261 §20.17, RFC 4475 §3.1.2.12). */
static gboolean
check_date (Parser *ps)
{
  const ScSipHeader *header;

  if (!single_header (ps, SC_SIP_HEADER_DATE, &header))
    return FALSE;
  if (header != NULL && (header->value.len < 4 ||
                         memcmp (header->value.p + header->value.len - 4, " GMT", 4) != 0))
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, header->value.p, "a SIP Date must be in GMT");
  return TRUE;
}

static gboolean
decode_core (Parser *ps)
{
  ScSipMessage *msg = ps->msg;
  const ScSipHeader *call_id, *cseq, *from, *to, *content_type;

  if (!single_header (ps, SC_SIP_HEADER_CALL_ID, &call_id) || !single_header (ps, SC_SIP_HEADER_CSEQ, &cseq) ||
      !single_header (ps, SC_SIP_HEADER_FROM, &from) || !single_header (ps, SC_SIP_HEADER_TO, &to) ||
      !single_header (ps, SC_SIP_HEADER_CONTENT_TYPE, &content_type))
    return FALSE;
  if (call_id == NULL || cseq == NULL || from == NULL || to == NULL)
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, NULL, "missing %s: every message carries Call-ID, CSeq, From and To",
                    !call_id ? "Call-ID" : !cseq ? "CSeq" : !from ? "From" : "To");
  msg->call_id = call_id->value;
  if (msg->call_id.len == 0)
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, call_id->name.p, "an empty Call-ID");
  if (content_type != NULL)
    msg->content_type = content_type->value;
  return decode_cseq (ps, cseq) &&
         decode_address (ps, from->value, &msg->from, "From") &&
         decode_address (ps, to->value, &msg->to, "To") &&
         decode_list (ps, SC_SIP_HEADER_VIA) &&
         decode_list (ps, SC_SIP_HEADER_CONTACT) &&
         decode_list (ps, SC_SIP_HEADER_RECORD_ROUTE) &&
         decode_list (ps, SC_SIP_HEADER_ROUTE) &&
         decode_max_forwards (ps) && decode_content_length (ps) && check_date (ps);
}

/* The empty line that ends the headers: CRLF CRLF, or LF LF from lax senders. The line ends
 * before it are recorded in @ps. */
static const char *
find_header_end (Parser      *ps,
                 const char  *p,
                 const char  *end,
                 const char **body)
{
  for (const char *nl = memchr (p, '\n', end - p); nl != NULL; nl = memchr (nl + 1, '\n', end - nl - 1))
    {
      const char *next = nl + 1;

      if (ps->n_lines < MAX_LINES)
        ps->lines[ps->n_lines++] = nl;
      else
        ps->more_lines = TRUE;
      if (next < end && *next == '\n')
        return *body = next + 1, nl + 1;
      if (next + 1 < end && next[0] == '\r' && next[1] == '\n')
        return *body = next + 2, nl + 1;
    }
  return NULL;
}

static gboolean
frame (Parser       *ps,
       ScSipFraming  framing,
       const char   *body,
       const char   *data_end)
{
  gsize available = data_end - body;
  ScSipMessage *msg = ps->msg;

  if (msg->content_length < 0 && framing == SC_SIP_FRAMING_STREAM)
    /* Nothing else says where the message ends on a stream (RFC 3261 §18.3: MUST). */
    return fail_at (ps, SC_SIP_ERROR_MALFORMED, NULL,
                    "no Content-Length: over TCP or TLS a message must carry one (RFC 3261 §18.3)");
  if (msg->content_length < 0)
    /* Without Content-Length a datagram's body is the rest (RFC 3261 §18.3). */
    msg->body = (ScSipSlice) { body, available };
  else if ((gsize) msg->content_length > available)
    {
      if (framing == SC_SIP_FRAMING_STREAM)
        return fail_at (ps, SC_SIP_ERROR_INCOMPLETE, NULL, "waiting for %" G_GSIZE_FORMAT " more bytes of body",
                        (gsize) msg->content_length - available);
      return fail_at (ps, SC_SIP_ERROR_MALFORMED, body, "Content-Length is %" G_GINT64_FORMAT " but the body has %"
                      G_GSIZE_FORMAT " bytes", msg->content_length, available);
    }
  else
    msg->body = (ScSipSlice) { body, (gsize) msg->content_length };
  /* Octets after the body of a datagram are ignored (RFC 4475 §3.1.1.8). */
  msg->size = (gsize) (msg->body.p + msg->body.len - ps->base);
  return TRUE;
}

/**
 * sc_sip_message_parse:
 * @bytes: a datagram, or what a stream has delivered so far (from the start of a message)
 *
 * Returns: (transfer full) (nullable): the message, whose slices point into @bytes; its size
 * says where the next one starts in a stream. %NULL with %SC_SIP_ERROR_INCOMPLETE when a stream
 * must deliver more, or another code with the line and column of the fault.
 */
ScSipMessage *
sc_sip_message_parse (GBytes        *bytes,
                      ScSipFraming   framing,
                      GError       **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len), *data_end, *start, *body = NULL;
  const char *header_end, *nl;
  g_autoptr(ScSipMessage) msg = NULL;
  Parser ps = { .error = error };

  /* Empty GBytes have no data pointer: pointer arithmetic on NULL is undefined. */
  if (data == NULL)
    data = "";
  data_end = data + len;
  start = data;
  /* Keep-alive CRLFs may precede a message on a stream (RFC 3261 §7.5). */
  while (framing == SC_SIP_FRAMING_STREAM && start < data_end && (*start == '\r' || *start == '\n'))
    start++;
  msg = sc_sip_message_alloc (bytes);
  ps.msg = msg;
  ps.base = start;
  header_end = find_header_end (&ps, start, data_end, &body);
  if (header_end == NULL)
    {
      if (len > SC_SIP_MAX_MESSAGE_SIZE)
        fail_at (&ps, SC_SIP_ERROR_TOO_LARGE, NULL, "over %d bytes without the end of the headers", SC_SIP_MAX_MESSAGE_SIZE);
      else if (framing == SC_SIP_FRAMING_STREAM)
        fail_at (&ps, SC_SIP_ERROR_INCOMPLETE, NULL, "the headers have not ended yet");
      else
        fail_at (&ps, SC_SIP_ERROR_MALFORMED, data_end, "the headers do not end with an empty line");
      return NULL;
    }
  ps.end = header_end;
  nl = next_line_end (&ps, start);
  if (start == data_end || nl == start || *start == '\r')
    return fail_at (&ps, SC_SIP_ERROR_MALFORMED, start, "an empty start line"), NULL;
  if (!(data_end - start >= 4 && sc_sip_slice_equal_case ((ScSipSlice) { start, 4 }, "SIP/")
          ? parse_status_line (&ps, line_text (start, nl))
          : parse_request_line (&ps, line_text (start, nl))) ||
      !parse_header_lines (&ps, nl + 1) || !decode_core (&ps) || !frame (&ps, framing, body, data_end))
    return NULL;
  return g_steal_pointer (&msg);
}

/* The @nth (from 0) header of kind @id in wire order, or NULL. */
const ScSipHeader *
sc_sip_message_find (const ScSipMessage *message,
                     ScSipHeaderId       id,
                     guint               nth)
{
  if (nth >= message->header_count[id])
    return NULL;
  for (guint i = message->header_first[id]; i < message->n_headers; i++)
    {
      const ScSipHeader *header = &message->headers[i];
      if (header->id == id && nth-- == 0)
        return header;
    }
  return NULL;
}
