/* Addresses as text (src/capture/sc-capture-address.c) against inet_ntop() and printf: the
 * same text, byte for byte, for every shape of address. */
#include <arpa/inet.h>
#include <string.h>

#include "sc-capture-address.h"

/* Words from a small set, so that runs of zeros of every length and place, and the IPv4
 * forms (::a.b.c.d, ::ffff:a.b.c.d), all come up. */
static void
random_address (GRand *rand, guint8 *a, gboolean ipv6)
{
  static const guint words[] = { 0, 0, 0, 0xffff, 1, 0x10, 0xdb8, 0x2001, 0xabcd };

  if (!ipv6)
    {
      for (guint i = 0; i < 4; i++)
        a[i] = (guint8) (g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 256) : g_rand_int_range (rand, 0, 11));
      return;
    }
  for (guint i = 0; i < 8; i++)
    {
      guint w = g_rand_boolean (rand) ? words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]
                                      : (guint) g_rand_int_range (rand, 0, 0x10000);

      a[2 * i] = (guint8) (w >> 8);
      a[2 * i + 1] = (guint8) w;
    }
}

static void
check (GSocketFamily family, const guint8 *a, guint16 port)
{
  char expected[INET6_ADDRSTRLEN], text[SC_CAPTURE_ADDRESS_LEN], endpoint[SC_CAPTURE_ENDPOINT_LEN];
  g_autofree char *expected_endpoint = NULL;
  gsize len;

  g_assert_nonnull (inet_ntop (family == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET, a, expected, sizeof expected));
  len = sc_capture_address_format (family, a, text);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (len, ==, strlen (expected));
  expected_endpoint = family == G_SOCKET_FAMILY_IPV6 ? g_strdup_printf ("[%s]:%u", expected, port)
                                                     : g_strdup_printf ("%s:%u", expected, port);
  len = sc_capture_endpoint_format (family, text, port, endpoint);
  g_assert_cmpstr (endpoint, ==, expected_endpoint);
  g_assert_cmpuint (len, ==, strlen (expected_endpoint));
}

static void
test_like_inet_ntop (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  static const guint16 ports[] = { 0, 9, 10, 5060, 65535 };
  guint8 a[16];

  memset (a, 0, sizeof a);
  check (G_SOCKET_FAMILY_IPV4, a, 0);
  check (G_SOCKET_FAMILY_IPV6, a, 0);
  memset (a, 0xff, sizeof a);
  check (G_SOCKET_FAMILY_IPV4, a, 65535);
  check (G_SOCKET_FAMILY_IPV6, a, 65535);
  for (guint i = 0; i < 200000; i++)
    {
      gboolean ipv6 = i % 2 == 0;

      random_address (rand, a, ipv6);
      check (ipv6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4, a, ports[i % G_N_ELEMENTS (ports)]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sc/capture/address/like-inet-ntop", test_like_inet_ntop);
  return g_test_run ();
}
