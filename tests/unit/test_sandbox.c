/*
** test_sandbox.c -- what rule code cannot do, and the limits that stop it:
** a deadline that holds against a plain loop, a loop inside pcall and a
** slow native call; a memory budget; the next case unaffected after a trip.
*/
#include <time.h>

#include "support.h"

static th_engine *engine_for(const char *name, const char *rules) {
  char manifest[256];
  snprintf(manifest, sizeof manifest, "ruleset { id = '%s', version = 't' }\n", name);
  return load_set(write_set(name, manifest, "base.lua", FIXTURE_LEVELS,
                            "rules.lua", rules, (const char *)NULL));
}

#define RULE(name, body)                                                  \
  "rule '" name "' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r',\n" \
  "  when = function(c) " body " end }\n"

static const char *const forbidden[][2] = {
  {"io.open('/etc/passwd')", "unknown name 'io'"},
  {"os.execute('true')", "unknown name 'os'"},
  {"require('os')", "unknown name 'require'"},
  {"debug.getinfo(1)", "unknown name 'debug'"},
  {"load('return 1')", "unknown name 'load'"},
  {"dofile('/etc/passwd')", "unknown name 'dofile'"},
  {"loadfile('/etc/passwd')", "unknown name 'loadfile'"},
  {"collectgarbage()", "unknown name 'collectgarbage'"},
  {"setmetatable({}, {__gc = print})", "unknown name 'setmetatable'"},
  {"rawset(_ENV, 'x', 1)", "unknown name 'rawset'"},
  {"coroutine.create(print)", "unknown name 'coroutine'"},
  {"package.loaded.os", "unknown name 'package'"},
  {"math.random()", "attempt to call a nil value (field 'random')"},
  {"string.dump(tostring)", "attempt to call a nil value (field 'dump')"},
  {"('x'):dump()", "attempt to call a nil value (method 'dump')"},
  {"('aaaa'):match('(a*)*b')", "attempt to call a nil value (method 'match')"},
  {"getmetatable('').__index", "unknown name 'getmetatable'"},
  {"('x'):rep(1e9)", "string.rep: result over"},
};

/* Each escape attempt is an error in that rule, named, with file:line. */
static void no_way_out(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++) {
    char rules[512];
    snprintf(rules, sizeof rules,
             "rule 'Escape' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r',\n"
             "  when = function(c) return %s end }\n", forbidden[i][0]);
    th_engine *e = engine_for("escape", rules);
    json_t *r = eval_json(e, "{\"assessed_on\":\"2026-01-01\"}", 0);
    json_t *errs = json_object_get(r, "errors");
    if (!has_entry(errs, "rule", "Escape") || !json_has(errs, forbidden[i][1]) ||
        !has_entry(errs, "source", "escape/rules.lua:1"))
      fail_msg("%s: %s", forbidden[i][0], json_dumps(errs, 0));
    assert_string_equal(jstr(r, "status"), "incomplete");
    json_decref(r);
    th_engine_free(e);
  }
}

static long long elapsed_ms(struct timespec a) {
  struct timespec b;
  clock_gettime(CLOCK_MONOTONIC, &b);
  return (b.tv_sec - a.tv_sec) * 1000LL + (b.tv_nsec - a.tv_nsec) / 1000000;
}

/* The rule trips the deadline; the result says so; the next case is fine. */
static void stopped_then_recovers(const char *body, int which) {
  char rules[1024];
  snprintf(rules, sizeof rules,
           RULE("Runaway", "if c.risk then %s end return false")
           "rule 'Normal' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('kind', 'a') }\n",
           body);
  th_engine *e = engine_for("limits", rules);
  /* a memory test gets a generous deadline, so only memory can stop it */
  th_engine_limit(e, TH_LIMIT_DEADLINE_MS, which == 0 ? 200 : 60000);
  if (which == 1)
    th_engine_limit(e, TH_LIMIT_EVAL_MEMORY, 16 << 20);
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  json_t *r = eval_json(e, "{\"id\":\"first\",\"assessed_on\":\"2026-01-01\",\"risk\":true,\"kind\":\"a\"}", 0);
  long long ms = elapsed_ms(t0);
  assert_string_equal(jstr(r, "status"), "incomplete");
  assert_true(json_is_null(json_object_get(r, "suggestion")));
  json_t *errs = json_object_get(r, "errors");
  assert_true(has_entry(errs, "rule", "Runaway"));
  assert_true(has_entry(errs, "source", "limits/rules.lua:1"));
  if (!json_has(errs, which == 0 ? "time limit of 200 ms" : "memory limit of 16777216 bytes"))
    fail_msg("%s", json_dumps(errs, 0));
  if (which == 0 && ms > 2000)
    fail_msg("deadline of 200 ms took %lld ms to hold", ms);
  json_decref(r);
  r = eval_json(e, "{\"id\":\"second\",\"assessed_on\":\"2026-01-01\",\"risk\":false,\"kind\":\"a\"}", 0);
  assert_string_equal(jstr(r, "status"), "complete");
  assert_string_equal(jstr(r, "suggestion.local_level"), "early_help");
  json_decref(r);
  th_engine_free(e);
}

