/* The explanation model on messages written from the RFCs: each code, Reason cause, Warning and
 * diagnostic header explained right, in both languages; several messages in one paste; sngrep's
 * and Wireshark's text exports; malformed and hostile input. */
#include <string.h>

#include <glib/gstdio.h>

#include "sc-diagnosis.h"
#include "sc-sip-date.h"
#include "sc-stir-signer.h"
#include "sc-diagnosis-text.h"
#include "sc-test-kb.h"

static ScKbDatabase *db;

#define HEAD(status) \
  "SIP/2.0 " status "\r\n" \
  "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n" \
  "From: Alice <sip:alice@example.com>;tag=1928301774\r\n" \
  "To: Bob <sip:bob@example.net>;tag=a6c85cf\r\n" \
  "Call-ID: a84b4c76e66710@pc33.example.com\r\n" \
  "CSeq: 314159 INVITE\r\n"

static ScDiagnosis *
explain (const char *text,
         ScKbLang    lang)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  ScDiagnosis *diagnosis = sc_diagnosis_new (db, bytes, lang, &error);

  g_assert_no_error (error);
  g_assert_nonnull (diagnosis);
  return diagnosis;
}

/* The first finding of @kind whose link is @link, in message @index. */
static const ScDiagnosisFinding *
find (ScDiagnosis            *diagnosis,
      guint                   index,
      ScDiagnosisFindingKind  kind,
      const char             *link)
{
  const ScDiagnosisMessage *m = sc_diagnosis_get_message (diagnosis, index);

  for (guint i = 0; i < m->findings->len; i++)
    {
      const ScDiagnosisFinding *f = g_ptr_array_index (m->findings, i);
      if (f->kind == kind && (link == NULL || g_strcmp0 (f->link, link) == 0))
        return f;
    }
  g_error ("message %u has no %s finding %s", index, sc_diagnosis_finding_kind_to_string (kind), link);
  return NULL;
}

static void
test_service_unavailable (void)
{
  g_autoptr(ScDiagnosis) en = explain (HEAD ("503 Service Unavailable")
                                       "Retry-After: 120\r\n"
                                       "Reason: Q.850;cause=34;text=\"No circuit/channel available\"\r\n"
                                       "Content-Length: 0\r\n\r\n", SC_KB_LANG_EN);
  g_autoptr(ScDiagnosis) ja = NULL;
  const ScDiagnosisFinding *f;

  g_assert_cmpuint (sc_diagnosis_get_n_messages (en), ==, 1);
  g_assert_null (sc_diagnosis_get_message (en, 0)->error);
  f = find (en, 0, SC_DIAGNOSIS_FINDING_STATUS, "code:503");
  g_assert_cmpuint (f->line, ==, 1);
  g_assert_cmpint (f->severity, ==, SC_DIAGNOSIS_FAILURE);
  g_assert_cmpstr (f->title, ==, "503 Service Unavailable");
  f = find (en, 0, SC_DIAGNOSIS_FINDING_HEADER, "header:retry-after");
  g_assert_cmpuint (f->line, ==, 7);
  g_assert_nonnull (strstr (f->title, "120"));
  f = find (en, 0, SC_DIAGNOSIS_FINDING_REASON, "q850:34");
  g_assert_cmpuint (f->line, ==, 8);
  /* Tied to its span of the message, and to the RFC 3398 table it is mapped by. */
  g_assert_cmpint (strncmp ((const char *) g_bytes_get_data (sc_diagnosis_get_message (en, 0)->bytes, NULL) + f->offset,
                            "Q.850;cause=34", 14), ==, 0);
  g_assert_cmpuint (f->rfc, ==, 3398);
  g_assert_cmpstr (f->section, ==, "7.2.4.1");
  g_assert_nonnull (strstr (f->title, "No circuit/channel available"));
  g_assert_nonnull (strstr (f->detail, "maps this cause to 503"));
  g_assert_nonnull (f->check);

  ja = explain (HEAD ("503 Service Unavailable") "Reason: Q.850;cause=34\r\n\r\n", SC_KB_LANG_JA);
  f = find (ja, 0, SC_DIAGNOSIS_FINDING_REASON, "q850:34");
  g_assert_nonnull (strstr (f->title, "理由表示"));
  g_assert_nonnull (strstr (f->detail, "503に対応付けています"));
}

