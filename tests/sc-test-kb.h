#pragma once

#include "sc-kb-database.h"

/* The knowledge base every kb test reads: SIP_CODES_DB, the one built from data/. */
ScKbDatabase *sc_test_kb_init (int    *argc,
                               char ***argv);
int           sc_test_kb_run  (ScKbDatabase **db);
