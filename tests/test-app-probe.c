/* The probe page in a real window under Xvfb, against SIPp on 127.0.0.1 started per test: the
 * form, the exchange as it happens, the outcome, Cancel, closing mid-call, the history across
 * a restart, and passwords in a real keyring (gnome-keyring on a private session bus) or in
 * none. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <locale.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sc-kb-database.h"
#include "sc-probe-event-row.h"
#include "sc-probe-outcome.h"
#include "sc-test-app.h"
#include "sc-finding-row.h"
#include "sc-tooltip.h"
#include "sc-test-kamailio.h"
#include "sc-test-peers.h"
#include "sc-sip-probe-advice.h"
#include "sc-test-probe.h"
#include "sc-user-store.h"
#include "sc-window.h"

#define WAIT_LIMIT_US (30 * G_USEC_PER_SEC)

typedef struct {
  ScKbDatabase *db;
  ScUserStore  *store;
  GSettings    *settings;
  ScWindow     *window;
  char         *dir;
  char         *user_db;
  guint         port;
  GSubprocess  *sipp;
} Fixture;

/* Runs the main loop until @done says so; a test that waits longer has failed. */
static void
wait_until (gboolean (*done) (gpointer), gpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("waited 30 s for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  sc_test_app_drain ();
}

static ScProbePage *
probe_page (Fixture *f)
{
  return sc_window_get_probe_page (f->window);
}

static gboolean
probe_finished (gpointer data)
{
  return !sc_probe_page_is_busy (data);
}

static ScWindow *
open_window (Fixture *f)
{
  ScWindow *window = sc_window_new (NULL, f->db, f->store, f->settings);

  gtk_window_present (GTK_WINDOW (window));
  sc_test_app_drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.probe", NULL));
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (window), ==, "probe");
  return window;
}

static void
close_window (Fixture *f)
{
  sc_test_app_close_window (&f->window);
}

/* The suite runs twice: with cairo, and with the renderer users get (GL; Mesa's software GL
 * under Xvfb), where every frame is slow and a spinner keeps the frame clock busy. Make sure
 * the second really is GL, not a silent fallback. */
static void
assert_renderer (ScWindow *window)
{
  const char *expected = g_getenv ("SC_TEST_RENDERER");
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_assert_nonnull (renderer);
  if (g_strcmp0 (expected, "gl") == 0)
    g_assert_nonnull (strstr (G_OBJECT_TYPE_NAME (renderer), "GL"));
  else
    g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), ==, "GskCairoRenderer");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sc-app-probe-XXXXXX", &error);
  g_assert_no_error (error);
  f->user_db = g_build_filename (f->dir, "user.db", NULL);
  f->db = sc_kb_database_open_default (&error);
  g_assert_no_error (error);
  f->store = sc_user_store_open (f->user_db, &error);
  g_assert_no_error (error);
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "content-language");
  f->port = sc_test_free_udp_port ("127.0.0.1");
  f->window = open_window (f);
  assert_renderer (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  close_window (f);
  if (f->sipp != NULL)
    sc_test_stop_sipp (g_steal_pointer (&f->sipp));
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  g_clear_object (&f->settings);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->user_db, suffixes[i], NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->user_db);
  g_free (f->dir);
}

/* Whether something holds the port. A plain socket without SO_REUSEADDR, which GSocket
 * always sets for datagrams (and SIPp too), so that its bind really fails on a taken port. */
static gboolean
port_taken (guint port,
            int   type)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (port),
                                 .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  int fd = socket (AF_INET, type, 0);
  gboolean taken;

  g_assert_cmpint (fd, >=, 0);
  taken = bind (fd, (struct sockaddr *) &address, sizeof address) != 0;
  close (fd);
  return taken;
}

/* SIPp binds a moment after it starts; sending earlier would meet "port unreachable". */
static void
start_sipp_on (Fixture    *f,
               const char *scenario,
               const char *transport)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  f->sipp = sc_test_start_sipp_on (scenario, "127.0.0.1", f->port, transport);
  while (!port_taken (f->port, g_str_equal (transport, "t1") ? SOCK_STREAM : SOCK_DGRAM))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("SIPp never bound port %u", f->port);
      g_usleep (20 * 1000);
    }
}

static void
start_sipp (Fixture    *f,
            const char *scenario)
{
  start_sipp_on (f, scenario, "u1");
}

static gboolean
sipp_exited (gpointer data)
{
  Fixture *f = data;

  return g_subprocess_get_identifier (f->sipp) == NULL;
}

/* SIPp's exit status proves each request it expected arrived, while the window keeps running. */
static void
assert_sipp_succeeded (Fixture *f)
{
  g_subprocess_wait_async (f->sipp, NULL, NULL, NULL);
  wait_until (sipp_exited, f, "SIPp to end its scenario");
  g_assert_true (g_subprocess_get_if_exited (f->sipp));
  g_assert_cmpint (g_subprocess_get_exit_status (f->sipp), ==, 0);
  g_clear_object (&f->sipp);
}

static void
type_target (Fixture    *f,
             const char *target)
{
  gtk_editable_set_text (sc_probe_form_get_target_editable (sc_probe_page_get_form (probe_page (f))), target);
  sc_test_app_drain ();
}

static char *
local_target (Fixture *f)
{
  return g_strdup_printf ("sip:127.0.0.1:%u", f->port);
}

static void
send_and_wait (Fixture *f)
{
  sc_probe_page_send (probe_page (f));
  g_assert_true (sc_probe_page_is_busy (probe_page (f)));
  wait_until (probe_finished, probe_page (f), "the probe to finish");
}