static void
test_forbidden_with_warning (void)
{
  g_autoptr(ScDiagnosis) d = explain (HEAD ("403 Forbidden")
                                      "Warning: 399 gw.example.net \"Number barred by operator\"\r\n"
                                      "Reason: Q.850;cause=21\r\n\r\n", SC_KB_LANG_EN);
  const ScDiagnosisFinding *f = find (d, 0, SC_DIAGNOSIS_FINDING_WARNING, "warning:399");

  g_assert_nonnull (strstr (f->title, "Miscellaneous warning"));
  g_assert_nonnull (strstr (f->detail, "Number barred by operator"));
  f = find (d, 0, SC_DIAGNOSIS_FINDING_REASON, "q850:21");
  g_assert_nonnull (strstr (f->detail, "403"));
  g_assert_cmpint (f->severity, ==, SC_DIAGNOSIS_FAILURE);   /* the cause of the failure; RFC 3398 maps 21 to 403 */
}

/* RFC 3398 maps cause 18 to 408; a 480 carrying it was mapped otherwise on the way. */
static void
test_mapping_differs (void)
{
  g_autoptr(ScDiagnosis) en = explain (HEAD ("480 Temporarily Unavailable") "Reason: Q.850;cause=18\r\n\r\n", SC_KB_LANG_EN);
  g_autoptr(ScDiagnosis) ja = explain (HEAD ("480 Temporarily Unavailable") "Reason: Q.850;cause=18\r\n\r\n", SC_KB_LANG_JA);
  const ScDiagnosisFinding *f = find (en, 0, SC_DIAGNOSIS_FINDING_REASON, "q850:18");

  g_assert_cmpint (f->severity, ==, SC_DIAGNOSIS_FAILURE);
  g_assert_nonnull (strstr (f->detail, "The response is 480"));
  g_assert_nonnull (strstr (f->detail, "to 408"));
  f = find (ja, 0, SC_DIAGNOSIS_FINDING_REASON, "q850:18");
  g_assert_nonnull (strstr (f->detail, "応答は480ですが"));
}

/* A verification service refusing an unsigned INVITE (RFC 8224 §6.2.2), and a STIR Reason. */
static void
test_identity_required (void)
{
  g_autoptr(ScDiagnosis) d = explain (HEAD ("428 Use Identity Header") "Content-Length: 0\r\n\r\n", SC_KB_LANG_EN);
  g_autoptr(ScDiagnosis) stir = explain (HEAD ("403 Forbidden") "Reason: STIR;cause=438;text=\"Invalid Identity Header\"\r\n\r\n",
                                         SC_KB_LANG_EN);
  const ScDiagnosisFinding *f = find (d, 0, SC_DIAGNOSIS_FINDING_STATUS, "code:428");

  g_assert_nonnull (strstr (f->meaning, "Identity"));
  f = find (stir, 0, SC_DIAGNOSIS_FINDING_REASON, "code:438");
  g_assert_cmpint (f->severity, ==, SC_DIAGNOSIS_FAILURE);
  g_assert_nonnull (strstr (f->detail, "Invalid Identity Header"));
}

/* Contact in a redirection says where to go (RFC 3261 §21.3); in a 200 it is not explained. */
static void
test_redirect_contacts (void)
{
  g_autoptr(ScDiagnosis) d = explain (HEAD ("302 Moved Temporarily")
                                      "Contact: <sip:bob@desk.example.net>;q=0.7, <sip:bob@mobile.example.net>;q=0.5\r\n"
                                      "Contact: <sip:bob@voicemail.example.net>;q=0.1\r\n\r\n", SC_KB_LANG_EN);
  g_autoptr(ScDiagnosis) ok = explain (HEAD ("200 OK") "Contact: <sip:bob@desk.example.net>\r\n\r\n", SC_KB_LANG_EN);
  const ScDiagnosisMessage *m = sc_diagnosis_get_message (ok, 0);
  guint contacts = 0;

  g_assert_cmpint (find (d, 0, SC_DIAGNOSIS_FINDING_STATUS, "code:302")->severity, ==, SC_DIAGNOSIS_NOTICE);
  m = sc_diagnosis_get_message (d, 0);
  for (guint i = 0; i < m->findings->len; i++)
    contacts += g_strcmp0 (((ScDiagnosisFinding *) g_ptr_array_index (m->findings, i))->link, "header:contact") == 0;
  g_assert_cmpuint (contacts, ==, 2);
  m = sc_diagnosis_get_message (ok, 0);
  for (guint i = 0; i < m->findings->len; i++)
    g_assert_cmpstr (((ScDiagnosisFinding *) g_ptr_array_index (m->findings, i))->link, !=, "header:contact");
}

