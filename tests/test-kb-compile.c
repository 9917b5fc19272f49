/* sc-kb-compile rejects malformed sources with a message naming the file and the key. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

static const char valid_code[] =
  "[Code]\nCode=486\nReason=Busy Here\nStatus=current\nRFC=3261 21.4.24\n"
  "Senders=uas\nNextStep=retry-later\nNextStepDetail=Call again later.\nNextStepDetail[ja]=後でかけ直してください。\n"
  "Headers=Retry-After\nMethods=INVITE\nRelated=600\n"
  "Name=Busy Here\nName[ja]=話中\nSummary=The callee is busy.\nSummary[ja]=着信者は話中です。\n"
  "Description=The callee is on another call.\nDescription[ja]=着信者は別の通話中です。\n"
  "Cause1=Another call.\nCause1[ja]=別の通話中。\nCause2=Do not disturb.\nCause2[ja]=応答不可の設定。\n"
  "Fix1=Caller: call later.\nFix1[ja]=発信者：後でかけ直してください。\nFix2=Admin: add call waiting.\nFix2[ja]=管理者：キャッチホンを設定してください。\n"
  "DescriptionSource1=3261 21.4.24 | The callee's end system was contacted successfully, but the callee is currently not willing\n"
  "SendersSource1=3261 21.4.24 | the callee is currently not willing or able to take additional calls at this end system.\n"
  "NextStepSource1=3261 21.4.24 | The response MAY indicate a better time to call in the Retry-After header field.\n";

static const char valid_other[] =
  "[Code]\nCode=600\nReason=Busy Everywhere\nStatus=current\nRFC=3261 21.6.1\n"
  "Senders=uas\nNextStep=give-up\nNextStepDetail=Stop.\nNextStepDetail[ja]=中止してください。\n"
  "Headers=\nMethods=INVITE\nRelated=486\n"
  "Name=Busy Everywhere\nName[ja]=全域で話中\nSummary=Busy everywhere.\nSummary[ja]=どこでも話中です。\n"
  "Description=Every device is busy.\nDescription[ja]=すべての端末が話中です。\n"
  "Cause1=All busy.\nCause1[ja]=すべて話中。\nCause2=Policy.\nCause2[ja]=ポリシー。\n"
  "Fix1=Caller: wait.\nFix1[ja]=発信者：待ってください。\nFix2=Admin: check.\nFix2[ja]=管理者：確認してください。\n"
  "DescriptionSource1=3261 21.6.1 | The callee's end system was contacted successfully but the callee is busy and does not wish to take the call at this time.\n"
  "SendersSource1=3261 21.6.1 | The callee's end system was contacted successfully but the callee is busy\n"
  "NextStepSource1=3261 21.6.1 | This status response is returned only if the client knows that no other end point (such as a voice mail system) will answer the request.\n";

static const char valid_pair[] =
  "[Compare]\nCodes=486;600\nSummary=Here or everywhere.\nSummary[ja]=ここか全域か。\n"
  "Difference1=Scope.\nDifference1[ja]=範囲。\nDifference2=Forking.\nDifference2[ja]=フォーク。\n"
  "When1=One phone.\nWhen1[ja]=一台。\nWhen2=All phones.\nWhen2[ja]=全台。\n"
  "SummarySource1=3261 21.6.1 | Otherwise, 486 (Busy Here) should be returned.\n";

static const char valid_warning[] =
  "[Warning]\nCode=399\nText=Miscellaneous warning\nRFC=3261 20.43\n"
  "Meaning=Free text for a person.\nMeaning[ja]=人が読むための自由記述です。\n"
  "Check=Read it.\nCheck[ja]=読んでください。\n"
  "MeaningSource1=3261 20.43 | The warning text can include arbitrary information to be presented to a human user or logged.\n";

static const char valid_cause[] =
  "[Cause]\nCause=17\nName=User busy\nName[ja]=ユーザー話中\nClass=normal event\nClass[ja]=正常事象\n"
  "Meaning=Busy.\nMeaning[ja]=話中です。\nSender=The callee.\nSender[ja]=着信者です。\n"
  "Check=Call later.\nCheck[ja]=後でかけ直してください。\n";

static const char valid_header[] =
  "[Header]\nName=Retry-After\nRFC=3261 20.33\nCodes=486;600\n"
  "Meaning=When to try again.\nMeaning[ja]=再試行の時期です。\nCheck=Wait.\nCheck[ja]=待ってください。\n"
  "MeaningSource1=3261 20.33 | The value of this field is a positive integer number of seconds (in decimal) after the time of the response.\n";

typedef struct {
  const char *name;
  const char *file;        /* which file to break: codes/486.ini, compare/486-600.ini, terms.ini */
  const char *find;        /* text to replace in it… */
  const char *replace;     /* …with this */
  const char *expect[2];   /* what the message must name */
} BadCase;

