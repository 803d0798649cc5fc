/*
** test_api.c -- promises threshold.h makes about every public call:
**  - th_eval refuses flags it does not know with TH_MISUSE, and says which
**    (the engine's own test flag included: it is not part of the API);
**  - every call that reads or changes an engine takes the one-thread guard:
**    while another call holds the engine it is refused with TH_MISUSE and
**    changes nothing, not even th_errmsg.
*/
#include <stdatomic.h>

#include "internal.h"
#include "support.h"

static char core[1024];      /* set once by main */

static th_engine *core_engine(void) {
  if (core[0] == '\0')
    skip();
  th_engine *e = load_set(core);
  assert_int_equal(th_engine_set_default_date(e, "2026-11-02"), TH_OK);
  return e;
}

static const char a_case[] = "{\"id\":\"api-1\",\"child\":{\"dob\":\"2018-05-01\"}}";

static void unknown_eval_flags_are_misuse(void **state) {
  (void)state;
  th_engine *e = core_engine();
  th_result *r = NULL;
  static const unsigned bad[] = {0x10u, 0x100u, 0x40000000u, THI_EVAL_INTERPRET,
                                 TH_EVAL_BRIEF | 0x20u};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    r = (th_result *)1;
    assert_int_equal(th_eval(e, a_case, strlen(a_case), bad[i], &r), TH_MISUSE);
    assert_null(r);
    assert_true(contains(th_errmsg(e), "unknown flags"));
  }
  assert_int_equal(th_eval(NULL, a_case, strlen(a_case), 0x10u, &r), TH_MISUSE);
  /* every known flag, and each combination, is taken */
  for (unsigned f = 0; f < 16; f++) {
    assert_int_equal(th_eval(e, a_case, strlen(a_case), f, &r), TH_OK);
    th_result_free(r);
  }
  th_engine_free(e);
}

/* e as if another thread were inside a call on it. */
static void hold(th_engine *e, int held) { atomic_store(&e->busy, held); }

static void every_call_takes_the_guard(void **state) {
  (void)state;
  th_engine *e = core_engine();
  th_result *r = NULL;
  th_report *rep = NULL;
  char *json = NULL;
  const char *type = NULL, *name = NULL, *text = NULL;
  size_t len = 0;
  assert_int_equal(th_engine_source(e, 0, &name, &text, &len), TH_OK);
  th_engine_set_default_date(e, "not a date");       /* a message to keep */
  const char *before = th_errmsg(e);
  char kept[256];
  snprintf(kept, sizeof kept, "%s", before);
  assert_true(kept[0] != '\0');
  hold(e, 1);
  assert_int_equal(th_eval(e, a_case, strlen(a_case), 0, &r), TH_MISUSE);
  assert_null(r);
  assert_int_equal(th_eval(e, a_case, strlen(a_case), 0x10u, &r), TH_MISUSE);
  assert_int_equal(th_engine_load(e, core), TH_MISUSE);
  assert_int_equal(th_engine_load_sources(e, 1, &name, &text, &len), TH_MISUSE);
  assert_int_equal(th_engine_test(e, &rep), TH_MISUSE);
  assert_null(rep);
  assert_int_equal(th_engine_set_default_date(e, "2026-01-01"), TH_MISUSE);
  assert_int_equal(th_engine_limit(e, TH_LIMIT_DEADLINE_MS, -1), -1);
  assert_int_equal(th_engine_schema(e, &json), TH_MISUSE);
  assert_null(json);
  assert_int_equal(th_engine_doc(e, &json), TH_MISUSE);
  assert_null(json);
  assert_int_equal(th_engine_field_type(e, "child.dob", &type), TH_MISUSE);
  assert_null(type);
  assert_string_equal(th_errmsg(e), kept);           /* nothing changed */
  hold(e, 0);
  assert_int_equal(th_engine_schema(e, &json), TH_OK);
  th_free(json);
  assert_int_equal(th_engine_field_type(e, "child.dob", &type), TH_OK);
  assert_string_equal(type, "date");
  assert_int_equal(th_eval(e, a_case, strlen(a_case), 0, &r), TH_OK);
  th_result_free(r);
  th_engine_free(e);
}

int main(void) {
  const char *rules = getenv("THRESHOLD_RULES");
  if (rules)
    snprintf(core, sizeof core, "%s/core", rules);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(unknown_eval_flags_are_misuse),
    cmocka_unit_test(every_call_takes_the_guard),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