static GPtrArray *
timeline (Fixture *f)
{
  return sc_probe_page_get_timeline (probe_page (f));
}

static gboolean
has_rows (gpointer data)
{
  g_autoptr(GPtrArray) rows = timeline (data);

  return rows->len > 0;
}

static ScProbeEventRow *
find_row (Fixture    *f,
          const char *first_line_prefix,
          guint       code)
{
  g_autoptr(GPtrArray) rows = timeline (f);

  for (guint i = 0; i < rows->len; i++)
    {
      ScProbeEventRow *row = rows->pdata[i];

      if (code != 0 ? sc_probe_event_row_get_code (row) == code
                    : g_str_has_prefix (sc_probe_event_row_get_raw (row), first_line_prefix))
        return row;
    }
  return NULL;
}

static guint
history_length (Fixture *f)
{
  return sc_test_app_count_rows (sc_probe_page_get_history_list (probe_page (f)), ADW_TYPE_ACTION_ROW);
}

static gboolean
is_finding_row_to (GtkWidget     *widget,
                   gconstpointer  data)
{
  return SC_IS_FINDING_ROW (widget) && g_strcmp0 (sc_finding_row_get_link (SC_FINDING_ROW (widget)), data) == 0;
}

static void
test_options_200 (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *target = local_target (f);
  g_autofree char *outcome = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  ScProbeEventRow *answer;

  start_sipp (f, "uas-options-200.xml");
  type_target (f, target);
  g_assert_true (sc_probe_form_is_valid (sc_probe_page_get_form (probe_page (f))));
  send_and_wait (f);

  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 200);
  rows = timeline (f);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_nonnull (find_row (f, "OPTIONS sip:127.0.0.1", 0));
  answer = find_row (f, NULL, 200);
  g_assert_nonnull (answer);
  /* A 200 to OPTIONS is no answered call: it is explained for the method it answers. */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (answer)), ==,
                   _("The server answered the OPTIONS request: it is up and reachable this way; its Allow and Supported headers list what it handles"));
  g_assert_true (g_str_has_prefix (sc_probe_event_row_get_raw (answer), "SIP/2.0 200 OK\n"));
  /* The rest of the response explained as the explain view does: Allow and Supported. */
  g_assert_nonnull (sc_test_app_find (GTK_WIDGET (answer), is_finding_row_to, "header:allow"));
  g_assert_nonnull (sc_test_app_find (GTK_WIDGET (answer), is_finding_row_to, "header:supported"));
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_nonnull (strstr (outcome, "200 OK"));
  g_assert_nonnull (strstr (outcome, "udp 127.0.0.1"));
  assert_sipp_succeeded (f);
  g_assert_cmpuint (history_length (f), ==, 1);

  /* Another target: the results of this one go. */
  g_clear_pointer (&outcome, g_free);
  type_target (f, "sip:127.0.0.1:5999");
  sc_test_app_drain ();
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = timeline (f);
  g_assert_cmpuint (rows->len, ==, 0);
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_cmpstr (outcome, ==, "");
}

static void
test_invite_428 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *target = local_target (f);
  g_autofree char *outcome = NULL;
  g_autofree char *body = NULL;
  ScProbeForm *form = sc_probe_page_get_form (probe_page (f));
  ScProbeEventRow *row;
  g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (f->db, 428, NULL);
  ScKbLang lang = g_strcmp0 (g_getenv ("LANGUAGE"), "ja") == 0 ? SC_KB_LANG_JA : SC_KB_LANG_EN;

  start_sipp (f, "uas-invite-428.xml");
  type_target (f, target);
  sc_probe_form_set_method (form, "INVITE");
  body = sc_probe_form_get_body (form);
  g_assert_nonnull (strstr (body, "m=audio 9 RTP/AVP"));
  send_and_wait (f);

  g_assert_nonnull (find_row (f, NULL, 180));
  row = find_row (f, NULL, 428);
  g_assert_nonnull (row);
  g_assert_nonnull (find_row (f, "ACK sip:", 0));
  /* The SDP went out with the probe's own address in place of [local_ip]. */
  g_assert_nonnull (strstr (sc_probe_event_row_get_raw (find_row (f, "INVITE sip:", 0)), "c=IN IP4 127.0.0.1"));
  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 428);
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_nonnull (strstr (outcome, sc_kb_entry_get_text (entry, lang)->summary));
  g_assert_nonnull (strstr (outcome, sc_kb_database_term (f->db, "Label", "fixes", lang)));
  g_assert_nonnull (strstr (outcome, sc_kb_entry_get_text (entry, lang)->fixes[0]));
  assert_sipp_succeeded (f);

  /* Another content language: the explanations follow, the exchange stays. */
  {
    ScKbLang other = lang == SC_KB_LANG_JA ? SC_KB_LANG_EN : SC_KB_LANG_JA;
    const char *summary = sc_kb_entry_get_text (entry, other)->summary;
    g_autofree char *again = NULL;

    g_settings_set_string (f->settings, "content-language", other == SC_KB_LANG_JA ? "ja" : "en");
    sc_test_app_drain ();
    again = sc_probe_page_get_outcome_text (probe_page (f));
    g_assert_nonnull (strstr (again, summary));
    g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, summary);
    g_assert_nonnull (find_row (f, NULL, 180));
  }

  /* The chip of the 428 row opens its page. */
  g_signal_emit_by_name (row, "code-activated", 428);
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "code");
  g_assert_cmpuint (sc_kb_entry_get_code (sc_code_page_get_entry (sc_window_get_code_page (f->window))), ==, 428);
}

