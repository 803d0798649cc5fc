/*
** test_ruleset_path.c -- rule sets found by name: th_engine_load takes a
** name or a folder; names go through $THRESHOLD_RULES_PATH, then the
** compiled-in rules folder; a set's `extends` finds its parent beside it or
** through the same path.
*/
#include "support.h"

static const char *rules_dir(void) {
  const char *d = getenv("THRESHOLD_RULES");
  if (d == NULL)
    skip();
  return d;
}

static void a_name_is_found_through_the_path(void **state) {
  (void)state;
  char path[600];
  snprintf(path, sizeof path, "%s/no-such-folder:%s", fixture_base(), rules_dir());
  setenv("THRESHOLD_RULES_PATH", path, 1);
  th_engine *e = load_set("core");
  assert_string_equal(th_engine_ruleset_id(e), "core");
  th_engine_free(e);
}

static void an_unknown_name_says_where_it_looked(void **state) {
  (void)state;
  setenv("THRESHOLD_RULES_PATH", rules_dir(), 1);
  th_engine *e = NULL;
  assert_int_equal(th_engine_new(&e, 0), TH_OK);
  assert_int_equal(th_engine_load(e, "no-such-set"), TH_IO);
  assert_non_null(strstr(th_errmsg(e), "no rule set 'no-such-set'"));
  assert_non_null(strstr(th_errmsg(e), "THRESHOLD_RULES_PATH"));
  assert_null(th_engine_ruleset_id(e));
  assert_int_equal(th_engine_load(e, "/no/such/folder"), TH_IO);
  assert_non_null(strstr(th_errmsg(e), "/no/such/folder"));
  th_engine_free(e);
}

/* A local set kept in its own folder extends the core found by name. */
static void extends_resolves_through_the_path(void **state) {
  (void)state;
  const char *dir = write_set("mylocal",
    "ruleset { id = 'mylocal', version = '1', extends = 'core' }\n",
    "local.lua", "-- nothing of its own\n", (const char *)NULL);
  setenv("THRESHOLD_RULES_PATH", "", 1);
  th_engine *e = NULL;
  assert_int_equal(th_engine_new(&e, 0), TH_OK);
  int st = th_engine_load(e, dir);   /* core is not beside it, not in the path */
  assert_int_not_equal(st, TH_OK);
  th_engine_free(e);
  setenv("THRESHOLD_RULES_PATH", rules_dir(), 1);
  e = load_set(dir);
  assert_string_equal(th_engine_ruleset_id(e), "mylocal");
  assert_true(th_engine_source_count(e) > 2);   /* core's files came first */
  const char *name = NULL, *text = NULL;
  size_t len = 0;
  assert_int_equal(th_engine_source(e, 0, &name, &text, &len), TH_OK);
  assert_string_equal(name, "core/ruleset.lua");
  th_engine_free(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(a_name_is_found_through_the_path),
    cmocka_unit_test(an_unknown_name_says_where_it_looked),
    cmocka_unit_test(extends_resolves_through_the_path),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
