#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the SIP messages are in a pasted text: one message, several one after another (with or
 * without blank lines between), or a log or export with other lines around them. */
typedef struct {
  gsize   start;        /* byte offsets into the text */
  gsize   end;
  guint   first_line;   /* 1-based line of the text the message starts on */
  GBytes *rebuilt;      /* the message as rebuilt from an export, or NULL: then start..end */
} ScDiagnosisSpan;

#define SC_DIAGNOSIS_MAX_TEXT     (4 * 1024 * 1024)
#define SC_DIAGNOSIS_MAX_MESSAGES 2000

gboolean sc_diagnosis_text_starts_message (const char *line,
                                           gsize       len);

/* Returns: (element-type ScDiagnosisSpan): the messages' spans, in order; empty when no line
 * starts a SIP message. */
GArray *sc_diagnosis_text_split (const char *text,
                                 gsize       len);

G_END_DECLS
