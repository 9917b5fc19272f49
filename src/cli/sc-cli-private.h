#pragma once

#include <glib/gi18n.h>

#include "sc-cli.h"
#include "sc-kb-database.h"
#include "sc-sip-printable.h"

G_BEGIN_DECLS

/* What every knowledge-base subcommand parses: --lang and --json. */
typedef struct {
  char     *lang_name;
  gboolean  json;
  ScKbLang  lang;
} ScCliCommon;

int      sc_cli_usage_error    (const char     *command,
                                const char     *format,
                                ...) G_GNUC_PRINTF (2, 3);
gboolean sc_cli_parse          (GOptionContext *context,
                                ScCliCommon    *common,
                                int            *argc,
                                char         ***argv,
                                const char     *command,
                                int            *exit_status);
gboolean sc_cli_parse_code     (const char     *text,
                                guint          *out_code);
ScKbDatabase *sc_cli_open_database (int        *exit_status);
void     sc_cli_print_nearest  (ScKbDatabase   *db,
                                GArray         *codes,
                                ScKbLang        lang);

int sc_cli_lookup  (int argc, char **argv);
int sc_cli_search  (int argc, char **argv);
int sc_cli_compare (int argc, char **argv);
int sc_cli_list    (int argc, char **argv);
int sc_cli_parse_message (int argc, char **argv);
int sc_cli_probe (int argc, char **argv);
int sc_cli_rfc   (int argc, char **argv);
int sc_cli_explain (int argc, char **argv);
int sc_cli_identity (int argc, char **argv);
int sc_cli_capture (int argc, char **argv);

G_END_DECLS
