#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the ladder diagram says of one message, read from its first line alone. */
typedef struct {
  guint  code;     /* 100–699 for a response, else 0 */
  char  *method;   /* a request's method, else NULL */
  char  *target;   /* a request's Request-URI user (or host); a response's reason phrase;
                    * for anything else the printable line itself */
  char  *line;     /* the printable first line, at most SC_LADDER_LINE_MAX bytes of it */
} ScLadderLine;

#define SC_LADDER_LINE_MAX 200

ScLadderLine *sc_ladder_line_parse (GBytes       *bytes);
void          sc_ladder_line_free  (ScLadderLine *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScLadderLine, sc_ladder_line_free)

G_END_DECLS
