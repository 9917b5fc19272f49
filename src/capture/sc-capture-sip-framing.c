#define G_LOG_DOMAIN "sc-capture-sip-framing"

#include <string.h>

#include "sc-capture-sip-framing.h"
#include "sc-sip-message.h"

/* A start line longer than this is not worth waiting for: real ones are far shorter. */
#define MAX_START_LINE 8192
#define MAX_METHOD     32

gsize
sc_capture_sip_skip_crlf (const guint8 *data,
                          gsize         len)
{
  gsize i = 0;

  while (i < len && (data[i] == '\r' || data[i] == '\n'))
    i++;
  return i;
}

/* g_ascii_strncasecmp (@data, @literal, @n) == 0 where @literal has @n bytes, none of them
 * NUL, inline: a byte of @data that is NUL differs, as there. */
static inline gboolean
starts_case (const guint8 *data, const char *literal, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      guint8 a = data[i], b = (guint8) literal[i];

      if ((a >= 'A' && a <= 'Z' ? a + 32 : a) != (b >= 'A' && b <= 'Z' ? b + 32 : b))
        return FALSE;
    }
  return TRUE;
}

/* RFC 3261 §25.1 token characters. */
static gboolean
is_token (guint8 c)
{
  return g_ascii_isalnum (c) || (c != 0 && strchr ("-.!%*_+`'~", c) != NULL);
}

/* "SIP/" DIGIT "." DIGIT at @p, so that another version still reaches the parser's error. */
static gboolean
is_version (const guint8 *p)
{
  return starts_case (p, "SIP/", 4) && g_ascii_isdigit (p[4]) && p[5] == '.' &&
         g_ascii_isdigit (p[6]);
}

/* Status-Line: SIP-Version SP 3DIGIT SP ... (RFC 3261 §7.2) */
static ScCaptureSipVerdict
status_line (const guint8 *data, gsize len)
{
  static const guint8 pattern[] = "SIP/9.9 999";

  for (gsize i = 0; i < sizeof pattern - 1; i++)
    {
      if (i >= len)
        return SC_CAPTURE_SIP_MAYBE;
      if (pattern[i] == '9' ? !g_ascii_isdigit (data[i])
                            : g_ascii_toupper (data[i]) != pattern[i])
        return SC_CAPTURE_SIP_NO;
    }
  return SC_CAPTURE_SIP_YES;
}

/* Request-Line: Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §7.1) */
static ScCaptureSipVerdict
request_line (const guint8 *data, gsize len)
{
  gsize method = 0;
  const guint8 *nl, *end;

  while (method < len && method <= MAX_METHOD && is_token (data[method]))
    method++;
  if (method < len && (method == 0 || method > MAX_METHOD || data[method] != ' '))
    return SC_CAPTURE_SIP_NO;
  nl = memchr (data, '\n', MIN (len, MAX_START_LINE));
  if (nl == NULL)
    return len < MAX_START_LINE ? SC_CAPTURE_SIP_MAYBE : SC_CAPTURE_SIP_NO;
  end = nl > data && nl[-1] == '\r' ? nl - 1 : nl;
  if (end - data < (gssize) method + 10 || end[-8] != ' ')
    return SC_CAPTURE_SIP_NO;
  return is_version (end - 7) ? SC_CAPTURE_SIP_YES : SC_CAPTURE_SIP_NO;
}

/* Whether @data begins with a SIP start line (after any keep-alive CRLFs were skipped). */
ScCaptureSipVerdict
sc_capture_sip_starts (const guint8 *data,
                       gsize         len)
{
  if (len == 0)
    return SC_CAPTURE_SIP_MAYBE;
  if (len >= 4 && starts_case (data, "SIP/", 4))
    return status_line (data, len);
  if (len < 4 && starts_case (data, "SIP/", len))
    return SC_CAPTURE_SIP_MAYBE;
  return request_line (data, len);
}

/* Methods of the RFCs, which a resynchronising reader may find right after a body that did
 * not end its last line (RFC 3261 §27.4 and the extensions registered since). */
static gboolean
is_known_method (const guint8 *data, gsize len)
{
  static const char *const methods[] = { "ACK ", "BYE ", "CANCEL ", "INFO ", "INVITE ", "MESSAGE ", "NOTIFY ",
                                         "OPTIONS ", "PRACK ", "PUBLISH ", "REFER ", "REGISTER ", "SUBSCRIBE ",
                                         "UPDATE " };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (len >= strlen (methods[i]) && memcmp (data, methods[i], strlen (methods[i])) == 0)
      return TRUE;
  return len >= 8 && memcmp (data, "SIP/2.0 ", 8) == 0;
}

