/*
** test_rules.c -- loading rule sets: every load error names the file and
** line, inheritance loads parents first, override and disable work.
*/
#include "support.h"

static const char *set_with(const char *name, const char *rules) {
  char manifest[256];
  snprintf(manifest, sizeof manifest, "ruleset { id = '%s', version = 't' }\n", name);
  return write_set(name, manifest, "base.lua", FIXTURE_LEVELS, "rules.lua", rules,
                   (const char *)NULL);
}

/* Load must fail with status st and a message containing each needle. */
static void expect_load_error(const char *dir, int st, const char *n1,
                              const char *n2) {
  th_engine *e = NULL;
  assert_int_equal(th_engine_new(&e, 0), TH_OK);
  int got = th_engine_load(e, dir);
  if (got != st || !contains(th_errmsg(e), n1) || (n2 && !contains(th_errmsg(e), n2)))
    fail_msg("status %d (want %d), message:\n%s", got, st, th_errmsg(e));
  assert_null(th_engine_ruleset_id(e));
  th_engine_free(e);
}

static void syntax_error_names_file_and_line(void **state) {
  (void)state;
  const char *dir = set_with("syn", "rule 'x' {\n  level = 'early_help'\n  cite = 'c', basis = 'quoted',\n}\n");
  expect_load_error(dir, TH_SYNTAX, "syn/rules.lua:3:", NULL);
}

static void unknown_level_is_an_error(void **state) {
  (void)state;
  const char *dir = set_with("lvl",
    "\n\nrule 'Too high' { level = 'child_protecton', cite = 'c', reason = 'r',\n"
    "  when = is('risk', true) }\n");
  expect_load_error(dir, TH_RULES, "lvl/rules.lua:3:", "did you mean 'child_protection'");
}

static void duplicate_name_names_both_files(void **state) {
  (void)state;
  const char *dir = write_set("dup", "ruleset { id = 'dup' }\n",
    "a.lua", FIXTURE_LEVELS "rule 'Same' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('risk', true) }\n",
    "b.lua", "\nrule 'Same' { level = 'early_help', cite = 'c', reason = 'r', when = is('risk', true) }\n",
    (const char *)NULL);
  expect_load_error(dir, TH_RULES, "dup/b.lua:2:", "already declared at dup/a.lua:");
}

static void unknown_key_suggests_the_right_one(void **state) {
  (void)state;
  const char *dir = set_with("key",
    "rule 'R' { level = 'early_help', cite = 'c', basis = 'quoted', reasn = 'r', when = is('risk', true) }\n");
  expect_load_error(dir, TH_RULES, "unknown key 'reasn' (did you mean 'reason'?)",
                    "missing required key 'reason'");
}

static void table_row_with_wrong_cell_count(void **state) {
  (void)state;
  const char *dir = set_with("tbl",
    "decision_table 'T' { cite = 'c', basis = 'quoted', reason = 'r', inputs = { 'score', 'risk' },\n"
    "  rows = { { 1, true, 'early_help' }, { 2, 'child_in_need' } } }\n");
  expect_load_error(dir, TH_RULES, "tbl/rules.lua:1:", "row 2: expected 3 cells");
}

static void table_cell_of_the_wrong_type(void **state) {
  (void)state;
  const char *dir = set_with("cell",
    "decision_table 'T' { cite = 'c', basis = 'quoted', reason = 'r', inputs = { 'kind' },\n"
    "  rows = { { 'd', 'early_help' } } }\n");
  expect_load_error(dir, TH_RULES, "row 1, column 1 (kind): expected one of a, b, c", NULL);
}

