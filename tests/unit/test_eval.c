/*
** test_eval.c -- evaluation: facts and unknowns, three-valued conditions,
** value expressions, decision tables and hit policies, the decision, flags, actions, explain
** and why-not, errors that never lower a result, determinism.
*/
#include "internal.h"
#define TEST_EVAL thi_eval_flags   /* the helpers take THI_EVAL_INTERPRET */
#include "support.h"

static th_engine *engine_for(const char *name, const char *rules) {
  char manifest[256];
  snprintf(manifest, sizeof manifest, "ruleset { id = '%s', version = 't' }\n", name);
  return load_set(write_set(name, manifest, "base.lua", FIXTURE_LEVELS,
                            "rules.lua", rules, (const char *)NULL));
}

#define CASE(body) "{\"id\":\"c1\",\"assessed_on\":\"2026-11-02\"" body "}"

static const char three_valued_rules[] =
  "rule 'Either' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r',\n"
  "  when = any { is('risk', true), at_least('score', 5) } }\n"
  "rule 'Both' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r',\n"
  "  when = all { is('risk', true), at_least('score', 8) } }\n";

static void unknown_is_not_false(void **state) {
  (void)state;
  th_engine *e = engine_for("tv", three_valued_rules);
  /* score unknown, risk true: any{} holds; all{} is undetermined */
  json_t *r = eval_json(e, CASE(",\"risk\":true"), 0);
  assert_string_equal(jstr(r, "suggestion.local_level"), "child_in_need");
  /* nothing failed, but the undetermined all{} could raise it: open */
  assert_string_equal(jstr(r, "status"), "open");
  assert_true(json_is_true(json_object_get(json_object_get(r, "suggestion"), "could_be_higher")));
  json_t *u = json_object_get(r, "undetermined");
  assert_true(has_entry(u, "rule", "Both"));
  /* an open question carries its rule's basis, as a finding does */
  assert_string_equal(jstr(json_array_get(u, 0), "basis"), "quoted");
  {
    json_t *wn = json_object_get(json_object_get(r, "why_not"), "rules");
    assert_true(json_array_size(wn) > 0);
    assert_string_equal(jstr(json_array_get(wn, 0), "basis"), "quoted");
  }
  assert_string_equal(json_string_value(json_array_get(
      json_object_get(json_array_get(u, 0), "missing"), 0)), "score");
  json_decref(r);
  /* the text says the suggestion is open, never that it is complete */
  {
    const char *c = CASE(",\"risk\":true");
    th_result *t = NULL;
    assert_int_equal(th_eval(e, c, strlen(c), 0, &t), TH_OK);
    assert_int_equal(th_result_status(t), TH_RESULT_OPEN);
    assert_true(contains(th_result_text(t), "Status: open -- not complete: open questions "
                                            "could raise this suggestion"));
    assert_false(contains(th_result_text(t), "a rule failed"));
    th_result_free(t);
  }
  /* risk false: all{} is false whatever score is; nothing undetermined
     above the suggestion, but 'Either' still needs score */
  r = eval_json(e, CASE(",\"risk\":false"), 0);
  assert_string_equal(jstr(r, "suggestion.local_level"), "universal");
  assert_true(has_entry(json_object_get(r, "undetermined"), "rule", "Either"));
  assert_false(has_entry(json_object_get(r, "undetermined"), "rule", "Both"));
  json_decref(r);
  th_engine_free(e);
}

static const char fact_rules[] =
  "fact 'doubled' { type = 'integer', value = function(c) return c.score * 2 end }\n"
  "fact 'a' { value = function(c) return c.b end }\n"
  "fact 'b' { value = function(c) return c.a end }\n"
  "rule 'Doubled' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = at_least('doubled', 10) }\n"
  "rule 'Cycle' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r', when = function(c) return c.a end }\n";

