#pragma once

#include "sc-kb-entry.h"

G_BEGIN_DECLS

/* What a message says besides its status code: a SIP Warning code (data/warnings/), a Q.850
 * cause as met in a Reason header (data/q850/), or a header a diagnosis turns on
 * (data/headers/). */
typedef enum {
  SC_KB_TOPIC_WARNING,
  SC_KB_TOPIC_CAUSE,
  SC_KB_TOPIC_HEADER,
  SC_KB_N_TOPIC_KINDS
} ScKbTopicKind;

typedef struct {
  char *name;       /* a cause's Q.850 name; a warning's or header's own name otherwise */
  char *meaning;
  char *check;
  char *klass;      /* causes: the Q.850 class */
  char *sender;     /* causes: who usually sends it */
  char *deviation;  /* causes, optional: what common stacks do instead */
} ScKbTopicText;

typedef struct {
  ScKbTopicKind  kind;
  char          *key;          /* "399", "34", "retry-after" */
  char          *compact;      /* headers, optional: the compact form */
  ScKbRfcRef     rfc;          /* number 0 for a cause (Q.850 is not an RFC) */
  guint          sip_response; /* causes: RFC 3398 §7.2.4.1's response, or 0 */
  GArray        *from_sip;     /* causes: responses RFC 3398 §8.2.6.1 maps to it; of guint */
  GArray        *codes;        /* headers: the responses it matters in; of guint */
  ScKbTopicText  texts[SC_KB_N_LANGS];
  GPtrArray     *citations;    /* of ScKbCitation, in file order */
} ScKbTopic;

ScKbTopic  *sc_kb_topic_new              (ScKbTopicKind  kind,
                                          const char    *key);
void        sc_kb_topic_free             (ScKbTopic     *topic);
const char *sc_kb_topic_kind_to_string   (ScKbTopicKind  kind);
gboolean    sc_kb_topic_kind_from_string (const char    *text,
                                          ScKbTopicKind *kind);
/* "warning:399", "q850:34", "header:retry-after": the topic's citations are stored under it. */
char       *sc_kb_topic_subject          (const ScKbTopic *topic);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScKbTopic, sc_kb_topic_free)

G_END_DECLS