static const BadCase cases[] = {
  { "missing-ja", "codes/486.ini", "Summary[ja]=着信者は話中です。\n", "", { "486.ini", "Summary[ja]" } },
  { "empty-value", "codes/486.ini", "Description=The callee is on another call.", "Description=  ", { "486.ini", "Description" } },
  { "bad-rfc", "codes/486.ini", "RFC=3261 21.4.24", "RFC=RFC 3261", { "486.ini", "'RFC'" } },
  { "unknown-sender", "codes/486.ini", "Senders=uas", "Senders=uas;phone", { "486.ini", "phone" } },
  { "unknown-step", "codes/486.ini", "NextStep=retry-later", "NextStep=pray", { "486.ini", "NextStep" } },
  { "code-vs-name", "codes/486.ini", "Code=486", "Code=487", { "486.ini", "Code" } },
  { "code-range", "codes/486.ini", "Code=486", "Code=986", { "486.ini", "986" } },
  { "numbering-gap", "codes/486.ini", "Cause2=", "Cause3=", { "486.ini", "Cause3" } },
  { "too-few-fixes", "codes/486.ini", "Fix2=Admin: add call waiting.\nFix2[ja]=管理者：キャッチホンを設定してください。\n", "", { "486.ini", "Fix" } },
  { "unknown-key", "codes/486.ini", "Headers=", "Summery=x\nHeaders=", { "486.ini", "Summery" } },
  { "unknown-language", "codes/486.ini", "Headers=", "Name[fr]=Occupé\nHeaders=", { "486.ini", "Name[fr]" } },
  { "related-missing", "codes/486.ini", "Related=600", "Related=600;487", { "486.ini", "Related" } },
  { "syntax", "codes/486.ini", "Headers=", "this line has no equals sign\nHeaders=", { "486.ini", NULL } },
  { "nonstandard-needs-origin", "codes/486.ini", "Status=current", "Status=non-standard", { "486.ini", "StandardAlternative" } },
  { "warning-vs-name", "warnings/399.ini", "Code=399", "Code=398", { "399.ini", "Code" } },
  { "warning-range", "warnings/399.ini", "Code=399", "Code=299", { "399.ini", "299" } },
  { "warning-unsourced", "warnings/399.ini", "MeaningSource1=", "Meaning2Source1=", { "399.ini", "Meaning" } },
  { "warning-bad-quote", "warnings/399.ini", "arbitrary information", "any information", { "399.ini", "MeaningSource1" } },
  { "cause-range", "q850/17.ini", "Cause=17", "Cause=170", { "17.ini", "Cause" } },
  { "cause-missing-class", "q850/17.ini", "Class[ja]=正常事象\n", "", { "17.ini", "Class[ja]" } },
  { "cause-unsourced-mapping", "q850/17.ini", "Check=Call later.", "SipResponse=486\nCheck=Call later.", { "17.ini", "SipResponse" } },
  { "cause-mapping-not-quoted", "q850/17.ini", "Check=Call later.",
    "SipResponse=600\nSipResponseSource1=3261 21.4.24 | The callee's end system was contacted successfully\nCheck=Call later.", { "17.ini", "600" } },
  { "header-vs-name", "headers/retry-after.ini", "Name=Retry-After", "Name=Retry-Before", { "retry-after.ini", "Name" } },
  { "header-unknown-code", "headers/retry-after.ini", "Codes=486;600", "Codes=486;499", { "retry-after.ini", "Codes" } },
  { "pair-order", "compare/486-600.ini", "Codes=486;600", "Codes=600;486", { "486-600.ini", "Codes" } },
  { "pair-when", "compare/486-600.ini", "When2=All phones.\nWhen2[ja]=全台。\n", "", { "486-600.ini", "When" } },
  { "terms-label", "terms.ini", "none[ja]=なし\n", "", { "terms.ini [Label]", "none[ja]" } },
  /* Citations: the RFC, the section and the quote must be there, and normative words sourced. */
  { "quote-not-in-section", "codes/486.ini", "21.4.24 | The response MAY indicate", "21.4.24 | The response MUST indicate",
    { "486.ini", "NextStepSource1" } },
  { "quote-in-another-section", "codes/486.ini", "DescriptionSource1=3261 21.4.24", "DescriptionSource1=3261 21.4.23",
    { "486.ini", "DescriptionSource1': RFC 3261 section 21.4.23 does not say" } },
  { "section-missing", "codes/486.ini", "SendersSource1=3261 21.4.24", "SendersSource1=3261 21.4.99",
    { "486.ini", "no section 21.4.99" } },
  { "rfc-not-shipped", "codes/486.ini", "SendersSource1=3261", "SendersSource1=3262", { "486.ini", "RFC 3262" } },
  { "rfc-key-section", "codes/486.ini", "RFC=3261 21.4.24", "RFC=3261 21.4.42", { "486.ini", "no section 21.4.42" } },
  { "text-names-section", "codes/486.ini", "Cause1=Another call.", "Cause1=Another call (RFC 3261 §99.9).",
    { "486.ini", "Cause1" } },
  { "quote-too-short", "codes/486.ini", "NextStepSource1=3261 21.4.24 | The response MAY indicate a better time to call in the Retry-After header field.",
    "NextStepSource1=3261 21.4.24 | MAY", { "486.ini", "NextStepSource1" } },
  { "citation-form", "codes/486.ini", "SendersSource1=3261 21.4.24 |", "SendersSource1=RFC 3261, 21.4.24:",
    { "486.ini", "SendersSource1" } },
  { "source-required", "codes/486.ini", "NextStepSource1=", "NextStepSourceX=", { "486.ini", "NextStepSource1" } },
  { "bcp14-unsourced", "codes/486.ini", "Fix1=Caller: call later.", "Fix1=Caller: you MUST call later.", { "486.ini", "Fix1Source1" } },
  { "source-gap", "codes/486.ini", "NextStepSource1=", "NextStepSource2=", { "486.ini", "NextStepSource" } },
  { "source-on-unknown-key", "codes/486.ini", "DescriptionSource1=", "Note1Source1=", { "486.ini", "Note1" } },
  { "pair-summary-source", "compare/486-600.ini", "SummarySource1=", "When1Source1=", { "486-600.ini", "SummarySource1" } },
  { "pair-quote", "compare/486-600.ini", "should be returned", "must be returned", { "486-600.ini", "SummarySource" } },
  { "terms-format", "terms.ini", "comparison[ja]=%uと%uの比較", "comparison[ja]=%sと%uの比較", { "terms.ini", "comparison" } },
};

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static const char * const topic_dirs[] = { "warnings", "q850", "headers" };

