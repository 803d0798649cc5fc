/*
** testrun.c -- running a rule set's own tests (the tests folder).
**
** Each test runs as a normal evaluation, with the same limits, and the
** report lists the set's coverage gaps (see th_report_coverage_gaps). Results are
** copied out of Lua one test at a time, so a test that trips a limit fails
** on its own: the state is rebuilt and the remaining tests still run.
*/
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "result.h"

/* Rebuild the state and load the test files into it. */
static int load_tests(th_engine *e, const thi_sources *tests) {
  int st = thi_rules_replay(e);
  if (st == TH_OK)                   /* each test runs both ways */
    st = thi_rules_prepare(e);
  lua_State *L = e->L;
  for (size_t i = 0; st == TH_OK && i < tests->n; i++) {
    thi_sandbox_pushapi(L, "load_tests");
    lua_pushstring(L, tests->v[i].name);
    lua_pushlstring(L, tests->v[i].text, tests->v[i].len);
    int rc = thi_pcall_limited(e, 2, 3, tests->v[i].name);
    if (rc == TH_LIMIT)
      st = rc;
    else if (rc != LUA_OK)
      st = thi_seterr(e, TH_ERROR, "%s", lua_tostring(L, -1));
    else if (lua_isnil(L, -3))
      st = thi_seterr(e, lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : TH_RULES, "%s",
                      lua_tostring(L, -2));
    lua_settop(L, 0);
  }
  return st;
}

/* The tests of one set's folder, labelled "<set>/tests/<file>". */
static int read_set_tests(th_engine *e, const char *dir, thi_sources *out) {
  char *tdir = thi_path_join(dir, "tests");
  char **files = NULL;
  struct stat sb;
  int st = tdir ? TH_OK : TH_NOMEM;
  if (st == TH_OK && stat(tdir, &sb) == 0)
    st = thi_list_lua(e, tdir, &files);
  size_t dlen = strlen(dir);               /* the folder's name: the set's */
  while (dlen > 1 && dir[dlen - 1] == '/')
    dlen--;
  size_t start = dlen;
  while (start > 0 && dir[start - 1] != '/')
    start--;
  const char *base = dir + start;
  size_t blen = dlen - start;
  for (size_t i = 0; st == TH_OK && files && files[i]; i++) {
    char *path = thi_path_join(tdir, files[i]), *text = NULL;
    size_t len = 0;
    st = path ? thi_read_file(e, path, &text, &len) : TH_NOMEM;
    free(path);
    if (st != TH_OK)
      break;
    /* allocated: a folder and file name of any length are named whole */
    char *set = thi_strndup(base, blen);
    char *sub = set ? thi_path_join(set, "tests") : NULL;
    char *label = sub ? thi_path_join(sub, files[i]) : NULL;
    st = label ? thi_sources_add(out, label, text, len) : TH_NOMEM;
    if (st != TH_OK)
      free(text);
    free(label);
    free(sub);
    free(set);
  }
  thi_free_list(files);
  free(tdir);
  return st;
}

/* The tests of every set of the extends chain, parents first: a local set
   runs the tests of what it inherits (the prelude skips, with the local
   reason, those whose rules the set overrides or disables). */
int thi_read_tests(th_engine *e, thi_sources *out) {
  int st = TH_OK;
  for (size_t i = 0; st == TH_OK && e->chain_dirs && e->chain_dirs[i]; i++)
    if (e->chain_dirs[i + 1] != NULL)
      st = read_set_tests(e, e->chain_dirs[i], out);
  return st == TH_OK ? read_set_tests(e, e->set_dir, out) : st;
}

/* Run test i; append its entry to `tests`. Rebuilds after a limit trip. */
static int run_one(th_engine *e, const thi_sources *srcs, lua_Integer i,
                   const char *only, json_t *tests, int *not_run) {
  lua_State *L = e->L;
  thi_sandbox_pushapi(L, "test_info");
  lua_pushinteger(L, i);
  if (thi_pcall(L, 1, 2) != LUA_OK)
    return thi_seterr(e, TH_ERROR, "%s", lua_tostring(L, -1));
  if (only && strstr(lua_tostring(L, -2), only) == NULL) {
    lua_settop(L, 0);
    (*not_run)++;
    return TH_OK;
  }
  json_t *entry = json_pack("{s:s, s:s}", "test", lua_tostring(L, -2),
                            "source", lua_tostring(L, -1));
  lua_settop(L, 0);
  thi_sandbox_begin_eval(e);
  thi_sandbox_pushapi(L, "run_test");
  lua_pushinteger(L, i);
  int rc = thi_pcall(L, 1, 1);
  thi_sandbox_end_eval(e);
  if (rc == LUA_OK) {
    json_decref(entry);
    entry = thi_lua_to_json(L, -1, 0);
  } else {
    const char *why = e->poisoned || thi_is_limit_error(L, -1)
        ? (atomic_load(&e->trip) == THI_TRIP_TIME ? "stopped: time limit reached"
                                                  : "stopped: memory limit reached")
        : lua_tostring(L, -1);
    json_object_set_new(entry, "passed", json_false());
    json_object_set_new(entry, "problems", json_pack("[s]", why ? why : "?"));
  }
  lua_settop(L, 0);
  json_array_append_new(tests, entry);
  if (e->poisoned || rc != LUA_OK)
    return load_tests(e, srcs);
  return TH_OK;
}

