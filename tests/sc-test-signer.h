/* A signer for tests: records what it was asked and answers as told. */
#pragma once

#include "sc-sip-identity-signer.h"

G_BEGIN_DECLS

typedef enum {
  SC_TEST_SIGNER_COUNTING,   /* "token-N;info=<…>": a new value for every call */
  SC_TEST_SIGNER_FAILING,    /* an error */
  SC_TEST_SIGNER_SILENT,     /* NULL without an error: a broken signer */
} ScTestSignerMode;

typedef struct {
  char   *method;
  char   *from_uri;
  char   *to_uri;
  gint64  date_unix;
  char   *value;               /* what was given back; NULL unless counting */
} ScTestSignerCall;

#define SC_TEST_TYPE_SIGNER (sc_test_signer_get_type ())
G_DECLARE_FINAL_TYPE (ScTestSigner, sc_test_signer, SC_TEST, SIGNER, GObject)

ScTestSigner           *sc_test_signer_new       (ScTestSignerMode  mode);
guint                   sc_test_signer_get_n_calls (ScTestSigner   *self);
const ScTestSignerCall *sc_test_signer_get_call  (ScTestSigner     *self,
                                                  guint             index);

G_END_DECLS