static void facts_are_lazy_and_cycles_reported(void **state) {
  (void)state;
  th_engine *e = engine_for("facts", fact_rules);
  json_t *r = eval_json(e, CASE(",\"score\":6"), 0);
  assert_true(has_entry(json_object_get(r, "findings"), "rule", "Doubled"));
  json_t *errs = json_object_get(r, "errors");
  assert_true(has_entry(errs, "rule", "Cycle"));
  assert_true(json_has(errs, "fact cycle: a -> b -> a"));
  /* the erring rule is above the suggestion: never silently lower */
  assert_string_equal(jstr(r, "status"), "incomplete");
  assert_true(json_is_true(json_object_get(json_object_get(r, "suggestion"), "could_be_higher")));
  json_decref(r);
  /* a failure is incomplete, not open, even with questions open too;
     the text says a rule failed */
  {
    const char *c = CASE(",\"score\":6");
    th_result *t = NULL;
    assert_int_equal(th_eval(e, c, strlen(c), 0, &t), TH_OK);
    assert_int_equal(th_result_status(t), TH_RESULT_INCOMPLETE);
    assert_true(contains(th_result_text(t), "Status: incomplete -- a rule failed: the "
                                            "suggestion may be wrong"));
    th_result_free(t);
  }
  /* a fact that reads a missing field is unknown, with the field's path */
  r = eval_json(e, CASE(""), 0);
  json_t *u = json_object_get(r, "undetermined");
  assert_true(has_entry(u, "rule", "Doubled"));
  assert_true(json_has(u, "\"score\""));
  json_decref(r);
  th_engine_free(e);
}

static const char expr_rules[] =
  "field 'x' { type = 'boolean' } field 'y' { type = 'boolean' } field 'z' { type = 'boolean' }\n"
  "field 'p' { type = 'integer', min = 0, max = 5, nullable = true }\n"
  "field 'q' { type = 'integer', min = 0, max = 5, nullable = true }\n"
  "fact 'n_true' { type = 'integer', value = how_many { is('x', true), is('y', true), is('z', true) } }\n"
  "fact 'worst' { type = 'integer', value = largest { 'p', 'q' } }\n"
  "rule 'Fact two of three' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = at_least('n_true', 2) }\n"
  "rule 'Two of three' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r',\n"
  "  when = at_least(how_many { is('x', true), is('y', true), is('z', true) }, 2) }\n"
  "rule 'Fact worst' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r', when = at_least('worst', 4) }\n"
  "rule 'Worst' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r', when = at_least(largest { 'p', 'q' }, 4) }\n";

/* The rules in expr_rules that apply to case c, and those undetermined,
** each a comma-separated list in the result's order; the same both ways. */
static void expect_exprs(th_engine *e, const char *c, const char *fired, const char *open) {
  for (int interpret = 0; interpret < 2; interpret++) {
    json_t *r = eval_json(e, c, interpret ? THI_EVAL_INTERPRET : 0);
    char got[256] = "", got_open[256] = "";
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(r, "findings"), i, x)
      snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "," : "",
               json_string_value(json_object_get(x, "rule")));
    json_array_foreach(json_object_get(r, "undetermined"), i, x)
      snprintf(got_open + strlen(got_open), sizeof got_open - strlen(got_open), "%s%s",
               i ? "," : "", json_string_value(json_object_get(x, "rule")));
    if (strcmp(got, fired) != 0 || strcmp(got_open, open) != 0)
      fail_msg("%s (%s): applied '%s', undetermined '%s'; want '%s' and '%s'", c,
               interpret ? "general" : "compiled", got, got_open, fired, open);
    json_decref(r);
  }
}