static void
test_extension_and_interval (void)
{
  g_autoptr(ScDiagnosis) bad = explain (HEAD ("420 Bad Extension") "Unsupported: foo\r\n\r\n", SC_KB_LANG_EN);
  g_autoptr(ScDiagnosis) brief = explain ("SIP/2.0 423 Interval Too Brief\r\n"
                                          "Via: SIP/2.0/UDP bobspc.example.com:5060;branch=z9hG4bKnashds7\r\n"
                                          "From: Bob <sip:bob@example.com>;tag=456248\r\n"
                                          "To: Bob <sip:bob@example.com>;tag=2493k59kd\r\n"
                                          "Call-ID: 843817637684230@998sdasdh09\r\n"
                                          "CSeq: 1826 REGISTER\r\n"
                                          "Min-Expires: 3600\r\n\r\n", SC_KB_LANG_JA);
  const ScDiagnosisFinding *f = find (bad, 0, SC_DIAGNOSIS_FINDING_HEADER, "header:unsupported");

  g_assert_nonnull (strstr (f->title, "foo"));
  f = find (brief, 0, SC_DIAGNOSIS_FINDING_HEADER, "header:min-expires");
  g_assert_cmpuint (f->line, ==, 7);
  g_assert_nonnull (strstr (f->title, "3600"));
  g_assert_true (g_utf8_validate (f->meaning, -1, NULL));
}

static void
test_not_acceptable_here (void)
{
  g_autoptr(ScDiagnosis) d = explain (HEAD ("488 Not Acceptable Here")
                                      "Warning: 304 sbc.example.net \"Media type not available\"\r\n\r\n", SC_KB_LANG_EN);
  const ScDiagnosisFinding *f = find (d, 0, SC_DIAGNOSIS_FINDING_WARNING, "warning:304");

  g_assert_nonnull (strstr (f->title, "Media type not available"));
  g_assert_cmpuint (f->rfc, ==, 3261);
  g_assert_cmpstr (f->section, ==, "20.43");
  g_assert_nonnull (f->check);
}

/* The warn-codes of later RFCs: 380 with the 480 of RFC 5630, 308 with the 488 of RFC 8373. */
static void
test_sips_not_allowed (void)
{
  const char *text = "SIP/2.0 480 Temporarily Unavailable\r\n"
                     "Via: SIP/2.0/TLS pc33.example.com;branch=z9hG4bK776asdhds\r\n"
                     "From: Alice <sips:alice@example.com>;tag=1928301774\r\n"
                     "To: Bob <sips:bob@example.net>;tag=a6c85cf\r\n"
                     "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
                     "CSeq: 314159 INVITE\r\n"
                     "Warning: 380 proxy.example.com \"SIPS Not Allowed\"\r\n\r\n";
  g_autoptr(ScDiagnosis) en = explain (text, SC_KB_LANG_EN);
  g_autoptr(ScDiagnosis) ja = explain (text, SC_KB_LANG_JA);
  const ScDiagnosisFinding *f = find (en, 0, SC_DIAGNOSIS_FINDING_WARNING, "warning:380");

  g_assert_cmpuint (f->line, ==, 7);
  g_assert_nonnull (strstr (f->title, "SIPS Not Allowed"));
  g_assert_cmpuint (f->rfc, ==, 5630);
  g_assert_cmpstr (f->section, ==, "9");
  g_assert_nonnull (strstr (f->meaning, "sips:"));
  g_assert_null (strstr (f->meaning, "nothing on it"));
  g_assert_nonnull (f->check);
  g_assert_nonnull (strstr (f->check, "Contact"));
  g_assert_cmpstr (f->detail, ==, "“SIPS Not Allowed”");

  f = find (ja, 0, SC_DIAGNOSIS_FINDING_WARNING, "warning:380");
  g_assert_cmpuint (f->rfc, ==, 5630);
  g_assert_cmpstr (f->section, ==, "9");
  g_assert_nonnull (strstr (f->meaning, "480"));
  g_assert_nonnull (strstr (f->meaning, "ダウングレード"));
  g_assert_null (strstr (f->meaning, "まだ情報がありません"));
  g_assert_nonnull (f->check);
  g_assert_nonnull (strstr (f->check, "sips:のContactを登録"));
}

static void
test_incompatible_language (void)
{
  g_autoptr(ScDiagnosis) d = explain (HEAD ("488 Not Acceptable Here")
                                      "Warning: 308 proxy.example.com \"Incompatible language specification: "
                                      "Requested languages not supported.  Supported languages are: es, en; "
                                      "supported media are: audio, text.\"\r\n\r\n", SC_KB_LANG_EN);
  g_autoptr(ScDiagnosis) ja = explain (HEAD ("488 Not Acceptable Here")
                                       "Warning: 308 proxy.example.com \"Incompatible language specification\"\r\n\r\n",
                                       SC_KB_LANG_JA);
  const ScDiagnosisFinding *f = find (d, 0, SC_DIAGNOSIS_FINDING_WARNING, "warning:308");

  g_assert_nonnull (strstr (f->title, "Incompatible language specification"));
  g_assert_cmpuint (f->rfc, ==, 8373);
  g_assert_cmpstr (f->section, ==, "5.2");
  g_assert_nonnull (strstr (f->meaning, "hlang-send"));
  g_assert_nonnull (strstr (f->detail, "Supported languages are: es, en"));
  g_assert_nonnull (strstr (f->check, "a=hlang-recv"));
  f = find (ja, 0, SC_DIAGNOSIS_FINDING_WARNING, "warning:308");
  g_assert_cmpuint (f->rfc, ==, 8373);
  g_assert_nonnull (strstr (f->meaning, "共通の言語"));
}

