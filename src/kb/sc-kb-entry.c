#define G_LOG_DOMAIN "sc-kb-entry"

#include "sc-kb-entry.h"

#include "sc-kb-vocab.h"

#include <string.h>

struct _ScKbEntry
{
  GObject    parent_instance;
  ScKbFacts *facts;
  ScKbText  *texts[SC_KB_N_LANGS];
};

G_DEFINE_FINAL_TYPE (ScKbEntry, sc_kb_entry, G_TYPE_OBJECT)

static const char * const lang_names[SC_KB_N_LANGS] = { "en", "ja" };

const char *
sc_kb_lang_to_string (ScKbLang lang)
{
  g_return_val_if_fail (lang < SC_KB_N_LANGS, NULL);
  return lang_names[lang];
}

gboolean
sc_kb_lang_from_string (const char *str,
                        ScKbLang   *out_lang)
{
  guint index;

  if (!sc_kb_vocab_index (lang_names, SC_KB_N_LANGS, str, &index))
    return FALSE;
  *out_lang = index;
  return TRUE;
}

/* The first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that names a language we have wins;
 * GLib reads them in that order (LANGUAGE even under the C locale, unlike gettext). */
ScKbLang
sc_kb_lang_from_locale (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "ja"))
        return SC_KB_LANG_JA;
      if (g_str_has_prefix (names[i], "en"))
        return SC_KB_LANG_EN;
    }
  return SC_KB_LANG_EN;
}

ScKbText *
sc_kb_text_new (void)
{
  return g_new0 (ScKbText, 1);
}

void
sc_kb_text_free (ScKbText *text)
{
  if (text == NULL)
    return;
  g_free (text->name);
  g_free (text->summary);
  g_free (text->description);
  g_free (text->next_step_detail);
  g_free (text->origin);
  g_strfreev (text->causes);
  g_strfreev (text->fixes);
  g_strfreev (text->notes);
  g_free (text);
}

static void
rfc_ref_clear (gpointer data)
{
  ScKbRfcRef *ref = data;
  g_clear_pointer (&ref->section, g_free);
}

ScKbFacts *
sc_kb_facts_new (void)
{
  ScKbFacts *facts = g_new0 (ScKbFacts, 1);

  facts->rfcs = g_array_new (FALSE, TRUE, sizeof (ScKbRfcRef));
  g_array_set_clear_func (facts->rfcs, rfc_ref_clear);
  facts->obsoleted_rfcs = g_array_new (FALSE, TRUE, sizeof (guint));
  facts->standard_alternatives = g_array_new (FALSE, TRUE, sizeof (guint));
  facts->related = g_array_new (FALSE, TRUE, sizeof (guint));
  facts->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_kb_citation_free);
  return facts;
}

void
sc_kb_facts_free (ScKbFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->reason);
  g_strfreev (facts->other_reasons);
  g_free (facts->status);
  g_array_unref (facts->rfcs);
  g_array_unref (facts->obsoleted_rfcs);
  g_array_unref (facts->standard_alternatives);
  g_strfreev (facts->senders);
  g_free (facts->next_step);
  g_strfreev (facts->headers);
  g_strfreev (facts->methods);
  g_array_unref (facts->related);
  g_ptr_array_unref (facts->citations);
  g_free (facts);
}

static void
sc_kb_entry_finalize (GObject *object)
{
  ScKbEntry *self = SC_KB_ENTRY (object);

  g_clear_pointer (&self->facts, sc_kb_facts_free);
  for (guint i = 0; i < SC_KB_N_LANGS; i++)
    g_clear_pointer (&self->texts[i], sc_kb_text_free);
  G_OBJECT_CLASS (sc_kb_entry_parent_class)->finalize (object);
}

static void
sc_kb_entry_class_init (ScKbEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sc_kb_entry_finalize;
}

static void
sc_kb_entry_init (ScKbEntry *self)
{
}

/**
 * sc_kb_entry_new:
 * @facts: (transfer full): the language-independent facts
 * @texts: (transfer full): one text per language, none NULL
 */
ScKbEntry *
sc_kb_entry_new (ScKbFacts *facts,
                 ScKbText  *texts[SC_KB_N_LANGS])
{
  ScKbEntry *self;

  g_return_val_if_fail (facts != NULL, NULL);

  self = g_object_new (SC_KB_TYPE_ENTRY, NULL);
  self->facts = facts;
  for (guint i = 0; i < SC_KB_N_LANGS; i++)
    {
      g_return_val_if_fail (texts[i] != NULL, self);
      self->texts[i] = texts[i];
    }
  return self;
}

guint
sc_kb_entry_get_code (ScKbEntry *self)
{
  g_return_val_if_fail (SC_KB_IS_ENTRY (self), 0);
  return self->facts->code;
}

guint
sc_kb_entry_get_class (ScKbEntry *self)
{
  g_return_val_if_fail (SC_KB_IS_ENTRY (self), 0);
  return self->facts->code / 100;
}

/* RFC 3261 §7.2: every response but 1xx is final. */
gboolean
sc_kb_entry_is_final (ScKbEntry *self)
{
  g_return_val_if_fail (SC_KB_IS_ENTRY (self), FALSE);
  return self->facts->code >= 200;
}

const char *
sc_kb_entry_get_reason (ScKbEntry *self)
{
  g_return_val_if_fail (SC_KB_IS_ENTRY (self), NULL);
  return self->facts->reason;
}

const ScKbFacts *
sc_kb_entry_get_facts (ScKbEntry *self)
{
  g_return_val_if_fail (SC_KB_IS_ENTRY (self), NULL);
  return self->facts;
}

const ScKbText *
sc_kb_entry_get_text (ScKbEntry *self,
                      ScKbLang   lang)
{
  g_return_val_if_fail (SC_KB_IS_ENTRY (self), NULL);
  g_return_val_if_fail (lang < SC_KB_N_LANGS, NULL);
  return self->texts[lang];
}
