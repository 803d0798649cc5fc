/*
** fuzz_case.c -- libFuzzer target: any bytes as a case, evaluated against
** the core rule set, or THRESHOLD_FUZZ_RULES (with and without explain,
** and brief, which a set like bench/rules reads flat). The engine must
** return a status, never crash, leak or hang past its deadline; a result's
** JSON text (written straight from Lua) must be JSON jansson reads, and be
** the same the general ways (THI_EVAL_INTERPRET) give, unless it lists an
** error (a time limit may stop one way and not the other).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static th_engine *engine;

static void setup(void) {
  const char *dir = getenv("THRESHOLD_FUZZ_RULES");
  if (th_engine_new(&engine, 0) != TH_OK ||
      th_engine_load(engine, dir ? dir : "rules/core") != TH_OK)
    abort();                      /* a harness problem, not a finding */
  th_engine_limit(engine, TH_LIMIT_DEADLINE_MS, 2000);
  th_engine_set_default_date(engine, "2026-01-01");   /* a case may omit it */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (engine == NULL)
    setup();
  th_result *r = NULL;
  unsigned flags = size == 0 ? 0 : ((data[0] & 1) ? TH_EVAL_EXPLAIN : 0) |
                                   ((data[0] & 2) ? TH_EVAL_BRIEF : 0);  /* brief: flat */
  int st = th_eval(engine, (const char *)data, size, flags, &r);
  if (st == TH_OK) {
    json_t *doc = th_result_json(r) ? json_loads(th_result_json(r), 0, NULL) : NULL;
    if (doc == NULL || th_result_text(r) == NULL)
      abort();
    json_decref(doc);
    th_result *g = NULL;           /* the general ways give the same bytes */
    if (thi_eval_flags(engine, (const char *)data, size, flags | THI_EVAL_INTERPRET, &g) != TH_OK ||
        (th_result_error_count(r) == 0 && strcmp(th_result_json(r), th_result_json(g)) != 0)) {
      fprintf(stderr, "fuzz_case: the fast and general ways differ\n%s\n%s\n",
              th_result_json(r), g ? th_result_json(g) : "(no result)");
      abort();
    }
    th_result_free(g);
    th_result_free(r);
  } else if (r != NULL || th_errmsg(engine)[0] == '\0') {
    abort();                      /* failure must leave out NULL, say why */
  }
  return 0;
}