/* how_many and largest: a fact's value is known only when every part is;
** in a comparison they decide as soon as the known parts settle it. */
static void value_expressions(void **state) {
  (void)state;
  th_engine *e = engine_for("exprs", expr_rules);
  /* z and q unknown: two of three hold and p is 4 whatever they are, but
     the facts' values are not known */
  expect_exprs(e, CASE(",\"x\":true,\"y\":true,\"p\":4"), "Worst,Two of three",
               "Fact two of three,Fact worst");
  json_t *r = eval_json(e, CASE(",\"x\":true,\"y\":true,\"p\":4"), 0);
  assert_true(json_has(json_object_get(r, "undetermined"), "\"z\""));
  assert_true(json_has(json_object_get(r, "undetermined"), "\"q\""));
  json_decref(r);
  /* one of three known to hold, two unknown: could still be two */
  expect_exprs(e, CASE(",\"x\":true,\"p\":1,\"q\":2"), "",
               "Fact two of three,Two of three");
  /* one of three, all known; null is left out of largest */
  expect_exprs(e, CASE(",\"x\":true,\"y\":false,\"z\":false,\"p\":null,\"q\":5"),
               "Fact worst,Worst", "");
  /* every value null: largest is null, so no comparison on it holds */
  expect_exprs(e, CASE(",\"x\":false,\"y\":true,\"z\":true,\"p\":null,\"q\":null"),
               "Fact two of three,Two of three", "");
  /* below the threshold and known: nothing applies, nothing open */
  expect_exprs(e, CASE(",\"x\":false,\"y\":false,\"z\":true,\"p\":3,\"q\":0"), "", "");
  th_engine_free(e);
}

static const char table_rules[] =
  "decision_table 'Unique' { cite = 'c', basis = 'quoted', reason = 'r', inputs = { 'score' },\n"
  "  rows = { { '>= 5', 'early_help' }, { '>= 8', 'child_in_need' } } }\n"
  "decision_table 'First' { cite = 'c', basis = 'quoted', reason = 'r', hit = 'first', inputs = { 'score', 'kind' },\n"
  "  rows = { { '< 3', '-', 'early_help' }, { '-', 'a', 'child_in_need' }, { '-', '-', 'universal' } } }\n"
  "decision_table 'Priority' { cite = 'c', basis = 'quoted', reason = 'r', hit = 'priority', inputs = { 'kind' },\n"
  "  rows = { { { 'a', 'b' }, 'early_help' }, { 'b', 'child_protection' } } }\n"
  "decision_table 'Collect' { cite = 'c', basis = 'quoted', reason = 'r', hit = 'collect', inputs = { 'risk' },\n"
  "  rows = { { true, 'early_help', reason = 'row one' }, { true, 'child_in_need', reason = 'row two' } } }\n";

static int count_rows(json_t *findings, const char *table) {
  int n = 0;
  size_t i;
  json_t *f;
  json_array_foreach(findings, i, f)
    n += strcmp(json_string_value(json_object_get(f, "rule")), table) == 0;
  return n;
}

static void hit_policies(void **state) {
  (void)state;
  th_engine *e = engine_for("tables", table_rules);
  json_t *r = eval_json(e, CASE(",\"score\":6,\"kind\":\"b\",\"risk\":true"), 0);
  json_t *f = json_object_get(r, "findings");
  assert_int_equal(count_rows(f, "Unique"), 1);
  assert_int_equal(count_rows(f, "First"), 1);     /* only the last row */
  assert_int_equal(count_rows(f, "Priority"), 1);  /* the higher level */
  assert_int_equal(count_rows(f, "Collect"), 2);
  assert_string_equal(jstr(r, "suggestion.local_level"), "child_protection");
  assert_int_equal(json_array_size(json_object_get(r, "errors")), 0);
  json_decref(r);
  /* unique with two matching rows is an error, not a silent choice */
  r = eval_json(e, CASE(",\"score\":9,\"kind\":\"c\",\"risk\":false"), 0);
  json_t *errs = json_object_get(r, "errors");
  assert_true(has_entry(errs, "rule", "Unique"));
  assert_true(json_has(errs, "rows 1, 2 all match"));
  assert_string_equal(jstr(r, "status"), "incomplete");
  json_decref(r);
  th_engine_free(e);
}