static char *
make_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sc-kb-compile-XXXXXX", &error);
  g_autofree char *terms_src = g_test_build_filename (G_TEST_DIST, "..", "data", "terms.ini", NULL);
  g_autofree char *terms = NULL;
  g_autofree char *codes = g_build_filename (dir, "codes", NULL);
  g_autofree char *compare = g_build_filename (dir, "compare", NULL);
  g_autofree char *rfc = g_build_filename (dir, "rfc", NULL);
  g_autofree char *rfc_src = g_test_build_filename (G_TEST_DIST, "..", "data", "rfc", "rfc3261.txt", NULL);
  g_autofree char *rfc_text = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (terms_src, &terms, NULL, NULL));
  g_mkdir (codes, 0700);
  g_mkdir (compare, 0700);
  g_mkdir (rfc, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (topic_dirs); i++)
    {
      g_autofree char *topic_dir = g_build_filename (dir, topic_dirs[i], NULL);
      g_mkdir (topic_dir, 0700);
    }
  g_assert_true (g_file_get_contents (rfc_src, &rfc_text, NULL, NULL));
  write_file (dir, "rfc/rfc3261.txt", rfc_text);
  write_file (dir, "terms.ini", terms);
  write_file (dir, "codes/486.ini", valid_code);
  write_file (dir, "codes/600.ini", valid_other);
  write_file (dir, "compare/486-600.ini", valid_pair);
  write_file (dir, "warnings/399.ini", valid_warning);
  write_file (dir, "q850/17.ini", valid_cause);
  write_file (dir, "headers/retry-after.ini", valid_header);
  return dir;
}

