#include "sc-kb-dialog-effect.h"

/* RFC 5057 §5.1, Table 2: the failures that end more than their transaction. A code the table
 * does not list is treated as the table says for an unknown code of its class: transaction. */
static const guint destroys_usage[] = { 405, 480, 481, 489, 501 };
static const guint destroys_dialog[] = { 404, 410, 416, 482, 483, 484, 485, 502, 604 };

static gboolean
listed (const guint *codes,
        gsize        n,
        guint        code)
{
  for (gsize i = 0; i < n; i++)
    if (codes[i] == code)
      return TRUE;
  return FALSE;
}

const char *
sc_kb_dialog_effect (guint code)
{
  switch (code / 100)
    {
    case 1:
      return "provisional";
    case 2:
      return "success";
    case 3:
      /* "whatever effect it has impacts the entire dialog and all of its usages equally" */
      return "redirect";
    default:
      break;
    }
  if (listed (destroys_dialog, G_N_ELEMENTS (destroys_dialog), code))
    return "dialog";
  if (listed (destroys_usage, G_N_ELEMENTS (destroys_usage), code))
    return "usage";
  return "transaction";
}