static const char decision_rules[] =
  "rule 'Low' { level = 'early_help', cite = 'c1', basis = 'quoted', reason = 'low', when = is('risk', true),\n"
  "  actions = { 'Shared step', 'Low step' } }\n"
  "rule 'High' { level = 'child_in_need', cite = 'c2', basis = 'quoted', reason = 'high', when = is('kind', 'a'),\n"
  "  actions = { 'High step', 'Shared step' } }\n"
  "flag 'Alert' { cite = 'c3', basis = 'quoted', reason = 'alert', when = is('risk', true), actions = { 'Flag step' } }\n"
  "rule 'Fn' { level = 'child_protection', cite = 'c4', basis = 'quoted', reason = 'function rule',\n"
  "  when = function(c) return c.score > 8 and c.child.dob ~= nil end }\n";

static void decision_flags_and_actions(void **state) {
  (void)state;
  th_engine *e = engine_for("decide", decision_rules);
  json_t *r = eval_json(e, CASE(",\"risk\":true,\"kind\":\"a\",\"score\":1"), 0);
  assert_string_equal(jstr(r, "suggestion.local_level"), "child_in_need");
  assert_string_equal(jstr(r, "suggestion.label"), "Level 3");
  assert_string_equal(jstr(r, "suggestion.pathway"), "child_in_need");
  assert_true(has_entry(json_object_get(r, "flags"), "flag", "Alert"));
  /* actions: highest level first, deduplicated, flags last */
  json_t *a = json_object_get(r, "actions");
  assert_int_equal(json_array_size(a), 4);
  assert_string_equal(json_string_value(json_array_get(a, 0)), "High step");
  assert_string_equal(json_string_value(json_array_get(a, 1)), "Shared step");
  assert_string_equal(json_string_value(json_array_get(a, 2)), "Low step");
  assert_string_equal(json_string_value(json_array_get(a, 3)), "Flag step");
  json_decref(r);
  /* a flag alone never changes the level */
  th_result *res = NULL;
  const char *c = CASE(",\"risk\":false,\"kind\":\"b\",\"score\":9");
  assert_int_equal(th_eval(e, c, strlen(c), 0, &res), TH_OK);
  assert_int_equal(th_result_pathway(res), TH_UNIVERSAL);
  assert_int_equal(th_result_status(res), TH_RESULT_OPEN);  /* Fn needs child.dob */
  th_result_free(res);
  th_engine_free(e);
}

/* A flag declared before the rule it asks about: fired() evaluates the
** rule early; its finding must still be in the result, once, with the same
** result whether the conditions are inlined or interpreted. */
static const char *const forward_rules =
  "flag 'Early' { cite = 'c1', basis = 'quoted', reason = 'asks a later rule', when = fired('Later') }\n"
  "rule 'Later' { level = 'early_help', cite = 'c2', basis = 'quoted', reason = 'later rule',\n"
  "  when = at_least('score', 3) }\n";

static void fired_before_declared(void **state) {
  (void)state;
  th_engine *e = engine_for("forward", forward_rules);
  const char *c = CASE(",\"score\":5");
  for (int interpret = 0; interpret < 2; interpret++) {
    json_t *r = eval_json(e, c, interpret ? THI_EVAL_INTERPRET : 0);
    assert_string_equal(jstr(r, "suggestion.local_level"), "early_help");
    assert_int_equal(json_array_size(json_object_get(r, "findings")), 1);
    assert_true(has_entry(json_object_get(r, "findings"), "rule", "Later"));
    assert_true(has_entry(json_object_get(r, "flags"), "flag", "Early"));
    json_decref(r);
  }
  th_engine_free(e);
}

static void explain_and_why_not(void **state) {
  (void)state;
  th_engine *e = engine_for("explain", decision_rules);
  const char *c = CASE(",\"risk\":true,\"kind\":\"b\",\"score\":9,\"child\":{\"dob\":\"2020-01-01\"}");
  json_t *r = eval_json(e, c, TH_EVAL_EXPLAIN);
  json_t *f = json_object_get(r, "findings"), *x;
  size_t i;
  int seen = 0;
  json_array_foreach(f, i, x) {
    if (strcmp(json_string_value(json_object_get(x, "rule")), "Fn") == 0) {
      char *ev = json_dumps(json_object_get(x, "evidence"), JSON_SORT_KEYS);
      assert_true(contains(ev, "{\"path\": \"score\", \"value\": 9}"));
      assert_true(contains(ev, "\"child.dob\""));
      free(ev);
      seen = 1;
    }
  }
  assert_true(seen);
  json_decref(r);
  /* why_not: the next level up from early help is child in need */
  r = eval_json(e, CASE(",\"risk\":true,\"kind\":\"b\",\"score\":1"), 0);
  json_t *wn = json_object_get(r, "why_not");
  assert_string_equal(jstr(wn, "level"), "child_in_need");
  char *s = json_dumps(wn, 0);
  assert_true(contains(s, "\"rule\": \"High\""));
  assert_true(contains(s, "kind is \\\"a\\\""));
  free(s);
  json_decref(r);
  th_engine_free(e);
}