static void
test_silent_server_times_out (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *target = local_target (f);
  g_autofree char *outcome = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) history = NULL;

  start_sipp (f, "uas-silent.xml");
  type_target (f, target);
  sc_probe_form_set_timeout (sc_probe_page_get_form (probe_page (f)), 2);
  send_and_wait (f);

  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 0);
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_true (g_str_has_prefix (outcome, _("No Final Response")));
  g_assert_nonnull (strstr (outcome, _("What to check")));
  rows = timeline (f);
  g_assert_cmpuint (rows->len, >=, 2);   /* the request and at least one retransmission */
  history = sc_user_store_probes (f->store, 1);
  /* Kept as a key, named in the interface language when shown: a Japanese window shows
   * 「最終応答なし」 also for probes made in English, and for those kept before keys were. */
  g_assert_cmpstr (((ScProbeRecord *) history->pdata[0])->outcome, ==, "failure:timeout");
  g_assert_cmpstr (sc_probe_outcome_title_of_kept ("failure:timeout"), ==, _("No Final Response"));
  g_assert_cmpstr (sc_probe_outcome_title_of_kept ("No Final Response"), ==, _("No Final Response"));
  g_assert_null (sc_probe_outcome_title_of_kept ("OK"));
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* As the app's own main loop runs: blocking iterations, whatever the frame clock keeps ready.
 * Returns the seconds it took, or fails after @limit_s. */
static double
run_until (gboolean (*done) (gpointer), gpointer data, double limit_s, const char *what)
{
  gint64 start = g_get_monotonic_time ();
  guint waker = g_timeout_add (100, wake_up, NULL);

  while (!done (data))
    {
      if (g_get_monotonic_time () - start > limit_s * G_USEC_PER_SEC)
        g_error ("waited %.0f s for %s", limit_s, what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* A UDP port that reads and never answers, not even with "port unreachable". */
static GSocket *
bind_silent_port (guint port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GError) error = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  return socket;
}

static void
send_to_silent (Fixture *f,
                guint    limit_s)
{
  g_autofree char *target = local_target (f);

  type_target (f, target);
  sc_probe_form_set_timeout (sc_probe_page_get_form (probe_page (f)), limit_s);
  sc_probe_page_send (probe_page (f));
}

/* The probe ends within its time limit while the spinner turns, whatever the renderer: its
 * completion is not left to an idle that redrawing would starve. */
static void
test_silent_ends_within_limit (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GSocket) silent = bind_silent_port (f->port);
  g_autofree char *outcome = NULL;
  double took;

  send_to_silent (f, 10);
  took = run_until (probe_finished, probe_page (f), 40, "the probe to end at its 10 s limit");
  g_assert_cmpfloat (took, <, 20);   /* 10 s, and nothing near the minutes it took when starved */
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_true (g_str_has_prefix (outcome, _("No Final Response")));
}

/* Cancel ends a probe that waits for a silent server at once, not at its limit. */
static void
test_cancel_silent (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSocket) silent = bind_silent_port (f->port);
  g_autofree char *outcome = NULL;
  double took;

  send_to_silent (f, 60);
  run_until (has_rows, f, 30, "the request to be sent");
  sc_probe_page_cancel (probe_page (f));
  took = run_until (probe_finished, probe_page (f), 30, "the cancelled probe to end");
  g_assert_cmpfloat (took, <, 10);
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_true (g_str_has_prefix (outcome, _("Cancelled")));
}

/* A peer that floods the pane with 100,000 datagrams and never answers: the probe still ends
 * at its limit, the window keeps drawing, and the flood is counted instead of drawn row by row
 * (it once took 27 s and 142 MB for 100,000 rows). */
static void
test_flood_ends_on_time (Fixture       *f,
                         gconstpointer  data)
{
  ScTestFlood *flood = sc_test_flood_start (100000, 0);
  g_autofree char *target = g_strdup_printf ("sip:127.0.0.1:%u", sc_test_flood_port (flood));
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *outcome = NULL;
  double took;

  type_target (f, target);
  sc_probe_form_set_timeout (sc_probe_page_get_form (probe_page (f)), 3);
  sc_probe_page_send (probe_page (f));
  took = run_until (probe_finished, probe_page (f), 60, "the flooded probe to end at its 3 s limit");
  sc_test_flood_finish (flood);
  g_assert_cmpfloat (took, <, 15);
  rows = timeline (f);
  g_assert_cmpuint (rows->len, <=, SC_SIP_PROBE_MAX_EVENTS + 20);
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_true (g_str_has_prefix (outcome, _("No Final Response")));
}

/* A reason phrase with an escape sequence, a bell and a byte that is not UTF-8: the pane, the
 * raw view and the history show them as \xNN, never as raw control characters. */
static void
test_hostile_reason_shown (Fixture       *f,
                           gconstpointer  data)
{
  ScTestFlood *peer = sc_test_flood_start_with_reason (0, 200, "O\x1b[2J\x07\xffK");
  g_autofree char *target = g_strdup_printf ("sip:127.0.0.1:%u", sc_test_flood_port (peer));
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *outcome = NULL;

  type_target (f, target);
  send_and_wait (f);
  sc_test_flood_finish (peer);
  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 200);
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_nonnull (strstr (outcome, "O\\x1B[2J\\x07"));
  g_assert_null (strchr (outcome, '\x1b'));
  rows = timeline (f);
  for (guint i = 0; i < rows->len; i++)
    g_assert_null (strchr (sc_probe_event_row_get_raw (rows->pdata[i]), '\x1b'));
  history = sc_user_store_probes (f->store, 1);
  g_assert_null (strchr (((ScProbeRecord *) history->pdata[0])->outcome, '\x1b'));
}

