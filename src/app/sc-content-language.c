#include "sc-content-language.h"

guint
sc_content_language_resolve (ScContentLanguage mode,
                             ScKbLang          langs[SC_KB_N_LANGS])
{
  ScKbLang ui = sc_kb_lang_from_locale ();

  switch (mode)
    {
    case SC_CONTENT_LANGUAGE_EN:
      langs[0] = SC_KB_LANG_EN;
      return 1;
    case SC_CONTENT_LANGUAGE_JA:
      langs[0] = SC_KB_LANG_JA;
      return 1;
    case SC_CONTENT_LANGUAGE_BOTH:
      langs[0] = ui;
      langs[1] = ui == SC_KB_LANG_EN ? SC_KB_LANG_JA : SC_KB_LANG_EN;
      return 2;
    case SC_CONTENT_LANGUAGE_AUTO:
    default:
      langs[0] = ui;
      return 1;
    }
}
