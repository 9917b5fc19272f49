#include "sc-diagnosis-finding.h"

ScDiagnosisFinding *
sc_diagnosis_finding_new (ScDiagnosisFindingKind kind,
                          ScDiagnosisSeverity    severity,
                          guint                  line)
{
  ScDiagnosisFinding *finding = g_new0 (ScDiagnosisFinding, 1);

  finding->kind = kind;
  finding->severity = severity;
  finding->line = line;
  return finding;
}

void
sc_diagnosis_finding_free (ScDiagnosisFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->title);
  g_free (finding->meaning);
  g_free (finding->check);
  g_free (finding->detail);
  g_free (finding->link);
  g_free (finding->section);
  g_free (finding);
}

const char *
sc_diagnosis_finding_kind_to_string (ScDiagnosisFindingKind kind)
{
  static const char * const names[] = { "status", "reason", "warning", "header", "identity", "malformed" };

  return kind < G_N_ELEMENTS (names) ? names[kind] : "unknown";
}

const char *
sc_diagnosis_severity_to_string (ScDiagnosisSeverity severity)
{
  static const char * const names[] = { "info", "notice", "failure" };

  return severity < G_N_ELEMENTS (names) ? names[severity] : "unknown";
}