/* Methods are tokens, but in practice upper case: "vvvvINVITE" is a body's end and a method. */
static gboolean
is_upper_method (const guint8 *data, gsize len)
{
  gsize i = 0;

  while (i < len && (g_ascii_isupper (data[i]) || data[i] == '-'))
    i++;
  return i > 0 && i < len && (data[i] == ' ' || data[i] == '/');
}

/* Where a SIP message starts, to pick a stream up again after a gap or in the middle of a
 * connection: at a line start, or anywhere with a method of the RFCs (after a body without a
 * final CRLF); -1 when none does. */
gssize
sc_capture_sip_find_start (const guint8 *data,
                           gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      const guint8 *p = data + i;
      gsize left = len - i;
      gboolean line_start = i == 0 || p[-1] == '\n';

      if (((line_start && is_upper_method (p, left)) || is_known_method (p, left)) &&
          sc_capture_sip_starts (p, left) == SC_CAPTURE_SIP_YES)
        return (gssize) i;
    }
  return -1;
}

/* The offset just past the empty line that ends the headers, or 0 when it has not come. */
static gsize
header_end (const guint8 *data, gsize len)
{
  const guint8 *nl = len > 1 ? memchr (data + 1, '\n', len - 1) : NULL;

  for (; nl != NULL; nl = memchr (nl + 1, '\n', data + len - nl - 1))
    {
      gsize i = (gsize) (nl - data);

      if (data[i - 1] == '\n' || (i >= 2 && data[i - 1] == '\r' && data[i - 2] == '\n'))
        return i + 1;
    }
  return 0;
}

/* Content-Length, or its compact form "l" (RFC 3261 §20.14); -1 when absent or unreadable. */
static gint64
line_content_length (const guint8 *line, const guint8 *end)
{
  const guint8 *p = line;
  gsize name_len;
  guint64 value = 0;

  while (p < end && is_token (*p))
    p++;
  name_len = p - line;
  if (!(name_len == 1 && g_ascii_tolower (line[0]) == 'l') &&
      !(name_len == 14 && starts_case (line, "Content-Length", 14)))
    return -1;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p == end || *p++ != ':')
    return -1;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p == end || !g_ascii_isdigit (*p))
    return -1;
  for (; p < end && g_ascii_isdigit (*p); p++)
    if ((value = value * 10 + (*p - '0')) > SC_SIP_MAX_MESSAGE_SIZE)
      return G_MAXINT64;
  return (gint64) value;
}

static gint64
content_length (const guint8 *data, gsize headers_len)
{
  const guint8 *end = data + headers_len, *line = memchr (data, '\n', headers_len);

  /* After the start line: a method could be called "l". */
  while (line != NULL && ++line < end)
    {
      const guint8 *nl = memchr (line, '\n', end - line);
      gint64 value;

      if (nl == NULL)
        break;
      if ((value = line_content_length (line, nl)) >= 0)
        return value;
      line = nl;
    }
  return -1;
}

/* Cuts one message from the front of a stream (RFC 3261 §18.3). */
ScCaptureFrame
sc_capture_sip_frame (const guint8 *data,
                      gsize         len,
                      gsize        *size)
{
  gsize headers_len = header_end (data, MIN (len, (gsize) SC_SIP_MAX_MESSAGE_SIZE));
  gint64 body_len;

  if (headers_len == 0)
    return len >= SC_SIP_MAX_MESSAGE_SIZE ? SC_CAPTURE_FRAME_TOO_LARGE : SC_CAPTURE_FRAME_INCOMPLETE;
  body_len = content_length (data, headers_len);
  if (body_len < 0)
    {
      *size = headers_len;
      return SC_CAPTURE_FRAME_NO_LENGTH;
    }
  if ((guint64) body_len + headers_len > SC_SIP_MAX_MESSAGE_SIZE)
    return SC_CAPTURE_FRAME_TOO_LARGE;
  if (headers_len + (gsize) body_len > len)
    return SC_CAPTURE_FRAME_INCOMPLETE;
  *size = headers_len + (gsize) body_len;
  return SC_CAPTURE_FRAME_COMPLETE;
}

/* A TLS record header: content type 20-23, version 3.x (RFC 8446 §5.1). */
gboolean
sc_capture_is_tls_record (const guint8 *data,
                          gsize         len)
{
  return len >= 3 && data[0] >= 20 && data[0] <= 23 && data[1] == 3 && data[2] <= 4;
}