static const char error_rules[] =
  "rule 'Breaks' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r',\n"
  "  when = function(c) error({}) end }\n"
  "rule 'Fine' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('risk', true) }\n"
  "rule 'Mutates' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r',\n"
  "  when = function(c) c.risk2 = true return false end }\n"
  "rule 'Misspelt' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r',\n"
  "  when = function(c) return c.scor == 1 end }\n";

static void errors_never_lower_the_result(void **state) {
  (void)state;
  th_engine *e = engine_for("errs", error_rules);
  json_t *r = eval_json(e, CASE(",\"risk\":true,\"score\":1"), 0);
  assert_string_equal(jstr(r, "suggestion.local_level"), "early_help");
  assert_string_equal(jstr(r, "status"), "incomplete");
  assert_true(json_is_true(json_object_get(json_object_get(r, "suggestion"), "could_be_higher")));
  char *errs = json_dumps(json_object_get(r, "errors"), JSON_SORT_KEYS);
  assert_true(contains(errs, "\"rule\": \"Breaks\""));
  assert_true(contains(errs, "error raised with a table value and no message"));
  assert_true(contains(errs, "\"source\": \"errs/rules.lua:1\""));
  assert_true(contains(errs, "rules cannot change the case (risk2)"));
  assert_true(contains(errs, "'scor' is not a field of the case schema (did you mean 'score'?)"));
  free(errs);
  json_decref(r);
  th_result *res = NULL;
  const char *c = CASE(",\"risk\":true");
  assert_int_equal(th_eval(e, c, strlen(c), 0, &res), TH_OK);
  assert_int_equal(th_result_error_count(res), 3);
  th_result_free(res);
  th_engine_free(e);
}

static void same_case_same_bytes(void **state) {
  (void)state;
  th_engine *e = engine_for("det", decision_rules);
  const char *c = CASE(",\"risk\":true,\"kind\":\"a\",\"score\":9,\"child\":{}");
  th_result *a = NULL, *b = NULL;
  assert_int_equal(th_eval(e, c, strlen(c), TH_EVAL_EXPLAIN, &a), TH_OK);
  th_engine *e2 = engine_for("det", decision_rules);
  assert_int_equal(th_eval(e2, c, strlen(c), TH_EVAL_EXPLAIN, &b), TH_OK);
  assert_string_equal(th_result_json(a), th_result_json(b));
  assert_true(contains(th_result_json(a), th_engine_ruleset_hash(e)));
  assert_true(contains(th_result_text(a), "suggestion to support professional judgement"));
  th_result_free(a);
  th_result_free(b);
  th_engine_free(e);
  th_engine_free(e2);
}

static void no_state_between_cases(void **state) {
  (void)state;
  th_engine *e = engine_for("leak",
    "local seen, n = {}, 0\n"
    "rule 'Counts' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = function(c) seen[#seen + 1] = c.id; return #seen > 1 end }\n"
    "rule 'Tallies' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = function(c) n = n + 1; return n > 1 end }\n"
    "rule 'Reads' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r', when = is('risk', true) }\n");
  json_t *r1 = eval_json(e, "{\"id\":\"one\",\"assessed_on\":\"2026-01-01\",\"risk\":true}", 0);
  json_t *r2 = eval_json(e, "{\"id\":\"two\",\"assessed_on\":\"2026-01-01\",\"risk\":false}", 0);
  assert_string_equal(jstr(r1, "suggestion.local_level"), "child_in_need");
  assert_string_equal(jstr(r2, "suggestion.local_level"), "universal");
  /* keeping a table between cases is a loud error, never a silent change;
     a plain counter is put back after every case, so it never reaches 2 */
  char *s = json_dumps(r2, 0);
  assert_false(contains(s, "\"one\""));
  assert_true(contains(s, "the table 'seen' is read-only"));
  assert_false(has_entry(json_object_get(r2, "findings"), "rule", "Tallies"));
  free(s);
  json_decref(r1);
  json_decref(r2);
  th_engine_free(e);
}