static void
remove_tree (const char *dir)
{
  const char *files[] = { "terms.ini", "codes/486.ini", "codes/600.ini", "compare/486-600.ini", "out.db",
                          "rfc/rfc3261.txt", "rfc/rfc9999.txt", "warnings/399.ini", "q850/17.ini",
                          "headers/retry-after.ini", "codes", "compare", "rfc", "warnings", "q850", "headers" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static int
compile (const char *dir,
         char      **err)
{
  g_autofree char *out = g_build_filename (dir, "out.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                                  g_getenv ("SC_KB_COMPILE"), dir, out, NULL);

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  if (g_subprocess_get_exit_status (proc) != 0)
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));  /* no half-written database */
  return g_subprocess_get_exit_status (proc);
}

static void
test_valid (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *err = NULL;

  g_assert_cmpint (compile (dir, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  remove_tree (dir);
}

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *dir = make_data_dir ();
  g_autofree char *path = g_build_filename (dir, c->file, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) broken = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, c->find));
  broken = g_string_new (contents);
  g_string_replace (broken, c->find, c->replace, 1);
  write_file (dir, c->file, broken->str);

  g_assert_cmpint (compile (dir, &err), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (c->expect) && c->expect[i] != NULL; i++)
    if (strstr (err, c->expect[i]) == NULL)
      g_error ("%s: the message does not name “%s”: %s", c->name, c->expect[i], err);
  remove_tree (dir);
}

/* An RFC nothing cites is not shipped; a file that is no RFC text is refused. */
static void
test_rfc_shelf (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *err = NULL;

  write_file (dir, "rfc/rfc9999.txt", "# source: test\n1.  Introduction\n\n   Nothing cites this.\n");
  g_assert_cmpint (compile (dir, &err), ==, 1);
  g_assert_nonnull (strstr (err, "rfc9999.txt"));
  g_assert_nonnull (strstr (err, "RFC 9999"));
  g_clear_pointer (&err, g_free);
  write_file (dir, "rfc/rfc9999.txt", "no sections at all\n");
  g_assert_cmpint (compile (dir, &err), ==, 1);
  g_assert_nonnull (strstr (err, "RFC 9999"));
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("SC_KB_COMPILE"));

  g_test_add_func ("/sc/kb/compile/valid", test_valid);
  g_test_add_func ("/sc/kb/compile/rfc-shelf", test_rfc_shelf);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sc/kb/compile/bad/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_bad);
    }
  return g_test_run ();
}