/* REGISTER asks for an address of record as the form is filled: none at all is said under the
 * Registration group and Send stays off; a username is enough. Other methods hide the group. */
static void
test_register_needs_an_address (Fixture       *f,
                                gconstpointer  data)
{
  ScProbeForm *form = sc_probe_page_get_form (probe_page (f));

  type_target (f, "sip:127.0.0.1:5060");
  sc_probe_form_set_method (form, "REGISTER");
  sc_test_app_drain ();
  g_assert_true (sc_probe_form_shows_registration (form));
  g_assert_false (sc_probe_form_is_valid (form));
  g_assert_nonnull (strstr (sc_probe_form_get_registration_problem (form), "sip:alice@127.0.0.1"));
  sc_probe_form_set_username (form, "alice");
  sc_test_app_drain ();
  g_assert_true (sc_probe_form_is_valid (form));
  g_assert_null (sc_probe_form_get_registration_problem (form));
  sc_probe_form_set_username (form, "");
  sc_probe_form_set_registration (form, "no user here", 60, FALSE);
  sc_test_app_drain ();
  g_assert_false (sc_probe_form_is_valid (form));
  sc_probe_form_set_method (form, "OPTIONS");
  sc_test_app_drain ();
  g_assert_false (sc_probe_form_shows_registration (form));
  g_assert_true (sc_probe_form_is_valid (form));
}

/* REGISTER from the pane to ejabberd, a registrar that insists on the user in To: the address
 * of record and lifetime from the form go out, the registration succeeds, and the history
 * keeps them for the next time. */
static void
test_register_at_strict_registrar (Fixture       *f,
                                   gconstpointer  data)
{
  ScTestPeer *ejabberd = sc_test_ejabberd_start ();
  g_autofree char *target = sc_test_peer_uri (ejabberd, NULL);
  ScProbeForm *form = sc_probe_page_get_form (probe_page (f));
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *outcome = NULL;
  const char *raw;
  ScProbeRecord *saved;

  type_target (f, target);
  sc_probe_form_set_method (form, "REGISTER");
  sc_probe_form_set_username (form, "alice");
  sc_probe_form_set_password (form, "secret");
  sc_probe_form_set_registration (form, "sip:alice@127.0.0.1", 120, FALSE);
  send_and_wait (f);
  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 200);
  raw = sc_probe_event_row_get_raw (find_row (f, "REGISTER", 0));
  g_assert_nonnull (strstr (raw, "To: <sip:alice@127.0.0.1>"));
  g_assert_nonnull (strstr (raw, "Expires: 120"));
  history = sc_user_store_probes (f->store, 1);
  saved = history->pdata[0];
  g_assert_cmpstr (saved->aor, ==, "sip:alice@127.0.0.1");
  g_assert_cmpuint (saved->expires, ==, 120);

  /* A wrong password: the second 401 is explained as refused credentials, not a challenge. */
  sc_probe_form_set_password (form, "wrong");
  send_and_wait (f);
  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 401);
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_nonnull (strstr (outcome, sc_sip_probe_note_describe (SC_SIP_PROBE_NOTE_CREDENTIALS_REJECTED)));
  sc_test_peer_stop (ejabberd);
}

/* Over TCP, an INVITE with an Identity header from the form, challenged and sent again with
 * credentials: SIPp checks Identity and Date on both INVITEs and none on the ACK. */
static void
test_identity_digest_over_tcp (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *target = local_target (f);
  ScProbeForm *form = sc_probe_page_get_form (probe_page (f));
  g_autofree char *outcome = NULL;
  ScProbeEventRow *invite;

  start_sipp_on (f, "uas-invite-digest-identity.xml", "t1");
  type_target (f, target);
  sc_probe_form_set_transport (form, "tcp");
  sc_probe_form_set_method (form, "INVITE");
  sc_probe_form_set_username (form, "alice");
  sc_probe_form_set_password (form, "secret");
  sc_probe_form_set_identity (form, "eyJhbGciOiJFUzI1NiJ9.eyJ0ZXN0Ijp0cnVlfQ.c2ln;info=<https://cert.example.test/sp.pem>;alg=ES256;ppt=shaken");
  sc_test_app_drain ();
  g_assert_true (sc_probe_form_is_valid (form));
  send_and_wait (f);

  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 200);
  invite = find_row (f, "INVITE sip:", 0);
  g_assert_nonnull (strstr (sc_probe_event_row_get_raw (invite), "\nIdentity: eyJhbGciOiJFUzI1NiJ9."));
  g_assert_nonnull (strstr (sc_probe_event_row_get_raw (invite), "\nDate: "));
  g_assert_nonnull (strstr (sc_probe_event_row_get_raw (invite), "Via: SIP/2.0/TCP "));
  g_assert_nonnull (find_row (f, NULL, 401));
  g_assert_nonnull (find_row (f, "BYE sip:", 0));
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_nonnull (strstr (outcome, "tcp 127.0.0.1"));
  assert_sipp_succeeded (f);
}