static void value_expressions_checked_at_load(void **state) {
  (void)state;
  expect_load_error(set_with("lg", "\nfact 'f' { value = largest { 'score', 'risk' } }\n"),
                    TH_RULES, "lg/rules.lua:2:", "largest: 'risk' is not a number (it is boolean)");
  expect_load_error(set_with("hm", "fact 'f' { value = how_many { is('risk', true), at_least('scor', 1) } }\n"),
                    TH_RULES, "hm/rules.lua:1:", "'scor' is not a field of the case schema");
  expect_load_error(set_with("fv", "fact 'f' { value = 3 }\n"), TH_RULES, "fv/rules.lua:1:",
                    "value must be how_many { ... }, largest { ... }, count(...) or a function(c)");
  expect_load_error(set_with("ti",
    "decision_table 'T' { cite = 'c', basis = 'quoted', reason = 'r', inputs = { how_many { is('risk', true) } },\n"
    "  rows = { { 1, 'early_help' } } }\n"),
    TH_RULES, "ti/rules.lua:1:", "input 1 must be a field path");
}

static void unknown_field_path_is_caught_at_load(void **state) {
  (void)state;
  const char *dir = set_with("path",
    "rule 'R' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = all { is('risk', true), at_least('scor', 2) } }\n");
  expect_load_error(dir, TH_RULES, "path/rules.lua:2:", "'scor' is not a field of the case schema (did you mean 'score'?)");
}

static void unknown_global_is_an_error(void **state) {
  (void)state;
  const char *dir = set_with("glob", "local x = io.open('/etc/passwd')\n");
  expect_load_error(dir, TH_RUNTIME, "glob/rules.lua:1:", "unknown name 'io'");
}

static void assigning_a_global_is_an_error(void **state) {
  (void)state;
  const char *dir = set_with("assign", "counter = 0\n");
  expect_load_error(dir, TH_RUNTIME, "cannot create or change the global 'counter'", NULL);
}

static void declaration_without_body(void **state) {
  (void)state;
  const char *dir = set_with("nobody", "\nrule 'Forgotten'\n");
  expect_load_error(dir, TH_RULES, "nobody/rules.lua:2:", "has no body");
}

static void override_of_a_missing_name(void **state) {
  (void)state;
  write_set("parent", "ruleset { id = 'parent' }\n", "base.lua", FIXTURE_LEVELS,
            "r.lua", "rule 'Kept' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('risk', true) }\n",
            (const char *)NULL);
  const char *dir = write_set("child1", "ruleset { id = 'child1', extends = 'parent' }\n",
    "local.lua", "\n\noverride 'Kpt' { level = 'child_in_need', cite = 'local doc' }\n",
    (const char *)NULL);
  expect_load_error(dir, TH_RULES, "child1/local.lua:3:", "no earlier rule, flag, table or fact");
}

static void extends_override_and_disable(void **state) {
  (void)state;
  write_set("parent", "ruleset { id = 'parent', version = '1' }\n", "base.lua", FIXTURE_LEVELS,
            "r.lua",
            "rule 'Kept' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('risk', true) }\n"
            "rule 'Raised' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('kind', 'a') }\n"
            "rule 'Dropped' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r', when = is('kind', 'a') }\n",
            (const char *)NULL);
  const char *dir = write_set("child2", "ruleset { id = 'child2', version = '2', extends = 'parent' }\n",
    "local.lua",
    "override 'Raised' { level = 'child_in_need', cite = 'Local threshold, level 3', basis = 'quoted' }\n"
    "disable 'Dropped' { cite = 'Local threshold says otherwise' }\n",
    (const char *)NULL);
  th_engine *e = load_set(dir);
  assert_string_equal(th_engine_ruleset_id(e), "child2");
  assert_string_equal(th_engine_ruleset_version(e), "2");
  assert_int_equal(strlen(th_engine_ruleset_hash(e)), 64);
  json_t *r = eval_json(e, "{\"assessed_on\":\"2026-01-01\",\"risk\":true,\"kind\":\"a\"}", 0);
  assert_string_equal(jstr(r, "suggestion.local_level"), "child_in_need");
  json_t *f = json_object_get(r, "findings");
  assert_true(has_entry(f, "rule", "Raised"));
  assert_true(has_entry(f, "rule", "Kept"));
  assert_false(has_entry(f, "rule", "Dropped"));
  assert_true(has_entry(f, "cite", "Local threshold, level 3"));
  assert_true(has_entry(f, "source", "child2/local.lua:1"));
  json_decref(r);
  th_engine_free(e);
}

