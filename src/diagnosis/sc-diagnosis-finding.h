#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one part of a message means: its status, a Reason cause, a Warning, a header, an
 * Identity that does not verify. */
typedef enum {
  SC_DIAGNOSIS_FINDING_STATUS,
  SC_DIAGNOSIS_FINDING_REASON,
  SC_DIAGNOSIS_FINDING_WARNING,
  SC_DIAGNOSIS_FINDING_HEADER,
  SC_DIAGNOSIS_FINDING_IDENTITY,    /* a check of an Identity header that fails */
  SC_DIAGNOSIS_FINDING_MALFORMED,   /* the parser's error */
} ScDiagnosisFindingKind;

typedef enum {
  SC_DIAGNOSIS_INFO,      /* context: a header that explains, a success */
  SC_DIAGNOSIS_NOTICE,    /* worth knowing: a redirect, a mapping that differs */
  SC_DIAGNOSIS_FAILURE,   /* why the request failed */
} ScDiagnosisSeverity;

typedef struct {
  ScDiagnosisFindingKind kind;
  ScDiagnosisSeverity    severity;
  guint                  line;     /* 1-based, within the message; 0 for the whole message */
  char                  *title;    /* "503 Service Unavailable", "Reason: Q.850 cause 34: …" */
  char                  *meaning;  /* what it says */
  char                  *check;    /* what to do; may be NULL */
  char                  *detail;   /* what this message's values add ("Retry after 120 s"); may be NULL */
  char                  *link;     /* what to open: "code:503", "q850:34", "warning:399", "header:retry-after" */
  guint                  rfc;      /* the RFC the finding rests on, or 0… */
  char                  *section;  /* …and its section ("20.43") */
  gsize                  offset;   /* the part of the message it is about: bytes into the message */
  gsize                  length;
} ScDiagnosisFinding;

ScDiagnosisFinding *sc_diagnosis_finding_new            (ScDiagnosisFindingKind  kind,
                                                         ScDiagnosisSeverity     severity,
                                                         guint                   line);
void                sc_diagnosis_finding_free           (ScDiagnosisFinding     *finding);
const char         *sc_diagnosis_finding_kind_to_string (ScDiagnosisFindingKind  kind);
const char         *sc_diagnosis_severity_to_string     (ScDiagnosisSeverity     severity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScDiagnosisFinding, sc_diagnosis_finding_free)

G_END_DECLS