/* A whole exchange pasted at once, with and without blank lines between the messages. */
static void
test_several_messages (void)
{
  g_autoptr(ScDiagnosis) d = explain ("INVITE sip:bob@example.net SIP/2.0\r\n"
                                      "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
                                      "From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
                                      "To: Bob <sip:bob@example.net>\r\n"
                                      "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
                                      "CSeq: 314159 INVITE\r\n"
                                      "Content-Length: 0\r\n\r\n\r\n"
                                      HEAD ("100 Trying") "Content-Length: 0\r\n\r\n"
                                      HEAD ("486 Busy Here") "Retry-After: 300\r\nContent-Length: 0\r\n\r\n", SC_KB_LANG_EN);

  g_assert_cmpuint (sc_diagnosis_get_n_messages (d), ==, 3);
  g_assert_cmpuint (sc_diagnosis_get_message (d, 0)->first_line, ==, 1);
  g_assert_cmpuint (sc_diagnosis_get_message (d, 1)->first_line, ==, 10);
  find (d, 1, SC_DIAGNOSIS_FINDING_STATUS, "code:100");
  find (d, 2, SC_DIAGNOSIS_FINDING_STATUS, "code:486");
  find (d, 2, SC_DIAGNOSIS_FINDING_HEADER, "header:retry-after");
}

/* A NOTIFY's sipfrag body ("SIP/2.0 200 OK") is its own, not a message of the paste. */
static void
test_sipfrag_body (void)
{
  g_autoptr(ScDiagnosis) d = explain ("NOTIFY sip:alice@pc33.example.com SIP/2.0\r\n"
                                      "Via: SIP/2.0/UDP bob.example.net;branch=z9hG4bKnashds9\r\n"
                                      "From: <sip:bob@example.net>;tag=a6c85cf\r\n"
                                      "To: <sip:alice@example.com>;tag=1928301774\r\n"
                                      "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
                                      "CSeq: 993809824 NOTIFY\r\n"
                                      "Event: refer\r\n"
                                      "Content-Type: message/sipfrag;version=2.0\r\n"
                                      "Content-Length: 16\r\n\r\n"
                                      "SIP/2.0 200 OK\r\n", SC_KB_LANG_EN);

  g_assert_cmpuint (sc_diagnosis_get_n_messages (d), ==, 1);
}

/* sngrep's text export: a "date time src -> dst" line before each message. */
static void
test_sngrep_export (void)
{
  g_autoptr(ScDiagnosis) d = explain ("2026/12/04 10:15:02.123456 192.0.2.10:5060 -> 198.51.100.7:5060\n"
                                      "INVITE sip:bob@example.net SIP/2.0\n"
                                      "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1\n"
                                      "From: <sip:alice@example.com>;tag=1\n"
                                      "To: <sip:bob@example.net>\n"
                                      "Call-ID: c1@192.0.2.10\n"
                                      "CSeq: 1 INVITE\n"
                                      "\n"
                                      "2026/12/04 10:15:02.223456 198.51.100.7:5060 -> 192.0.2.10:5060\n"
                                      "SIP/2.0 480 Temporarily Unavailable\n"
                                      "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1\n"
                                      "From: <sip:alice@example.com>;tag=1\n"
                                      "To: <sip:bob@example.net>;tag=9\n"
                                      "Call-ID: c1@192.0.2.10\n"
                                      "CSeq: 1 INVITE\n"
                                      "Reason: Q.850;cause=18\n"
                                      "\n", SC_KB_LANG_EN);

  g_assert_cmpuint (sc_diagnosis_get_n_messages (d), ==, 2);
  g_assert_null (sc_diagnosis_get_message (d, 0)->error);
  g_assert_cmpuint (sc_diagnosis_get_message (d, 1)->first_line, ==, 10);
  find (d, 1, SC_DIAGNOSIS_FINDING_REASON, "q850:18");
}