/* A set runs its parent's tests for what it inherits unchanged; a parent
** test about a rule the set overrides or disables is listed as skipped
** with the set's reason, and an inherited test that fails counts. */
static void inherited_tests_run_or_say_why_not(void **state) {
  (void)state;
  write_set("tparent", "ruleset { id = 'tparent', version = '1' }\n", "base.lua", FIXTURE_LEVELS,
            "r.lua",
            "rule 'Kept' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('risk', true) }\n"
            "rule 'Raised' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('kind', 'a') }\n"
            "rule 'Dropped' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r', when = is('kind', 'b') }\n",
            "tests/t.lua",
            "test 'Kept applies' { case = { assessed_on = '2026-01-01', risk = true },\n"
            "  expect = { level = 'early_help', fired = { 'Kept' } } }\n"
            "test 'Raised is early help' { case = { assessed_on = '2026-01-01', kind = 'a' },\n"
            "  expect = { level = 'early_help', fired = { 'Raised' } } }\n"
            "test 'Dropped is child protection' { case = { assessed_on = '2026-01-01', kind = 'b' },\n"
            "  expect = { level = 'child_protection', fired = { 'Dropped' } } }\n"
            "test 'Unchanged but now wrong' { case = { assessed_on = '2026-01-01', score = 9 },\n"
            "  expect = { level = 'universal' } }\n",
            (const char *)NULL);
  const char *dir = write_set("tchild", "ruleset { id = 'tchild', version = '2', extends = 'tparent' }\n",
    "local.lua",
    "override 'Raised' { level = 'child_in_need', cite = 'Local threshold, level 3', basis = 'quoted' }\n"
    "disable 'Dropped' { cite = 'Local threshold, level 4', reason = 'not a level 4 matter here' }\n"
    "rule 'Local score' { level = 'early_help', cite = 'Local threshold, level 2', basis = 'quoted', reason = 'r',\n"
    "  when = at_least('score', 9) }\n",
    "tests/own.lua",
    "test 'Local score applies' { case = { assessed_on = '2026-01-01', score = 9 },\n"
    "  expect = { level = 'early_help', fired = { 'Local score' } } }\n",
    (const char *)NULL);
  th_engine *e = load_set(dir);
  th_report *rep = NULL;
  assert_int_equal(th_engine_test(e, &rep), TH_OK);
  json_t *j = json_loads(th_report_json(rep), 0, NULL);
  assert_non_null(j);
  /* Kept and the set's own test pass; the parent's 'Unchanged but now
     wrong' runs and fails (the set's own rule raises it): nothing dropped */
  assert_int_equal(th_report_passed(rep), 2);
  assert_int_equal(th_report_failed(rep), 1);
  assert_int_equal(json_integer_value(json_object_get(j, "skipped")), 2);
  json_t *tests = json_object_get(j, "tests"), *t;
  size_t i;
  int seen = 0;
  json_array_foreach(tests, i, t) {
    const char *name = json_string_value(json_object_get(t, "test"));
    const char *skip = json_string_value(json_object_get(t, "skipped"));
    if (strcmp(name, "Raised is early help") == 0) {
      assert_non_null(skip);
      assert_non_null(strstr(skip, "rule 'Raised' is overridden in tchild (tchild/local.lua:1)"));
      assert_non_null(strstr(skip, "Local threshold, level 3"));
      seen++;
    } else if (strcmp(name, "Dropped is child protection") == 0) {
      assert_non_null(skip);
      assert_non_null(strstr(skip, "rule 'Dropped' is disabled in tchild"));
      assert_non_null(strstr(skip, "not a level 4 matter here"));
      seen++;
    } else if (strcmp(name, "Kept applies") == 0) {
      assert_null(skip);
      assert_string_equal(json_string_value(json_object_get(t, "inherited")), "tparent");
      assert_true(json_is_true(json_object_get(t, "passed")));
      assert_string_equal(json_string_value(json_object_get(t, "source")), "tparent/tests/t.lua:1");
      seen++;
    }
  }
  assert_int_equal(seen, 3);
  const char *text = th_report_text(rep);
  assert_non_null(strstr(text, "SKIP Raised is early help (tparent/tests/t.lua:3)"));
  assert_non_null(strstr(text, "FAIL Unchanged but now wrong (tparent/tests/t.lua:7)"));
  assert_non_null(strstr(text, "tchild: 2 passed, 1 failed (1 of them inherited), 2 skipped"));
  json_decref(j);
  th_report_free(rep);
  th_engine_free(e);
}

