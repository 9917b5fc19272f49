#include "sc-kb-topic.h"

#include "sc-kb-citation.h"
#include "sc-kb-vocab.h"

static const char * const kind_names[SC_KB_N_TOPIC_KINDS] = { "warning", "q850", "header" };

ScKbTopic *
sc_kb_topic_new (ScKbTopicKind  kind,
                 const char    *key)
{
  ScKbTopic *topic = g_new0 (ScKbTopic, 1);

  g_return_val_if_fail (kind < SC_KB_N_TOPIC_KINDS, NULL);
  topic->kind = kind;
  topic->key = g_strdup (key);
  topic->from_sip = g_array_new (FALSE, FALSE, sizeof (guint));
  topic->codes = g_array_new (FALSE, FALSE, sizeof (guint));
  topic->citations = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_kb_citation_free);
  return topic;
}

void
sc_kb_topic_free (ScKbTopic *topic)
{
  if (topic == NULL)
    return;
  for (guint lang = 0; lang < SC_KB_N_LANGS; lang++)
    {
      ScKbTopicText *text = &topic->texts[lang];
      g_free (text->name);
      g_free (text->meaning);
      g_free (text->check);
      g_free (text->klass);
      g_free (text->sender);
      g_free (text->deviation);
    }
  g_free (topic->key);
  g_free (topic->compact);
  g_free (topic->rfc.section);
  g_array_unref (topic->from_sip);
  g_array_unref (topic->codes);
  g_ptr_array_unref (topic->citations);
  g_free (topic);
}

const char *
sc_kb_topic_kind_to_string (ScKbTopicKind kind)
{
  g_return_val_if_fail (kind < SC_KB_N_TOPIC_KINDS, NULL);
  return kind_names[kind];
}

gboolean
sc_kb_topic_kind_from_string (const char    *text,
                              ScKbTopicKind *kind)
{
  guint index;

  if (!sc_kb_vocab_index (kind_names, SC_KB_N_TOPIC_KINDS, text, &index))
    return FALSE;
  *kind = index;
  return TRUE;
}

char *
sc_kb_topic_subject (const ScKbTopic *topic)
{
  return g_strdup_printf ("%s:%s", kind_names[topic->kind], topic->key);
}