/* Wireshark's "Follow UDP Stream" as text: its header, the payloads, "=====" rules. */
static void
test_wireshark_follow (void)
{
  g_autoptr(ScDiagnosis) d = explain ("===================================================================\n"
                                      "Follow: udp,ascii\n"
                                      "Filter: ip.addr eq 192.0.2.10 and udp.port eq 5060\n"
                                      "Node 0: 192.0.2.10:5060\n"
                                      "Node 1: 198.51.100.7:5060\n"
                                      "OPTIONS sip:198.51.100.7 SIP/2.0\n"
                                      "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK2\n"
                                      "From: <sip:ping@192.0.2.10>;tag=2\n"
                                      "To: <sip:198.51.100.7>\n"
                                      "Call-ID: p2@192.0.2.10\n"
                                      "CSeq: 7 OPTIONS\n"
                                      "\n"
                                      "SIP/2.0 200 OK\n"
                                      "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK2\n"
                                      "From: <sip:ping@192.0.2.10>;tag=2\n"
                                      "To: <sip:198.51.100.7>;tag=r\n"
                                      "Call-ID: p2@192.0.2.10\n"
                                      "CSeq: 7 OPTIONS\n"
                                      "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE\n"
                                      "\n"
                                      "===================================================================\n", SC_KB_LANG_EN);

  g_assert_cmpuint (sc_diagnosis_get_n_messages (d), ==, 2);
  g_assert_null (sc_diagnosis_get_message (d, 1)->error);
  find (d, 1, SC_DIAGNOSIS_FINDING_HEADER, "header:allow");
}

/* Wireshark's "Export Packet Dissections as Plain Text": the message rebuilt from the tree. */
static void
test_wireshark_dissection (void)
{
  g_autoptr(ScDiagnosis) d = explain ("No.     Time           Source                Destination           Protocol Length Info\n"
                                      "      7 0.105323       198.51.100.7          192.0.2.10            SIP      590    Status: 503 Service Unavailable |\n"
                                      "\n"
                                      "Frame 7: 590 bytes on wire (4720 bits), 590 bytes captured (4720 bits)\n"
                                      "User Datagram Protocol, Src Port: 5060, Dst Port: 5060\n"
                                      "Session Initiation Protocol (503)\n"
                                      "    Status-Line: SIP/2.0 503 Service Unavailable\n"
                                      "        Status-Code: 503\n"
                                      "        [Resent Packet: False]\n"
                                      "    Message Header\n"
                                      "        Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1\n"
                                      "            Transport: UDP\n"
                                      "        From: <sip:alice@example.com>;tag=1\n"
                                      "        To: <sip:bob@example.net>;tag=9\n"
                                      "        Call-ID: c1@192.0.2.10\n"
                                      "        CSeq: 1 INVITE\n"
                                      "        Reason: Q.850;cause=34\n"
                                      "            Reason protocols: Q.850\n"
                                      "        Content-Length: 0\n"
                                      "\n", SC_KB_LANG_EN);

  g_assert_cmpuint (sc_diagnosis_get_n_messages (d), ==, 1);
  g_assert_null (sc_diagnosis_get_message (d, 0)->error);
  find (d, 0, SC_DIAGNOSIS_FINDING_STATUS, "code:503");
  find (d, 0, SC_DIAGNOSIS_FINDING_REASON, "q850:34");
}

/* A malformed message says where, and the next one is still explained. */
static void
test_malformed (void)
{
  g_autoptr(ScDiagnosis) d = explain (HEAD ("486 Busy Here") "this line is no header\r\n\r\n"
                                      HEAD ("603 Decline") "\r\n", SC_KB_LANG_EN);
  const ScDiagnosisFinding *f = find (d, 0, SC_DIAGNOSIS_FINDING_MALFORMED, NULL);
  g_autoptr(GBytes) none = g_bytes_new_static ("hello\nworld\n", 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDiagnosis) empty = sc_diagnosis_new (db, none, SC_KB_LANG_EN, &error);

  g_assert_nonnull (sc_diagnosis_get_message (d, 0)->error);
  g_assert_cmpuint (f->line, ==, 7);
  find (d, 1, SC_DIAGNOSIS_FINDING_STATUS, "code:603");
  g_assert_null (empty);
  g_assert_error (error, SC_DIAGNOSIS_ERROR, SC_DIAGNOSIS_ERROR_NO_MESSAGE);
}

/* Control bytes, escapes and invalid UTF-8 from the message reach no finding as they are. */
static void
test_hostile_values (void)
{
  g_autoptr(ScDiagnosis) d = explain (HEAD ("503 Service \x1b[31mUnavailable\xff")
                                      "Warning: 399 evil.example \"\x1b]0;pwned\x07 \xc3\x28\"\r\n"
                                      "Reason: Q.850;cause=34;text=\"\x1b[2J\"\r\n\r\n", SC_KB_LANG_EN);
  const ScDiagnosisMessage *m = sc_diagnosis_get_message (d, 0);

  for (guint i = 0; i < m->findings->len; i++)
    {
      const ScDiagnosisFinding *f = g_ptr_array_index (m->findings, i);
      const char *texts[] = { f->title, f->meaning, f->check, f->detail };
      for (guint j = 0; j < G_N_ELEMENTS (texts); j++)
        if (texts[j] != NULL)
          {
            g_assert_true (g_utf8_validate (texts[j], -1, NULL));
            g_assert_null (strchr (texts[j], '\x1b'));
            g_assert_null (strchr (texts[j], '\x07'));
          }
    }
}

