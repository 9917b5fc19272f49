#define G_LOG_DOMAIN "sc-stir"

#include "sc-stir-identity.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-stir-error.h"
#include "sc-stir-passport.h"
#include "sc-sip-printable.h"

void
sc_stir_identity_free (ScStirIdentity *self)
{
  if (self == NULL)
    return;
  g_free (self->passport);
  g_free (self->info);
  g_free (self->alg);
  g_free (self->ppt);
  g_free (self);
}

static char *
param_value (const char *param,
             const char *name)
{
  gsize n = strlen (name);
  const char *value;

  while (*param == ' ' || *param == '\t')
    param++;
  if (g_ascii_strncasecmp (param, name, n) != 0)
    return NULL;
  value = param + n;
  while (*value == ' ')
    value++;
  if (*value != '=')
    return NULL;
  value++;
  while (*value == ' ')
    value++;
  return g_strstrip (g_strdup (value));
}

/* RFC 8224 §4 writes ppt as a token, yet its §4.1 and RFC 8946 §4.1 send it quoted
 * (ppt="div"): both mean the same type. */
static char *
unquote (char *value)
{
  gsize len = strlen (value);

  if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
    {
      memmove (value, value + 1, len - 2);
      value[len - 2] = '\0';
    }
  return value;
}

ScStirIdentity *
sc_stir_identity_parse (const char  *value,
                        GError     **error)
{
  g_autoptr(ScStirIdentity) self = g_new0 (ScStirIdentity, 1);
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  char *start;

  g_return_val_if_fail (value != NULL, NULL);
  if (strlen (value) > SC_STIR_MAX_PASSPORT + 1024)
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                           _("the Identity header is far longer than a PASSporT"));
      return NULL;
    }
  text = g_strstrip (g_strdup (value));
  start = text;
  if (g_ascii_strncasecmp (start, "Identity:", 9) == 0)
    start += 9;
  else if (g_ascii_strncasecmp (start, "y:", 2) == 0)
    start += 2;
  parts = g_strsplit (g_strstrip (start), ";", 16);
  if (parts[0] == NULL || *g_strstrip (parts[0]) == '\0')
    {
      g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED, _("the Identity header holds no PASSporT"));
      return NULL;
    }
  self->passport = g_strdup (parts[0]);
  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *v;
      if ((v = param_value (parts[i], "info")) != NULL)
        {
          gsize len = strlen (v);
          if (len < 2 || v[0] != '<' || v[len - 1] != '>')
            {
              g_free (v);
              g_set_error_literal (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                                   _("the info parameter must be a URL in angle brackets: info=<https://…>"));
              return NULL;
            }
          g_free (self->info);
          self->info = g_strndup (v + 1, len - 2);
          g_free (v);
        }
      else if ((v = param_value (parts[i], "alg")) != NULL)
        {
          g_free (self->alg);
          self->alg = v;
        }
      else if ((v = param_value (parts[i], "ppt")) != NULL)
        {
          g_free (self->ppt);
          self->ppt = unquote (v);
        }
    }
  return g_steal_pointer (&self);
}

char *
sc_stir_identity_format (const char *passport,
                         const char *info,
                         const char *ppt)
{
  return g_strdup_printf ("%s;info=<%s>;alg=ES256;ppt=%s", passport, info, ppt);
}

char *
sc_stir_tn_normalize (const char  *text,
                      GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text, *end;

  if (g_ascii_strncasecmp (p, "tel:", 4) == 0)
    p += 4;
  else if (g_ascii_strncasecmp (p, "sip:", 4) == 0 || g_ascii_strncasecmp (p, "sips:", 5) == 0)
    p = strchr (p, ':') + 1;
  /* The user part of a SIP URI, or a tel URI's number, ends at ';' or '@'; a History-Info
   * entry may add "?Reason=…" (RFC 7044 §4.1). */
  end = p + strcspn (p, ";@>?");
  for (; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != '+' && *p != '-' && *p != '.' && *p != '(' && *p != ')' && *p != ' ')
        {
          g_autofree char *shown = sc_sip_printable (text, MIN (strlen (text), 64));
          g_set_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED, _("“%s” is not a telephone number"), shown);
          return NULL;
        }
    }
  if (digits->len < 3 || digits->len > 15)
    {
      g_autofree char *shown = sc_sip_printable (text, MIN (strlen (text), 64));
      g_set_error (error, SC_STIR_ERROR, SC_STIR_ERROR_MALFORMED,
                   _("“%s” is not a telephone number (E.164 has 3 to 15 digits)"), shown);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&digits), FALSE);
}
