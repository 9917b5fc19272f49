/* libFuzzer target: the URI and address grammars (name-addr, Via) on any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sc-sip-header.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A heap copy the exact size of the input: ASan catches any read past its end. */
  char *copy = malloc (size ? size : 1);
  ScSipSlice text = { copy, size };
  ScSipUri uri;
  ScSipAddress address;
  ScSipVia via;
  ScSipSlice items[SC_SIP_MAX_LIST_ITEMS];
  guint n_items;
  const char *problem = NULL, *where = NULL;

  memcpy (copy, data, size);
  if (sc_sip_uri_parse (text, &uri, &problem))
    (void) sc_sip_uri_get_param (&uri, "transport", NULL);
  else if (problem == NULL)
    __builtin_trap ();
  (void) sc_sip_parse_address (text, &address, &problem, &where);
  (void) sc_sip_parse_via (text, &via, &problem, &where);
  (void) sc_sip_split_list (text, items, &n_items, &problem, &where);
  free (copy);
  return 0;
}