static void
test_too_large (void)
{
  gsize size = SC_DIAGNOSIS_MAX_TEXT + 1;
  g_autofree char *big = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDiagnosis) d = NULL;

  memset (big, 'a', size);
  bytes = g_bytes_new_take (g_steal_pointer (&big), size);
  d = sc_diagnosis_new (db, bytes, SC_KB_LANG_EN, &error);
  g_assert_null (d);
  g_assert_error (error, SC_DIAGNOSIS_ERROR, SC_DIAGNOSIS_ERROR_TOO_LARGE);
}

/* base64url without padding (RFC 7515 §2), for PASSporTs written in the test. */
static char *
b64url (const char *text)
{
  char *out = g_base64_encode ((const guchar *) text, strlen (text));

  g_strdelimit (out, "+", '-');
  g_strdelimit (out, "/", '_');
  out[strcspn (out, "=")] = '\0';
  return out;
}

/* An INVITE whose Identity carries @claims, dated Fri, 04 Dec 2026 22:46:35 GMT (1796424395). */
static ScDiagnosis *
signed_invite (const char *claims,
               ScKbLang    lang)
{
  g_autofree char *header = b64url ("{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\","
                                    "\"x5u\":\"https://cert.example.org/c.pem\"}");
  g_autofree char *payload = b64url (claims);
  g_autofree char *text = g_strdup_printf (
    "INVITE sip:+81501234567@example.net SIP/2.0\r\n"
    "Via: SIP/2.0/TCP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:+81312345678@example.com>;tag=1928301774\r\n"
    "To: <sip:+81501234567@example.net>\r\n"
    "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
    "CSeq: 1 INVITE\r\n"
    "Date: Fri, 04 Dec 2026 22:46:35 GMT\r\n"
    "Identity: %s.%s.MEUCIQDdwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    ";info=<https://cert.example.org/c.pem>;alg=ES256;ppt=shaken\r\n"
    "Content-Length: 0\r\n\r\n", header, payload);

  return explain (text, lang);
}

static guint
count_kind (ScDiagnosis            *diagnosis,
            ScDiagnosisFindingKind  kind)
{
  const ScDiagnosisMessage *m = sc_diagnosis_get_message (diagnosis, 0);
  guint n = 0;

  for (guint i = 0; i < m->findings->len; i++)
    n += ((const ScDiagnosisFinding *) g_ptr_array_index (m->findings, i))->kind == kind;
  return n;
}

/* The explain view decodes any Identity it meets: the claims shown, and each check a verifier
 * would fail made a finding with its response; the signature needs the certificate. */
