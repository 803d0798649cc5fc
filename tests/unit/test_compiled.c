/*
** test_compiled.c -- data conditions are compiled into closures at load;
** explain mode, why-not and this check use the interpreter. For every rule
** set and a generated caseload (with its missing fields, so unknowns are
** exercised), both must give byte-identical results.
*/
#include "support.h"
#include "internal.h"

static void same_results_compiled_and_interpreted(void **state) {
  (void)state;
  const char *path = getenv("THRESHOLD_CASELOAD");
  const char *rules = getenv("THRESHOLD_RULES");
  if (path == NULL || rules == NULL)
    fail_msg("THRESHOLD_CASELOAD and THRESHOLD_RULES must be set (make unit sets them)");
  static const char *const sets[] = {"core", "peterborough", "northamptonshire",
                                     "rotherham", "staffordshire"};
  for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s/%s", rules, sets[s]);
    th_engine *e = load_set(dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long n = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
      th_result *a = NULL, *b = NULL;
      assert_int_equal(th_eval(e, line, (size_t)len, 0, &a), TH_OK);
      assert_int_equal(th_eval(e, line, (size_t)len, THI_EVAL_INTERPRET, &b), TH_OK);
      if (strcmp(th_result_json(a), th_result_json(b)) != 0)
        fail_msg("%s, case line %ld: compiled and interpreted results differ", sets[s], n + 1);
      th_result_free(a);
      th_result_free(b);
      n++;
    }
    assert_true(n >= 1000);
    free(line);
    fclose(f);
    th_engine_free(e);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(same_results_compiled_and_interpreted),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
