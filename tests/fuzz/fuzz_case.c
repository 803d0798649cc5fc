/*
** fuzz_case.c -- libFuzzer target: any bytes as a case, evaluated against
** the core rule set (with and without explain). The engine must return a
** status, never crash, leak or hang past its deadline, and a result's
** JSON text (written straight from Lua) must be JSON jansson reads.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "threshold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static th_engine *engine;

static void setup(void) {
  const char *dir = getenv("THRESHOLD_FUZZ_RULES");
  if (th_engine_new(&engine, 0) != TH_OK ||
      th_engine_load(engine, dir ? dir : "rules/core") != TH_OK)
    abort();                      /* a harness problem, not a finding */
  th_engine_limit(engine, TH_LIMIT_DEADLINE_MS, 2000);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (engine == NULL)
    setup();
  th_result *r = NULL;
  unsigned flags = size > 0 && (data[0] & 1) ? TH_EVAL_EXPLAIN : 0;
  int st = th_eval(engine, (const char *)data, size, flags, &r);
  if (st == TH_OK) {
    json_t *doc = th_result_json(r) ? json_loads(th_result_json(r), 0, NULL) : NULL;
    if (doc == NULL || th_result_text(r) == NULL)
      abort();
    json_decref(doc);
    th_result_free(r);
  } else if (r != NULL || th_errmsg(engine)[0] == '\0') {
    abort();                      /* failure must leave out NULL, say why */
  }
  return 0;
}