static void
test_identity_decoded (void)
{
  g_autoptr(ScDiagnosis) good = signed_invite ("{\"attest\":\"A\",\"dest\":{\"tn\":[\"81501234567\"]},\"iat\":1796424395,"
                                               "\"orig\":{\"tn\":\"81312345678\"},\"origid\":\"123e4567-e89b-42d3-a456-426614174000\"}",
                                               SC_KB_LANG_EN);
  g_autoptr(ScDiagnosis) bare = signed_invite ("{\"attest\":\"A\",\"dest\":{\"tn\":[\"81501234567\"]},\"iat\":1796424395,"
                                               "\"orig\":\"81312345678\",\"origid\":\"123e4567-e89b-42d3-a456-426614174000\"}",
                                               SC_KB_LANG_JA);
  g_autoptr(ScDiagnosis) stale = signed_invite ("{\"attest\":\"D\",\"dest\":{\"tn\":[\"81509999999\"]},\"iat\":1796420795,"
                                                "\"orig\":{\"tn\":\"81312345678\"},\"origid\":\"123e4567-e89b-42d3-a456-426614174000\"}",
                                                SC_KB_LANG_EN);
  const ScDiagnosisFinding *f;

  f = find (good, 0, SC_DIAGNOSIS_FINDING_HEADER, "header:identity");
  g_assert_cmpuint (f->line, ==, 9);
  /* The title keeps the start and the end of the long value. */
  g_assert_true (g_str_has_prefix (f->title, "Identity: eyJhbGciOiJFUzI1NiIs"));
  g_assert_nonnull (strstr (f->title, "…"));
  g_assert_true (g_str_has_suffix (f->title, ";info=<https://cert.example.org/c.pem>;alg=ES256;ppt=shaken"));
  g_assert_cmpuint (g_utf8_strlen (f->title, -1), <, 140);
  g_assert_nonnull (strstr (f->detail, "PASSporT: ppt=shaken · attest=A · orig=81312345678 · dest=81501234567 · "
                                       "origid=123e4567-e89b-42d3-a456-426614174000 · x5u=https://cert.example.org/c.pem · "
                                       "iat=1796424395 (2026-12-04 22:46:35 UTC)"));
  g_assert_nonnull (strstr (f->detail, "sip-codes identity verify --cert"));
  g_assert_cmpuint (count_kind (good, SC_DIAGNOSIS_FINDING_IDENTITY), ==, 0);

  /* orig as a bare string: 438, in Japanese. */
  g_assert_cmpuint (count_kind (bare, SC_DIAGNOSIS_FINDING_IDENTITY), ==, 1);
  f = find (bare, 0, SC_DIAGNOSIS_FINDING_IDENTITY, "code:438");
  g_assert_cmpuint (f->severity, ==, SC_DIAGNOSIS_FAILURE);
  g_assert_cmpuint (f->line, ==, 9);
  g_assert_true (g_str_has_prefix (f->title, "Identityヘッダーの検証失敗："));
  g_assert_nonnull (strstr (f->title, "orig"));
  g_assert_nonnull (strstr (f->detail, "検証サービスは438 Invalid Identity Headerを返します。"));
  g_assert_cmpuint (f->rfc, ==, 8224);

  /* An hour older than its Date, attestation D, dest not the To: 403, 438, 438. */
  g_assert_cmpuint (count_kind (stale, SC_DIAGNOSIS_FINDING_IDENTITY), ==, 3);
  f = find (stale, 0, SC_DIAGNOSIS_FINDING_IDENTITY, "code:403");
  g_assert_nonnull (strstr (f->title, "3600 s old"));
  g_assert_cmpstr (f->detail, ==, "A verification service answers 403 Stale Date.");
  g_assert_nonnull (strstr (f->check, "NTP"));
  g_assert_cmpstr (f->section, ==, "6.2.1");
  f = find (stale, 0, SC_DIAGNOSIS_FINDING_IDENTITY, "code:438");
  g_assert_nonnull (strstr (f->title, "attest"));
  g_assert_nonnull (strstr (f->detail, "A verification service answers 438 Invalid Identity Header."));
}

/* Not a PASSporT at all: one finding, 438, and the rest of the message still explained. */
static void
test_identity_garbage (void)
{
  g_autoptr(ScDiagnosis) d = explain ("INVITE sip:bob@example.net SIP/2.0\r\n"
                                      "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
                                      "From: <sip:alice@example.com>;tag=1\r\n"
                                      "To: <sip:bob@example.net>\r\n"
                                      "Call-ID: x@y\r\n"
                                      "CSeq: 1 INVITE\r\n"
                                      "Identity: \x1b[2J%%%.@@@.???;info=<https://a.example/c.pem>\r\n"
                                      "Allow: INVITE, ACK\r\n"
                                      "Content-Length: 0\r\n\r\n", SC_KB_LANG_EN);
  const ScDiagnosisFinding *f = find (d, 0, SC_DIAGNOSIS_FINDING_IDENTITY, "code:438");

  g_assert_null (strchr (f->title, '\x1b'));
  g_assert_cmpuint (count_kind (d, SC_DIAGNOSIS_FINDING_IDENTITY), ==, 1);
  find (d, 0, SC_DIAGNOSIS_FINDING_HEADER, "header:allow");
}