static void summary_results(void **state) {
  (void)state;
  th_engine *errs = engine_for("errs", error_rules);
  same_summary(errs, CASE(",\"risk\":true,\"score\":1"), 0);
  same_summary(errs, CASE(",\"risk\":\"yes\""), 0);                /* invalid */
  th_engine_free(errs);
  const char *rules = getenv("THRESHOLD_RULES"), *caseload = getenv("THRESHOLD_CASELOAD");
  if (rules == NULL || caseload == NULL)
    fail_msg("THRESHOLD_RULES and THRESHOLD_CASELOAD must be set (make unit sets them)");
  char dir[512];
  snprintf(dir, sizeof dir, "%s/core", rules);
  th_engine *core = load_set(dir);
  FILE *f = fopen(caseload, "r");
  assert_non_null(f);
  char *line = NULL;
  size_t cap = 0;
  long n = 0, found = 0;
  while (n < 300 && getline(&line, &cap, f) > 0) {
    same_summary(core, line, 0);
    th_result *r = NULL;
    assert_int_equal(th_eval(core, line, strlen(line), TH_EVAL_SUMMARY, &r), TH_OK);
    found += th_result_finding_count(r) > 0;
    th_result_free(r);
    n++;
  }
  assert_true(found > n / 4);      /* the accessors compared are not empty */
  free(line);
  fclose(f);
  th_engine_free(core);
}

/* A set's own decide() chooses the level; choosing below the highest rule
   that applies is allowed (it is the set's policy) but always said. */
static void custom_decide(void **state) {
  (void)state;
  const char *dir = write_set("decider",
    "ruleset { id = 'decider', version = 't',\n"
    "  decide = function(d)\n"
    "    if #d.findings >= 2 then return 'child_protection' end\n"
    "    if d.highest == 'child_in_need' then return 'early_help' end\n"
    "    return d.highest\n"
    "  end }\n",
    "base.lua", FIXTURE_LEVELS,
    "rules.lua", decision_rules, (const char *)NULL);
  th_engine *e = load_set(dir);
  json_t *r = eval_json(e, CASE(",\"risk\":true,\"kind\":\"a\",\"score\":1,\"child\":{}"), 0);
  assert_string_equal(jstr(r, "suggestion.local_level"), "child_protection");
  json_decref(r);
  r = eval_json(e, CASE(",\"risk\":false,\"kind\":\"a\",\"score\":1,\"child\":{}"), 0);
  assert_string_equal(jstr(r, "suggestion.local_level"), "early_help");
  assert_true(json_has(json_object_get(r, "warnings"), "below the highest applicable level child_in_need"));
  json_decref(r);
  th_engine_free(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(unknown_is_not_false),
    cmocka_unit_test(facts_are_lazy_and_cycles_reported),
    cmocka_unit_test(hit_policies),
    cmocka_unit_test(decision_flags_and_actions),
    cmocka_unit_test(fired_before_declared),
    cmocka_unit_test(value_expressions),
    cmocka_unit_test(explain_and_why_not),
    cmocka_unit_test(errors_never_lower_the_result),
    cmocka_unit_test(same_case_same_bytes),
    cmocka_unit_test(no_state_between_cases),
    cmocka_unit_test(custom_decide),
    cmocka_unit_test(summary_results),
  };
  return cmocka_run_group_tests(tests, NULL, remove_fixtures);
}