/* Next to the Identity row: 428, 436, 437 and 438 with their summaries; each opens its page. */
static void
test_identity_explained (Fixture       *f,
                         gconstpointer  data)
{
  ScProbeForm *form = sc_probe_page_get_form (probe_page (f));
  const guint codes[] = { 428, 436, 437, 438 };
  ScKbLang lang = g_strcmp0 (g_getenv ("LANGUAGE"), "ja") == 0 ? SC_KB_LANG_JA : SC_KB_LANG_EN;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      GtkWidget *row = sc_probe_form_get_identity_explanation (form, codes[i]);
      g_autoptr(ScKbEntry) entry = sc_kb_database_lookup (f->db, codes[i], NULL);

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, sc_kb_entry_get_text (entry, lang)->summary);
    }
  g_signal_emit_by_name (sc_probe_form_get_identity_explanation (form, 438), "activated");
  sc_test_app_drain ();
  g_assert_cmpstr (sc_window_get_view_name (f->window), ==, "code");
  g_assert_cmpuint (sc_kb_entry_get_code (sc_code_page_get_entry (sc_window_get_code_page (f->window))), ==, 438);
}

/* A P-256 key in PEM and its certificate, made by openssl in @dir. */
static void
make_stir_key (const char *dir,
               char      **key_path,
               char      **cert_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) genkey = NULL, req = NULL;

  *key_path = g_build_filename (dir, "stir-key.pem", NULL);
  *cert_path = g_build_filename (dir, "stir-cert.pem", NULL);
  genkey = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, "openssl", "ecparam", "-name", "prime256v1", "-genkey",
                             "-noout", "-out", *key_path, NULL);
  g_assert_true (g_subprocess_wait_check (genkey, NULL, &error));
  req = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, "openssl", "req", "-new", "-x509", "-key", *key_path,
                          "-out", *cert_path, "-days", "2", "-subj", "/CN=SIP Codes app test", NULL);
  g_assert_true (g_subprocess_wait_check (req, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
key_read (gpointer data)
{
  return !sc_probe_signing_is_loading (data);
}

/* Signing from the pane: the key chosen once (by path), the certificate URL, attestation B and
 * the calling number; Kamailio's verifier (libsecsipid) accepts the INVITE. The history keeps
 * the key's path, never the key, and a probe filled from it signs again; a key gone from disk
 * stops the probe before anything is sent and says why. */
static void
test_sign_each_request (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *key_path = NULL, *cert_path = NULL;
  ScTestKamailio *k = NULL;
  g_autofree char *target = NULL, *outcome = NULL;
  ScProbeForm *form = sc_probe_page_get_form (probe_page (f));
  ScProbeSigning *signing = sc_probe_form_get_signing (form);
  g_autoptr(GPtrArray) probes = NULL;
  ScProbeEventRow *answer;

  make_stir_key (f->dir, &key_path, &cert_path);
  k = sc_test_kamailio_start_stir ("127.0.0.1", cert_path);
  target = g_strdup_printf ("sip:+81398765432@127.0.0.1:%u", k->port);
  type_target (f, target);
  sc_probe_form_set_method (form, "INVITE");
  sc_probe_signing_set (signing, "", "B", "+81 3 1234 5678", NULL);
  sc_test_app_drain ();
  g_assert_false (sc_probe_form_is_valid (form));
  g_assert_cmpstr (sc_probe_signing_get_problem (signing), ==, _("Choose the private key that signs: a P-256 (prime256v1) key in PEM"));

  /* A certificate is not a key. */
  sc_probe_signing_set_key_path (signing, cert_path);
  wait_until (key_read, signing, "the key to be read");
  g_assert_false (sc_probe_form_is_valid (form));
  g_assert_nonnull (sc_probe_signing_get_problem (signing));

  sc_probe_signing_set_key_path (signing, key_path);
  wait_until (key_read, signing, "the key to be read");
  g_assert_false (sc_probe_form_is_valid (form));   /* no x5u yet */
  sc_probe_signing_set (signing, "https://cert.example.test/sp.pem", "B", "+81 3 1234 5678", NULL);
  sc_test_app_drain ();
  g_assert_null (sc_probe_signing_get_problem (signing));
  g_assert_true (sc_probe_form_is_valid (form));

  /* A pasted Identity as well would be ambiguous. */
  sc_probe_form_set_identity (form, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln;info=<https://cert.example.test/sp.pem>");
  sc_test_app_drain ();
  g_assert_false (sc_probe_form_is_valid (form));
  sc_probe_form_set_identity (form, "");
  sc_test_app_drain ();

  send_and_wait (f);
  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 480);
  g_assert_nonnull (strstr (sc_probe_event_row_get_raw (find_row (f, "INVITE sip:", 0)), "\nIdentity: eyJ"));
  g_assert_nonnull (strstr (sc_probe_event_row_get_raw (find_row (f, "INVITE sip:", 0)), ";alg=ES256;ppt=shaken"));
  answer = find_row (f, NULL, 480);
  g_assert_nonnull (strstr (sc_probe_event_row_get_raw (answer), "Warning: 399 verifier \"Identity verified\""));

  probes = sc_user_store_probes (f->store, 1);
  g_assert_cmpstr (((ScProbeRecord *) probes->pdata[0])->sign_key, ==, key_path);
  g_assert_cmpstr (((ScProbeRecord *) probes->pdata[0])->sign_attest, ==, "B");

  /* From the history after a restart: the same signing, and the verifier agrees again. */
  close_window (f);
  f->window = open_window (f);
  form = sc_probe_page_get_form (probe_page (f));
  signing = sc_probe_form_get_signing (form);
  sc_probe_form_fill (form, probes->pdata[0]);
  wait_until (key_read, signing, "the key to be read");
  g_assert_true (sc_probe_signing_is_enabled (signing));
  g_assert_true (sc_probe_form_is_valid (form));
  send_and_wait (f);
  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 480);

  /* The key moved away after it was chosen: nothing is sent, and the pane says why. */
  g_assert_cmpint (g_remove (key_path), ==, 0);
  send_and_wait (f);
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_true (g_str_has_prefix (outcome, _("Cannot Send This Request")));
  g_assert_nonnull (strstr (outcome, "stir-key.pem"));
  g_assert_null (find_row (f, "INVITE sip:", 0));
  g_remove (cert_path);
  sc_test_kamailio_stop (k);
}

static guint
trusted_length (Fixture *f)
{
  return sc_test_app_count_rows (sc_probe_page_get_trusted_list (probe_page (f)), ADW_TYPE_ACTION_ROW);
}

/* Kamailio over TLS with a self-signed certificate: the probe stops and says why; trusting the
 * certificate for 127.0.0.1 sends again and registers (digest over TLS); the choice is listed,
 * survives a restart, and once removed the certificate is refused again. */
static void
test_tls_trust_by_choice (Fixture       *f,
                          gconstpointer  data)
{
  ScTestKamailio *k = sc_test_kamailio_start_full ("127.0.0.1", "SHA-256", "IP:127.0.0.1");
  g_autofree char *target = g_strdup_printf ("sips:127.0.0.1:%u", k->tls_port);
  g_autoptr(ScTrustedCertificate) trusted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;
  ScProbeForm *form = sc_probe_page_get_form (probe_page (f));

  type_target (f, target);
  sc_probe_form_set_method (form, "REGISTER");
  sc_probe_form_set_username (form, "alice");
  sc_probe_form_set_password (form, "secret");
  send_and_wait (f);
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_assert_true (g_str_has_prefix (outcome, _("Certificate Not Trusted")));
  g_assert_nonnull (strstr (outcome, _("signed by an unknown authority")));
  g_assert_true (sc_probe_page_can_trust (probe_page (f)));
  g_assert_null (find_row (f, "REGISTER", 0));        /* nothing was sent */

  sc_probe_page_trust_rejected_certificate (probe_page (f));
  wait_until (probe_finished, probe_page (f), "the probe sent again");
  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 200);
  g_assert_nonnull (strstr (sc_probe_event_row_get_raw (find_row (f, "REGISTER", 0)), "Via: SIP/2.0/TLS "));
  g_assert_cmpuint (trusted_length (f), ==, 1);
  trusted = sc_user_store_trusted_certificate (f->store, "127.0.0.1");
  g_assert_nonnull (trusted);

  close_window (f);
  f->window = open_window (f);
  g_assert_cmpuint (trusted_length (f), ==, 1);
  type_target (f, target);
  sc_probe_form_set_method (sc_probe_page_get_form (probe_page (f)), "REGISTER");
  sc_probe_form_set_username (sc_probe_page_get_form (probe_page (f)), "alice");
  send_and_wait (f);
  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 401);   /* trusted; no password now */

  g_signal_emit_by_name (sc_test_app_find_widget (GTK_WIDGET (gtk_list_box_get_row_at_index (sc_probe_page_get_trusted_list (probe_page (f)), 0)),
                                          GTK_TYPE_BUTTON), "clicked");
  sc_test_app_drain ();
  g_assert_cmpuint (trusted_length (f), ==, 0);
  send_and_wait (f);
  g_assert_true (sc_probe_page_can_trust (probe_page (f)));
  sc_test_kamailio_stop (k);
}