/* A near miss proves nothing when its rule could not be decided. */
static void undetermined_near_miss_fails(void **state) {
  (void)state;
  const char *dir = write_set("nearmiss", "ruleset { id = 'nearmiss', version = '1' }\n",
    "base.lua", FIXTURE_LEVELS,
    "r.lua", "rule 'Risky' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r',\n"
             "  when = is('risk', true) }\n",
    "tests/t.lua",
    "test 'Vacuous near miss' { case = { assessed_on = '2026-01-01' }, expect = { not_fired = { 'Risky' } } }\n"
    "test 'Real near miss' { case = { assessed_on = '2026-01-01', risk = false },\n"
    "  expect = { not_fired = { 'Risky' } } }\n"
    "test 'About what is missing' { case = { assessed_on = '2026-01-01' },\n"
    "  expect = { not_fired = { 'Risky' }, missing = { 'risk' } } }\n",
    (const char *)NULL);
  th_engine *e = load_set(dir);
  th_report *rep = NULL;
  assert_int_equal(th_engine_test(e, &rep), TH_OK);
  assert_int_equal(th_report_passed(rep), 2);
  assert_int_equal(th_report_failed(rep), 1);
  const char *text = th_report_text(rep);
  assert_non_null(strstr(text, "FAIL Vacuous near miss (nearmiss/tests/t.lua:1)"));
  assert_non_null(strstr(text, "near miss 'Risky' passes only because it could not be decided: it needs risk"));
  th_report_free(rep);
  th_engine_free(e);
}

