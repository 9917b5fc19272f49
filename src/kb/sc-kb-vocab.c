#include "sc-kb-vocab.h"

const char * const sc_kb_senders[] = {
  "uas", "proxy", "registrar", "redirect-server", "b2bua", "gateway",
  "verification-service", "notifier", "any", NULL
};

const char * const sc_kb_next_steps[] = {
  "wait", "complete", "follow-contact", "authenticate", "retry-later",
  "modify-request", "try-elsewhere", "give-up", NULL
};

const char * const sc_kb_statuses[] = {
  "current", "deprecated", "non-standard", NULL
};

static const char * const classes[] = { "1", "2", "3", "4", "5", "6", NULL };

/* Section headings and fact labels shared by every front end (CLI text, Markdown, the app). */
const char * const sc_kb_labels[] = {
  "class", "finality", "final", "provisional", "status", "rfc", "obsoleted-rfc", "senders",
  "next-step", "headers", "methods", "related", "summary", "description",
  "causes", "fixes", "notes", "origin", "standard-alternative", "other-reasons",
  "ack", "retry", "differences", "when", "none", "any-method", "comparison", "actor", "dialog",
  "sources", "reason-sip", "reason-q850", "reason-stir", "warning-code", "maps-to", "mapping-differs",
  "phrase-differs", "not-known", "what-to-do", "message-at", "at-line", "identity-fails", "identity-answer",
  "identity-unchecked", "identity-stale", "identity-signed", "identity-not-signed",
  NULL
};

/* What happens to an INVITE transaction after a response of each class (RFC 3261 §13.2.2, §17.1.1.3). */
static const char * const ack_keys[] = { "provisional", "end-to-end", "hop-by-hop", NULL };

/* What a response does to the transaction, usage and dialog it answers (RFC 5057 §5.1). */
const char * const sc_kb_dialog_effects[] = {
  "provisional", "success", "redirect", "transaction", "usage", "dialog", NULL
};

const ScKbTermKind sc_kb_term_kinds[] = {
  { "Sender", sc_kb_senders },
  { "NextStep", sc_kb_next_steps },
  { "Retry", sc_kb_next_steps },
  { "Status", sc_kb_statuses },
  { "Class", classes },
  { "Ack", ack_keys },
  { "Actor", sc_kb_next_steps },
  { "Dialog", sc_kb_dialog_effects },
  { "Label", sc_kb_labels },
  { NULL, NULL }
};

gboolean
sc_kb_vocab_contains (const char * const *vocab,
                      const char         *word)
{
  return g_strv_contains (vocab, word);
}

gboolean
sc_kb_vocab_index (const char * const *names,
                   guint               n,
                   const char         *word,
                   guint              *index)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (word, names[i]) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}