static void deadline_plain_loop(void **state) {
  (void)state;
  stopped_then_recovers("while true do end", 0);
}

static void deadline_loop_inside_pcall(void **state) {
  (void)state;
  stopped_then_recovers("while true do pcall(function() while true do end end) end", 0);
}

static void deadline_slow_native_calls(void **state) {
  (void)state;
  /* each insert at the front moves the whole table: one VM instruction,
     a long C call; the deadline holds at the next instruction */
  stopped_then_recovers("local t = {} for i = 1, 1e6 do t[i] = i end "
                        "for i = 1, 1e9 do table.insert(t, 1, i) end", 0);
}

static void memory_budget(void **state) {
  (void)state;
  stopped_then_recovers("local t = {} pcall(function() for i = 1, 1e9 do t[i] = {i} end end) "
                        "return #t > 0", 1);
}

static void recursion_is_an_error_not_a_crash(void **state) {
  (void)state;
  th_engine *e = engine_for("deep", RULE("Deep", "local function f(n) return f(n + 1) + 1 end return f(1)"));
  /* the stack limit is what is tested: on a loaded machine the default
     deadline could stop the recursion first */
  th_engine_limit(e, TH_LIMIT_DEADLINE_MS, 60000);
  json_t *r = eval_json(e, "{\"assessed_on\":\"2026-01-01\"}", 0);
  assert_true(json_has(json_object_get(r, "errors"), "stack overflow"));
  json_decref(r);
  th_engine_free(e);
}

/* Loading and preparing a set are counted in instructions, not timed: a
** set that loads on a fast machine loads on a slow or busy one. With a
** per-case deadline of 1 ms, a set of 3,000 rules still loads and is
** prepared; each evaluation then gives a result (complete or stopped),
** never "preparing the rule set stopped". */
static void preparing_is_not_timed(void **state) {
  (void)state;
  size_t cap = 3000 * 160 + 64, n = 0;
  char *rules = malloc(cap);
  assert_non_null(rules);
  for (int i = 0; i < 3000; i++)
    n += (size_t)snprintf(rules + n, cap - n, "rule 'R%d' { level = 'early_help', cite = 'c', basis = 'quoted', "
                          "reason = 'r', when = all { is('risk', true), at_least('score', %d) } }\n",
                          i, i + 1000000);
  const char *dir = write_set("bigprep", "ruleset { id = 'bigprep' }\n", "base.lua", FIXTURE_LEVELS,
    "rules.lua", rules, (const char *)NULL);
  free(rules);
  th_engine *e = NULL;
  assert_int_equal(th_engine_new(&e, 0), TH_OK);
  th_engine_limit(e, TH_LIMIT_DEADLINE_MS, 1);
  assert_int_equal(th_engine_load(e, dir), TH_OK);
  for (int i = 0; i < 3; i++) {
    th_result *r = NULL;
    assert_int_equal(th_eval(e, "{\"assessed_on\":\"2026-01-01\",\"risk\":true,\"score\":1}",
                             50, 0, &r), TH_OK);
    th_result_free(r);
  }
  th_engine_free(e);
}

/* Rule-file code runs when the set loads: it is bounded too. */
static void loading_is_bounded(void **state) {
  (void)state;
  const char *dir = write_set("loadloop", "ruleset { id = 'loadloop' }\n",
    "base.lua", FIXTURE_LEVELS, "spin.lua", "while true do end\n", (const char *)NULL);
  th_engine *e = NULL;
  assert_int_equal(th_engine_new(&e, 0), TH_OK);
  th_engine_limit(e, TH_LIMIT_LOAD_STEPS, 1000000);
  assert_int_equal(th_engine_load(e, dir), TH_LIMIT);
  assert_true(contains(th_errmsg(e), "instruction limit of 1000000 Lua instructions"));
  /* the engine can load a good set afterwards */
  dir = write_set("loadok", "ruleset { id = 'loadok' }\n", "base.lua", FIXTURE_LEVELS,
                  (const char *)NULL);
  assert_int_equal(th_engine_load(e, dir), TH_OK);
  th_engine_free(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(no_way_out),
    cmocka_unit_test(deadline_plain_loop),
    cmocka_unit_test(deadline_loop_inside_pcall),
    cmocka_unit_test(deadline_slow_native_calls),
    cmocka_unit_test(memory_budget),
    cmocka_unit_test(recursion_is_an_error_not_a_crash),
    cmocka_unit_test(loading_is_bounded),
    cmocka_unit_test(preparing_is_not_timed),
  };
  return cmocka_run_group_tests(tests, NULL, remove_fixtures);
}