/* A test case is a case that could be true: real dates, and no record
** dated after assessed_on unless the test says it is about that. */
static void test_dates_are_consistent(void **state) {
  (void)state;
  static const char *const bad[][2] = {
    {"test 'Impossible' { case = { assessed_on = '2026-03-01', child = { dob = '2026-02-30' } },\n"
     "  expect = { level = 'universal' } }\n",
     "t.lua:1: test 'Impossible': case.child.dob: \"2026-02-30\" is not a real date"},
    {"test 'Later' { case = { assessed_on = '2026-03-01', child = { dob = '2020-01-01' },\n"
     "  records = { { on = '2026-02-01' }, { on = '2026-04-01' } } }, expect = { level = 'universal' } }\n",
     "t.lua:1: test 'Later': case.records[1].on (2026-04-01) is after assessed_on (2026-03-01)"},
    {"test 'Bad day' { case = { assessed_on = '2026-13-01' }, expect = { level = 'universal' } }\n",
     "test 'Bad day': case.assessed_on: \"2026-13-01\" is not a real date"},
  };
  static const char *const good =
    "test 'Expected later' { case = { assessed_on = '2026-03-01', due = '2026-06-01' },\n"
    "  expect = { level = 'universal' } }\n"
    "test 'On purpose' { case = { assessed_on = '2026-03-01', records = { { on = '2026-04-01' } } },\n"
    "  expect = { level = 'universal', dated_after_assessment = { 'records[0].on' } } }\n"
    "test 'Invalid data' { case = { assessed_on = '2026-03-01', child = { dob = '2026-02-30' } },\n"
    "  expect = { status = 'invalid' } }\n";
  static const char *const fields =
    "field 'records' { type = 'array', of = 'object', default = {} }\n"
    "field 'records[].on' { type = 'date' }\n"
    "field 'due' { type = 'date', future = true }\n";
  for (size_t i = 0; i <= sizeof bad / sizeof bad[0]; i++) {
    int ok = i == sizeof bad / sizeof bad[0];
    char base[2048];
    snprintf(base, sizeof base, "%s%s", FIXTURE_LEVELS, fields);
    const char *dir = write_set(ok ? "dates_ok" : "dates_bad", ok
                                ? "ruleset { id = 'dates_ok', version = '1' }\n"
                                : "ruleset { id = 'dates_bad', version = '1' }\n",
                                "base.lua", base, "tests/t.lua", ok ? good : bad[i][0],
                                (const char *)NULL);
    th_engine *e = load_set(dir);
    th_report *rep = NULL;
    int st = th_engine_test(e, &rep);
    if (ok) {
      if (st != TH_OK)
        fail_msg("consistent dates refused: %s", th_errmsg(e));
      assert_int_equal(th_report_failed(rep), 0);
      assert_int_equal(th_report_passed(rep), 3);
    } else {
      assert_int_equal(st, TH_RULES);
      if (strstr(th_errmsg(e), bad[i][1]) == NULL)
        fail_msg("wanted '%s', got: %s", bad[i][1], th_errmsg(e));
    }
    th_report_free(rep);
    th_engine_free(e);
  }
}

static void extends_cycle_is_an_error(void **state) {
  (void)state;
  write_set("loop_a", "ruleset { id = 'loop_a', extends = 'loop_b' }\n", (const char *)NULL);
  const char *dir = write_set("loop_b", "ruleset { id = 'loop_b', extends = 'loop_a' }\n",
                              (const char *)NULL);
  expect_load_error(dir, TH_RULES, "extends chain longer than", NULL);
}

static void missing_folder_is_io(void **state) {
  (void)state;
  expect_load_error("/nonexistent/threshold/set", TH_IO, "ruleset.lua", NULL);
}

/* One engine, two rule sets in turn, many times (as a service reloading a
** policy lead's edits does): each result is the loaded set's own -- its
** identity, its finding, its reason -- though parts of results are made
** once per rule set and their JSON is kept. */
static void reloading_replaces_every_part_of_results(void **state) {
  (void)state;
  char a[256], b[256];
  snprintf(a, sizeof a, "%s", set_with("reload_a", "rule 'From A' { level = 'early_help',"
           " cite = 'ca', basis = 'quoted', reason = 'set A', when = is('risk', true) }\n"));
  snprintf(b, sizeof b, "%s", set_with("reload_b", "rule 'From B' { level = 'child_in_need',"
           " cite = 'cb', basis = 'quoted', reason = 'set B', when = is('risk', true) }\n"));
  th_engine *e = NULL;
  assert_int_equal(th_engine_new(&e, 0), TH_OK);
  const char *c = "{\"id\":\"r1\",\"assessed_on\":\"2026-01-05\",\"risk\":true}";
  for (int round = 0; round < 20; round++) {
    int second = round % 2;
    assert_int_equal(th_engine_load(e, second ? b : a), TH_OK);
    json_t *r = eval_json(e, c, 0);
    assert_string_equal(jstr(r, "ruleset.id"), second ? "reload_b" : "reload_a");
    assert_string_equal(jstr(r, "ruleset.hash"), th_engine_ruleset_hash(e));
    assert_string_equal(jstr(r, "suggestion.local_level"), second ? "child_in_need" : "early_help");
    json_t *f = json_array_get(json_object_get(r, "findings"), 0);
    assert_string_equal(json_string_value(json_object_get(f, "rule")), second ? "From B" : "From A");
    assert_string_equal(json_string_value(json_object_get(f, "reason")), second ? "set B" : "set A");
    json_decref(r);
  }
  th_engine_free(e);
}

