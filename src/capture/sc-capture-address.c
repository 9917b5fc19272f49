#define G_LOG_DOMAIN "sc-capture-address"

#include "sc-capture-address.h"

#include <string.h>

static char *
put_decimal (char *p, guint value)
{
  char digits[10];
  guint n = 0;

  do
    digits[n++] = (char) ('0' + value % 10);
  while ((value /= 10) > 0);
  while (n > 0)
    *p++ = digits[--n];
  return p;
}

/* "%x": lower case, no leading zeros. */
static char *
put_hex (char *p, guint value)
{
  static const char hex[] = "0123456789abcdef";
  gboolean started = FALSE;

  for (int shift = 12; shift >= 0; shift -= 4)
    {
      guint nibble = (value >> shift) & 0xf;

      if (nibble != 0 || started || shift == 0)
        {
          *p++ = hex[nibble];
          started = TRUE;
        }
    }
  return p;
}

/* "%u" of a byte, three digits at most: small enough to write without a loop. */
static char *
put_byte (char *p, guint8 value)
{
  if (value >= 100)
    *p++ = (char) ('0' + value / 100);
  if (value >= 10)
    *p++ = (char) ('0' + value / 10 % 10);
  *p++ = (char) ('0' + value % 10);
  return p;
}

static char *
put_ipv4 (char *p, const guint8 *a)
{
  p = put_byte (p, a[0]);
  for (guint i = 1; i < 4; i++)
    {
      *p++ = '.';
      p = put_byte (p, a[i]);
    }
  return p;
}

/* glibc's inet_ntop6 (from BIND): the longest run of two or more zero words becomes "::" (the
 * first of equal runs), and ::a.b.c.d and ::ffff:a.b.c.d end in dotted IPv4. */
static char *
put_ipv6 (char *p, const guint8 *a)
{
  guint words[8];
  int best_base = -1, best_len = 0, cur_base = -1, cur_len = 0;

  for (guint i = 0; i < 8; i++)
    words[i] = (guint) a[2 * i] << 8 | a[2 * i + 1];
  for (int i = 0; i < 8; i++)
    {
      if (words[i] == 0)
        {
          if (cur_base == -1)
            cur_base = i, cur_len = 1;
          else
            cur_len++;
        }
      else if (cur_base != -1)
        {
          if (best_base == -1 || cur_len > best_len)
            best_base = cur_base, best_len = cur_len;
          cur_base = -1;
        }
    }
  if (cur_base != -1 && (best_base == -1 || cur_len > best_len))
    best_base = cur_base, best_len = cur_len;
  if (best_base != -1 && best_len < 2)
    best_base = -1;
  for (int i = 0; i < 8; i++)
    {
      if (best_base != -1 && i >= best_base && i < best_base + best_len)
        {
          if (i == best_base)
            *p++ = ':';
          continue;
        }
      if (i != 0)
        *p++ = ':';
      if (i == 6 && best_base == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff)))
        return put_ipv4 (p, a + 12);
      p = put_hex (p, words[i]);
    }
  if (best_base != -1 && best_base + best_len == 8)
    *p++ = ':';
  return p;
}

/**
 * sc_capture_address_format:
 * @address: 4 bytes for IPv4, 16 for IPv6, in network order
 * @out: room for %SC_CAPTURE_ADDRESS_LEN bytes
 *
 * Returns: the length of the text written into @out, terminated.
 */
gsize
sc_capture_address_format (GSocketFamily  family,
                           const guint8  *address,
                           char          *out)
{
  char *end = family == G_SOCKET_FAMILY_IPV6 ? put_ipv6 (out, address) : put_ipv4 (out, address);

  *end = '\0';
  return (gsize) (end - out);
}

/**
 * sc_capture_endpoint_format:
 * @address: an address as sc_capture_address_format() writes it
 * @out: room for %SC_CAPTURE_ENDPOINT_LEN bytes
 *
 * "192.0.2.1:5060", or "[2001:db8::1]:5060" so that the port is not taken for part of the
 * address (RFC 3986 §3.2.2).
 *
 * Returns: the length of the text written into @out, terminated.
 */
gsize
sc_capture_endpoint_format (GSocketFamily  family,
                            const char    *address,
                            guint16        port,
                            char          *out)
{
  gsize len = strnlen (address, SC_CAPTURE_ADDRESS_LEN - 1);
  char *p = out;

  if (family == G_SOCKET_FAMILY_IPV6)
    *p++ = '[';
  memcpy (p, address, len);
  p += len;
  if (family == G_SOCKET_FAMILY_IPV6)
    *p++ = ']';
  *p++ = ':';
  p = put_decimal (p, port);
  *p = '\0';
  return (gsize) (p - out);
}
