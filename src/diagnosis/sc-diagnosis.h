#pragma once

#include "sc-diagnosis-finding.h"
#include "sc-kb-database.h"
#include "sc-sip-message.h"

G_BEGIN_DECLS

/* One message found in the text, and what it means. */
typedef struct {
  guint         first_line;   /* in the whole text, 1-based */
  guint         n_lines;
  GBytes       *bytes;        /* the message's own text */
  ScSipMessage *message;      /* NULL when it does not parse… */
  char         *error;        /* …and then why, printable */
  char         *call_id;      /* printable; NULL when it does not parse or has none */
  char         *start_line;   /* its first line, printable: "SIP/2.0 503 Service Unavailable" */
  GPtrArray    *findings;     /* of ScDiagnosisFinding, by line */
} ScDiagnosisMessage;

#define SC_DIAGNOSIS_ERROR (sc_diagnosis_error_quark ())
typedef enum {
  SC_DIAGNOSIS_ERROR_TOO_LARGE,
  SC_DIAGNOSIS_ERROR_NO_MESSAGE,
} ScDiagnosisError;
GQuark sc_diagnosis_error_quark (void);

#define SC_TYPE_DIAGNOSIS (sc_diagnosis_get_type ())
G_DECLARE_FINAL_TYPE (ScDiagnosis, sc_diagnosis, SC, DIAGNOSIS, GObject)

/* The explanation of a pasted text, a file or a probe's exchange: the one model the explain
 * view, the CLI, the probe's timeline and the capture view render. */
ScDiagnosis              *sc_diagnosis_new              (ScKbDatabase  *db,
                                                         GBytes        *text,
                                                         ScKbLang       lang,
                                                         GError       **error);
ScDiagnosis              *sc_diagnosis_new_verifying    (ScKbDatabase  *db,
                                                         GBytes        *text,
                                                         ScKbLang       lang,
                                                         GBytes        *certificate,
                                                         GError       **error);
guint                     sc_diagnosis_get_n_messages   (ScDiagnosis   *self);
const ScDiagnosisMessage *sc_diagnosis_get_message      (ScDiagnosis   *self,
                                                         guint          index);
ScKbLang                  sc_diagnosis_get_language     (ScDiagnosis   *self);

G_END_DECLS