static GBytes *
openssl_pem (const char * const *argv,
             const char         *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/* A key and a self-signed certificate made by openssl in @dir; @name tells them apart. */
static void
make_key (const char  *dir,
          const char  *name,
          GBytes     **key,
          GBytes     **cert)
{
  g_autofree char *key_path = g_strdup_printf ("%s/%s-key.pem", dir, name);
  g_autofree char *cert_path = g_strdup_printf ("%s/%s-cert.pem", dir, name);

  *key = openssl_pem ((const char *[]) { "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key_path, NULL },
                      key_path);
  *cert = openssl_pem ((const char *[]) { "openssl", "req", "-new", "-x509", "-key", key_path, "-out", cert_path, "-days", "2",
                                          "-subj", "/CN=explain", NULL }, cert_path);
  g_remove (key_path);
  g_remove (cert_path);
}

/* With the signer's certificate the explanation checks signatures too: ours verifies, another
 * certificate makes the signature a 438 finding. */
static void
test_identity_signature (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sc-diagnosis-XXXXXX", NULL);
  g_autoptr(GBytes) key = NULL, cert = NULL, other_key = NULL, other_cert = NULL, text = NULL;
  g_autoptr(ScStirSigner) signer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDiagnosis) right = NULL, wrong = NULL, unchecked = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *date = sc_sip_date_format (now), *identity = NULL, *invite = NULL;
  ScSipIdentityRequest request = { .method = "INVITE", .from_uri = "sip:+81312345678@example.com",
                                   .to_uri = "sip:+81501234567@example.net", .date_unix = now };
  const ScDiagnosisFinding *f;

  make_key (dir, "signer", &key, &cert);
  make_key (dir, "other", &other_key, &other_cert);
  g_rmdir (dir);
  signer = sc_stir_signer_new (key, "https://cert.example.org/c.pem", "A", &error);
  g_assert_no_error (error);
  identity = sc_sip_identity_signer_sign (SC_SIP_IDENTITY_SIGNER (signer), &request, &error);
  g_assert_no_error (error);
  invite = g_strdup_printf ("INVITE sip:+81501234567@example.net SIP/2.0\r\n"
                            "Via: SIP/2.0/TCP pc33.example.com;branch=z9hG4bK776asdhds\r\n"
                            "From: <sip:+81312345678@example.com>;tag=1928301774\r\n"
                            "To: <sip:+81501234567@example.net>\r\n"
                            "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
                            "CSeq: 1 INVITE\r\n"
                            "Date: %s\r\n"
                            "Identity: %s\r\n"
                            "Content-Length: 0\r\n\r\n", date, identity);
  text = g_bytes_new (invite, strlen (invite));
  right = sc_diagnosis_new_verifying (db, text, SC_KB_LANG_EN, cert, &error);
  wrong = sc_diagnosis_new_verifying (db, text, SC_KB_LANG_JA, other_cert, &error);
  unchecked = sc_diagnosis_new (db, text, SC_KB_LANG_EN, &error);
  g_assert_no_error (error);

  f = find (right, 0, SC_DIAGNOSIS_FINDING_HEADER, "header:identity");
  g_assert_true (g_str_has_suffix (f->detail, "The signature verifies with the certificate given."));
  g_assert_cmpuint (count_kind (right, SC_DIAGNOSIS_FINDING_IDENTITY), ==, 0);
  f = find (unchecked, 0, SC_DIAGNOSIS_FINDING_HEADER, "header:identity");
  g_assert_nonnull (strstr (f->detail, "sip-codes identity verify --cert"));
  f = find (wrong, 0, SC_DIAGNOSIS_FINDING_HEADER, "header:identity");
  g_assert_true (g_str_has_suffix (f->detail, "指定された証明書では署名を検証できません。"));
  g_assert_cmpuint (count_kind (wrong, SC_DIAGNOSIS_FINDING_IDENTITY), ==, 1);
  find (wrong, 0, SC_DIAGNOSIS_FINDING_IDENTITY, "code:438");
}

int
main (int   argc,
      char *argv[])
{
  db = sc_test_kb_init (&argc, &argv);

  g_test_add_func ("/sc/diagnosis/service-unavailable", test_service_unavailable);
  g_test_add_func ("/sc/diagnosis/forbidden-with-warning", test_forbidden_with_warning);
  g_test_add_func ("/sc/diagnosis/mapping-differs", test_mapping_differs);
  g_test_add_func ("/sc/diagnosis/identity-required", test_identity_required);
  g_test_add_func ("/sc/diagnosis/redirect-contacts", test_redirect_contacts);
  g_test_add_func ("/sc/diagnosis/extension-and-interval", test_extension_and_interval);
  g_test_add_func ("/sc/diagnosis/not-acceptable-here", test_not_acceptable_here);
  g_test_add_func ("/sc/diagnosis/sips-not-allowed", test_sips_not_allowed);
  g_test_add_func ("/sc/diagnosis/incompatible-language", test_incompatible_language);
  g_test_add_func ("/sc/diagnosis/several-messages", test_several_messages);
  g_test_add_func ("/sc/diagnosis/sipfrag-body", test_sipfrag_body);
  g_test_add_func ("/sc/diagnosis/sngrep-export", test_sngrep_export);
  g_test_add_func ("/sc/diagnosis/wireshark-follow", test_wireshark_follow);
  g_test_add_func ("/sc/diagnosis/wireshark-dissection", test_wireshark_dissection);
  g_test_add_func ("/sc/diagnosis/malformed", test_malformed);
  g_test_add_func ("/sc/diagnosis/hostile-values", test_hostile_values);
  g_test_add_func ("/sc/diagnosis/too-large", test_too_large);
  g_test_add_func ("/sc/diagnosis/identity-decoded", test_identity_decoded);
  g_test_add_func ("/sc/diagnosis/identity-garbage", test_identity_garbage);
  g_test_add_func ("/sc/diagnosis/identity-signature", test_identity_signature);
  return sc_test_kb_run (&db);
}