static gboolean
ringing (gpointer data)
{
  Fixture *f = data;

  return find_row (f, NULL, 180) != NULL;
}

/* Still waiting for the final response; if not, what ended it, so that a failure says why. */
static void
assert_still_busy (Fixture *f)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) seen = NULL;
  g_autofree char *outcome = NULL;

  if (sc_probe_page_is_busy (probe_page (f)))
    return;
  rows = timeline (f);
  seen = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (seen, "--\n%s\n", sc_probe_event_row_get_raw (rows->pdata[i]));
  outcome = sc_probe_page_get_outcome_text (probe_page (f));
  g_error ("the probe ended while it should ring: %s\n%s", outcome, seen->str);
}

static void
test_cancel_while_ringing (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *target = local_target (f);

  start_sipp (f, "uas-invite-ring.xml");
  type_target (f, target);
  sc_probe_form_set_method (sc_probe_page_get_form (probe_page (f)), "INVITE");
  sc_probe_page_send (probe_page (f));
  wait_until (ringing, f, "the 180 to show");
  assert_still_busy (f);
  sc_probe_page_cancel (probe_page (f));
  wait_until (probe_finished, probe_page (f), "the probe to end after Cancel");

  g_assert_nonnull (find_row (f, "CANCEL sip:", 0));
  g_assert_nonnull (find_row (f, NULL, 487));
  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 487);
  assert_sipp_succeeded (f);
}

/* Closing the window mid-call still cancels the call properly: SIPp sees CANCEL and the ACK. */
static void
test_close_while_ringing (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *target = local_target (f);
  g_autoptr(GPtrArray) history = NULL;

  start_sipp (f, "uas-invite-ring.xml");
  type_target (f, target);
  sc_probe_form_set_method (sc_probe_page_get_form (probe_page (f)), "INVITE");
  sc_probe_page_send (probe_page (f));
  wait_until (ringing, f, "the 180 to show");
  close_window (f);
  assert_sipp_succeeded (f);
  sc_test_app_drain ();
  history = sc_user_store_probes (f->store, 10);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpuint (((ScProbeRecord *) history->pdata[0])->status, ==, 487);
}