static void hash_changes_with_the_sources(void **state) {
  (void)state;
  const char *dir = set_with("hashed", "rule 'R' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('risk', true) }\n");
  th_engine *e = load_set(dir);
  char first[65];
  strcpy(first, th_engine_ruleset_hash(e));
  th_engine_free(e);
  dir = set_with("hashed", "rule 'R' { level = 'early_help', cite = 'c2', basis = 'quoted', reason = 'r', when = is('risk', true) }\n");
  e = load_set(dir);
  assert_string_not_equal(first, th_engine_ruleset_hash(e));
  th_engine_free(e);
}


/* th_engine_schema lists every declared field in order, parents first,
   with an enum's values and a list's entry type. */
static void schema_lists_fields_in_order(void **state) {
  (void)state;
  const char *dir = set_with("sch", "");
  th_engine *e = NULL;
  char *text = NULL;
  assert_int_equal(th_engine_new(&e, 0), TH_OK);
  assert_int_equal(th_engine_schema(e, &text), TH_MISUSE);   /* nothing loaded */
  assert_null(text);
  assert_int_equal(th_engine_load(e, dir), TH_OK);
  assert_int_equal(th_engine_schema(e, &text), TH_OK);
  json_t *list = json_loads(text, 0, NULL);
  assert_non_null(list);
  const char *want[] = {"score", "risk", "kind", "items", "items[].kind", "child", "child.dob"};
  size_t at = 0;
  for (size_t i = 0; i < json_array_size(list) && at < 7; i++)
    if (strcmp(json_string_value(json_object_get(json_array_get(list, i), "path")), want[at]) == 0)
      at++;
  assert_int_equal(at, 7);
  for (size_t i = 0; i < json_array_size(list); i++) {
    json_t *f = json_array_get(list, i);
    const char *path = json_string_value(json_object_get(f, "path"));
    if (strcmp(path, "items[].kind") == 0)
      assert_int_equal(json_array_size(json_object_get(f, "values")), 3);
    if (strcmp(path, "items") == 0)
      assert_string_equal(json_string_value(json_object_get(f, "of")), "object");
    if (strcmp(path, "score") == 0)
      assert_int_equal(json_integer_value(json_object_get(f, "max")), 10);
  }
  json_decref(list);
  th_free(text);
  th_engine_free(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(syntax_error_names_file_and_line),
    cmocka_unit_test(unknown_level_is_an_error),
    cmocka_unit_test(duplicate_name_names_both_files),
    cmocka_unit_test(unknown_key_suggests_the_right_one),
    cmocka_unit_test(table_row_with_wrong_cell_count),
    cmocka_unit_test(table_cell_of_the_wrong_type),
    cmocka_unit_test(unknown_field_path_is_caught_at_load),
    cmocka_unit_test(value_expressions_checked_at_load),
    cmocka_unit_test(unknown_global_is_an_error),
    cmocka_unit_test(assigning_a_global_is_an_error),
    cmocka_unit_test(declaration_without_body),
    cmocka_unit_test(override_of_a_missing_name),
    cmocka_unit_test(extends_override_and_disable),
    cmocka_unit_test(inherited_tests_run_or_say_why_not),
    cmocka_unit_test(undetermined_near_miss_fails),
    cmocka_unit_test(test_dates_are_consistent),
    cmocka_unit_test(extends_cycle_is_an_error),
    cmocka_unit_test(missing_folder_is_io),
    cmocka_unit_test(reloading_replaces_every_part_of_results),
    cmocka_unit_test(hash_changes_with_the_sources),
    cmocka_unit_test(schema_lists_fields_in_order),
  };
  return cmocka_run_group_tests(tests, NULL, remove_fixtures);
}
