#include "sc-test-kb.h"

#include <locale.h>

ScKbDatabase *
sc_test_kb_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GError) error = NULL;
  ScKbDatabase *db;

  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  db = sc_kb_database_open_default (&error);
  g_assert_no_error (error);
  return db;
}

/* Runs the tests, then closes the database so that the sanitizers see no leak. */
int
sc_test_kb_run (ScKbDatabase **db)
{
  int status = g_test_run ();

  g_clear_object (db);
  return status;
}