static void
test_history_after_restart (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *target = local_target (f);
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *first;
  g_autoptr(ScProbeRecord) refilled = NULL;

  start_sipp (f, "uas-options-200.xml");
  type_target (f, target);
  sc_probe_form_add_header_row (sc_probe_page_get_form (probe_page (f)), "X-Ticket: 4711");
  send_and_wait (f);
  assert_sipp_succeeded (f);

  close_window (f);
  g_clear_object (&f->store);
  f->store = sc_user_store_open (f->user_db, &error);
  g_assert_no_error (error);
  f->window = open_window (f);
  g_assert_cmpuint (history_length (f), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (sc_probe_form_get_target_editable (sc_probe_page_get_form (probe_page (f)))), ==, "");

  first = gtk_list_box_get_row_at_index (sc_probe_page_get_history_list (probe_page (f)), 0);
  g_signal_emit_by_name (sc_probe_page_get_history_list (probe_page (f)), "row-activated", first);
  sc_test_app_drain ();
  refilled = sc_probe_form_to_record (sc_probe_page_get_form (probe_page (f)));
  g_assert_cmpstr (refilled->target, ==, target);
  g_assert_cmpstr (refilled->method, ==, "OPTIONS");
  g_assert_cmpstr (refilled->headers[0], ==, "X-Ticket: 4711");
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* One entry deleted by its button; then all, after saying yes to the question. */
static void
test_history_delete_and_clear (Fixture       *f,
                               gconstpointer  data)
{
  GtkListBox *list = sc_probe_page_get_history_list (probe_page (f));
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GPtrArray) none = NULL;
  GtkWidget *clear;
  AdwMessageDialog *dialog;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ScProbeRecord) record = sc_probe_record_new ();
      record->target = g_strdup_printf ("sip:host%u.example.test", i);
      record->transport = g_strdup ("auto");
      record->method = g_strdup ("OPTIONS");
      record->status = 200;
      record->outcome = g_strdup ("OK");
      g_assert_true (sc_user_store_add_probe (f->store, record, NULL));
    }
  close_window (f);
  f->window = open_window (f);
  list = sc_probe_page_get_history_list (probe_page (f));
  g_assert_cmpuint (history_length (f), ==, 3);

  /* The newest first: deleting the first row deletes host2. */
  g_signal_emit_by_name (sc_test_app_find_widget (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), GTK_TYPE_BUTTON), "clicked");
  sc_test_app_drain ();
  g_assert_cmpuint (history_length (f), ==, 2);
  left = sc_user_store_probes (f->store, 10);
  g_assert_cmpuint (left->len, ==, 2);
  g_assert_cmpstr (((ScProbeRecord *) left->pdata[0])->target, ==, "sip:host1.example.test");

  clear = gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_PREFERENCES_GROUP);
  g_signal_emit_by_name (sc_test_app_find_widget (clear, GTK_TYPE_BUTTON), "clicked");
  sc_test_app_drain ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  sc_test_app_drain ();
  g_assert_cmpuint (history_length (f), ==, 2);
  g_signal_emit_by_name (sc_test_app_find_widget (clear, GTK_TYPE_BUTTON), "clicked");
  sc_test_app_drain ();
  adw_message_dialog_response (find_dialog (), "clear");
  sc_test_app_drain ();
  g_assert_cmpuint (history_length (f), ==, 0);
  none = sc_user_store_probes (f->store, 10);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_target_checked_as_typed (Fixture       *f,
                              gconstpointer  data)
{
  ScProbeForm *form = sc_probe_page_get_form (probe_page (f));

  type_target (f, "sip:pbx.example.test;transport=sctp");
  g_assert_false (sc_probe_form_is_valid (form));
  g_assert_nonnull (sc_probe_form_get_target_problem (form));
  type_target (f, "sips:pbx.example.test");
  g_assert_true (sc_probe_form_is_valid (form));
  g_assert_null (sc_probe_form_get_target_problem (form));
  sc_probe_form_set_transport (form, "udp");
  sc_test_app_drain ();
  g_assert_false (sc_probe_form_is_valid (form));
  g_assert_nonnull (sc_probe_form_get_target_problem (form));
  sc_probe_form_set_transport (form, NULL);
  sc_test_app_drain ();
  g_assert_true (sc_probe_form_is_valid (form));
  sc_probe_form_add_header_row (form, "no colon here");
  sc_test_app_drain ();
  g_assert_false (sc_probe_form_is_valid (form));
  g_assert_nonnull (sc_probe_form_get_headers_problem (form));
}