/* The set's coverage gaps, as a JSON array of strings (new reference). */
static json_t *coverage(th_engine *e) {
  lua_State *L = e->L;
  json_t *gaps = NULL;
  thi_sandbox_pushapi(L, "coverage");
  if (thi_pcall(L, 0, 1) == LUA_OK)
    gaps = thi_lua_to_json(L, -1, 0);
  lua_settop(L, 0);
  return gaps ? gaps : json_array();
}

static int make_report(th_engine *e, json_t *tests, json_t *gaps,
                       int not_run, th_report **out) {
  int passed = 0, failed = 0;
  size_t i;
  json_t *t;
  int skipped = 0;
  json_array_foreach(tests, i, t) {
    if (json_is_string(json_object_get(t, "skipped")))
      skipped++;
    else if (json_is_true(json_object_get(t, "passed")))
      passed++;
    else
      failed++;
  }
  th_report *r = calloc(1, sizeof *r);
  if (r == NULL) {
    json_decref(tests);
    json_decref(gaps);
    return TH_NOMEM;
  }
  r->root = json_pack("{s:s, s:i, s:i, s:i, s:o, s:o}", "ruleset", e->rs_id,
                      "passed", passed, "failed", failed, "skipped", skipped,
                      "tests", tests, "coverage_gaps", gaps);
  if (r->root && not_run >= 0)        /* th_engine_test_only: the tests left out */
    json_object_set_new(r->root, "not_run", json_integer(not_run));
  r->passed = passed;
  r->failed = failed;
  r->gaps = (int)json_array_size(gaps);
  r->json = r->root ? json_dumps(r->root, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  r->text = r->root ? thi_render_report(r->root) : NULL;
  if (r->json == NULL || r->text == NULL) {
    th_report_free(r);
    return thi_seterr(e, TH_NOMEM, "out of memory");
  }
  *out = r;
  return TH_OK;
}

static int run_tests(th_engine *e, const char *only, th_report **out) {
  if (out)
    *out = NULL;
  if (e == NULL || out == NULL)
    return TH_MISUSE;
  if (e->rs_id == NULL)
    return thi_seterr(e, TH_MISUSE, "no rule set loaded");
  if (e->set_dir == NULL)
    return thi_seterr(e, TH_MISUSE, "the rule set was loaded from memory: "
                      "it has no tests folder");
  thi_sources srcs = {0};
  int st = thi_read_tests(e, &srcs);
  if (st == TH_OK)
    st = load_tests(e, &srcs);
  json_t *tests = json_array();
  lua_Integer n = 0;
  if (st == TH_OK && tests == NULL)
    st = TH_NOMEM;
  if (st == TH_OK) {
    thi_sandbox_pushapi(e->L, "test_count");
    if (thi_pcall(e->L, 0, 1) == LUA_OK)
      n = lua_tointeger(e->L, -1);
    lua_settop(e->L, 0);
  }
  int not_run = 0;
  for (lua_Integer i = 1; st == TH_OK && i <= n; i++)
    st = run_one(e, &srcs, i, only, tests, &not_run);
  thi_sources_clear(&srcs);
  if (st == TH_OK)                    /* coverage of some tests is no coverage */
    st = make_report(e, tests, only ? json_array() : coverage(e),
                     only ? not_run : -1, out);
  else
    json_decref(tests);
  int rst = thi_rules_replay(e);      /* leave the state without the tests */
  return st != TH_OK ? st : rst;
}

int th_engine_test_only(th_engine *e, const char *only, th_report **out) {
  if (out)
    *out = NULL;
  if (e == NULL)
    return TH_MISUSE;
  if (thi_enter(e) != TH_OK)
    return TH_MISUSE;        /* in use by another thread: see thi_enter */
  int st;
  THI_GUARDED(e, st, run_tests(e, only, out));
  thi_leave(e);
  return st;
}

int th_engine_test(th_engine *e, th_report **out) {
  return th_engine_test_only(e, NULL, out);
}

int th_report_passed(const th_report *r) { return r ? r->passed : 0; }
int th_report_failed(const th_report *r) { return r ? r->failed : 0; }
int th_report_coverage_gaps(const th_report *r) { return r ? r->gaps : 0; }
const char *th_report_json(const th_report *r) { return r ? r->json : NULL; }
const char *th_report_text(const th_report *r) { return r ? r->text : NULL; }

void th_report_free(th_report *r) {
  if (r == NULL)
    return;
  json_decref(r->root);
  free(r->json);
  free(r->text);
  free(r);
}