/* An Identity typed as an extra header is sent back to the Identity row, so one value is sent. */
static void
test_identity_only_in_its_row (Fixture       *f,
                               gconstpointer  data)
{
  ScProbeForm *form = sc_probe_page_get_form (probe_page (f));
  GtkEditable *row;

  type_target (f, "sip:pbx.example.test");
  g_assert_true (sc_probe_form_is_valid (form));
  row = sc_probe_form_add_header_row (form, "identity: eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
  sc_test_app_drain ();
  g_assert_false (sc_probe_form_is_valid (form));
  g_assert_cmpstr (sc_tooltip_get (GTK_WIDGET (row)), ==, _("Put the Identity header in the Identity row below"));
  g_assert_cmpstr (sc_probe_form_get_headers_problem (form), ==, _("Put the Identity header in the Identity row below"));
  gtk_editable_set_text (row, "X-Identity-Note: fine");
  sc_test_app_drain ();
  g_assert_true (sc_probe_form_is_valid (form));
  g_assert_null (sc_probe_form_get_headers_problem (form));
}

static gboolean
keyring_checked (gpointer data)
{
  return sc_probe_page_keyring_checked (data);
}

/* No Secret Service on the bus: the pane works and says passwords will not be remembered. */
static void
test_without_keyring (Fixture       *f,
                      gconstpointer  data)
{
  ScProbeForm *form = sc_probe_page_get_form (probe_page (f));
  g_autofree char *expected = g_strdup_printf (_("Passwords will not be remembered: %s"), "");

  wait_until (keyring_checked, probe_page (f), "the keyring check");
  g_assert_false (sc_probe_form_can_remember (form));
  g_assert_false (sc_probe_form_get_remember (form));
  g_assert_true (g_str_has_prefix (sc_probe_form_get_remember_note (form), expected));
}

static gboolean
name_owned (gpointer data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                           G_VARIANT_TYPE ("(b)"), 0, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* gnome-keyring on our private bus, its login keyring in the test's folder, unlocked. */
static GSubprocess *
start_keyring (Fixture *f)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *run = g_build_filename (f->dir, "run", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *keyring;

  g_mkdir (run, 0700);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", run, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", f->dir, TRUE);
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--unlock", "--foreground",
                                         "--components=secrets", NULL);
  g_assert_no_error (error);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring), "test", 4, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring), NULL, NULL);
  wait_until (name_owned, NULL, "gnome-keyring to own org.freedesktop.secrets");
  return keyring;
}

static gboolean
password_filled (gpointer data)
{
  return g_str_equal (sc_probe_form_get_password (data), "secret");
}

static void
assert_file_lacks (const char *path,
                   const char *text)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;
  g_assert_null (g_strstr_len (contents, length, text));
}

/* Remembered in the keyring, found again in a new window; never in the user database. */
static void
test_keyring_remembers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSubprocess) keyring = start_keyring (f);
  g_autofree char *target = local_target (f);
  g_autofree char *wal = g_strconcat (f->user_db, "-wal", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  ScProbeForm *form;

  close_window (f);
  f->window = open_window (f);
  form = sc_probe_page_get_form (probe_page (f));
  wait_until (keyring_checked, probe_page (f), "the keyring check");
  g_assert_true (sc_probe_form_can_remember (form));

  start_sipp (f, "uas-digest.xml");
  type_target (f, target);
  sc_probe_form_set_username (form, "alice");
  sc_probe_form_set_password (form, "secret");
  sc_probe_form_set_remember (form, TRUE);
  send_and_wait (f);
  g_assert_cmpuint (sc_probe_page_get_final_status (probe_page (f)), ==, 200);
  assert_sipp_succeeded (f);
  rows = timeline (f);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    g_assert_null (strstr (sc_probe_event_row_get_raw (rows->pdata[i]), "secret"));
  assert_file_lacks (f->user_db, "secret");
  assert_file_lacks (wal, "secret");

  close_window (f);
  f->window = open_window (f);
  form = sc_probe_page_get_form (probe_page (f));
  wait_until (keyring_checked, probe_page (f), "the keyring check");
  type_target (f, target);
  sc_probe_form_set_username (form, "alice");
  wait_until (password_filled, form, "the remembered password");
  g_assert_true (sc_probe_form_get_remember (form));

  close_window (f);
  g_subprocess_force_exit (keyring);
  g_subprocess_wait (keyring, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *display = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SIP_CODES_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* A private session bus: no keyring on it unless a test starts one. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* GTestDBus unsets DISPLAY against X11 autolaunch; our window needs Xvfb's. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
#define ADD(path, fn) g_test_add ("/app/probe/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("options-200", test_options_200);
  ADD ("invite-428", test_invite_428);
  ADD ("identity-digest-over-tcp", test_identity_digest_over_tcp);
  ADD ("identity-explained", test_identity_explained);
  ADD ("sign-each-request", test_sign_each_request);
  ADD ("silent-server-times-out", test_silent_server_times_out);
  ADD ("silent-ends-within-limit", test_silent_ends_within_limit);
  ADD ("cancel-silent", test_cancel_silent);
  ADD ("flood-ends-on-time", test_flood_ends_on_time);
  ADD ("hostile-reason-shown", test_hostile_reason_shown);
  ADD ("register-needs-an-address", test_register_needs_an_address);
  ADD ("register-at-strict-registrar", test_register_at_strict_registrar);
  ADD ("cancel-while-ringing", test_cancel_while_ringing);
  ADD ("close-while-ringing", test_close_while_ringing);
  ADD ("history-after-restart", test_history_after_restart);
  ADD ("history-delete-and-clear", test_history_delete_and_clear);
  ADD ("tls-trust-by-choice", test_tls_trust_by_choice);
  ADD ("target-checked-as-typed", test_target_checked_as_typed);
  ADD ("identity-only-in-its-row", test_identity_only_in_its_row);
  /* In this order: the keyring stays on the bus once started. */
  ADD ("without-keyring", test_without_keyring);
  ADD ("keyring-remembers", test_keyring_remembers);
#undef ADD
  status = g_test_run ();
  /* GTK and libsecret keep the bus connection for the life of the process, so only the bus
   * itself is stopped (g_test_dbus_down() would wait for the connection to go). */
  secret_service_disconnect ();
  g_test_dbus_stop (bus);
  return status;
}
