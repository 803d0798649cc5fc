/*
** lint.c -- th_engine_check: the rule author's check of a loaded rule set
** (`threshold check`). The set's own tests run first (th_engine_test) for
** their coverage gaps; then the prelude's lint module reads the loaded
** declarations and the sources' text, under the load limits.
*/
#include <stdlib.h>

#include <lauxlib.h>

#include "result.h"

/* [-0, +1, m] the test files as a list of { name, text } */
static void push_tests(lua_State *L, const thi_sources *tests) {
  lua_createtable(L, (int)tests->n, 0);
  for (size_t i = 0; i < tests->n; i++) {
    lua_createtable(L, 2, 0);
    lua_pushstring(L, tests->v[i].name);
    lua_rawseti(L, -2, 1);
    lua_pushlstring(L, tests->v[i].text, tests->v[i].len);
    lua_rawseti(L, -2, 2);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

static int check_locked(th_engine *e, json_t *gaps, char **json) {
  if (e->rs_id == NULL)
    return thi_seterr(e, TH_MISUSE, "no rule set loaded");
  if (e->in_eval)
    return thi_seterr(e, TH_MISUSE, "th_engine_check called during an evaluation");
  int st;
  if (e->poisoned && (st = thi_rules_replay(e)) != TH_OK)
    return st;
  thi_sources tests = {0};
  int with_tests = e->set_dir != NULL && thi_read_tests(e, &tests) == TH_OK;
  if (with_tests && (st = thi_rules_prepare(e)) != TH_OK) {   /* evaluated as eval does */
    thi_sources_clear(&tests);
    return st;
  }
  lua_State *L = e->L;
  lua_settop(L, 0);
  thi_sandbox_pushapi(L, "lint");
  lua_createtable(L, 0, (int)e->sources.n);
  for (size_t i = 0; i < e->sources.n; i++) {
    lua_pushlstring(L, e->sources.v[i].text, e->sources.v[i].len);
    lua_setfield(L, -2, e->sources.v[i].name);
  }
  if (gaps) {
    size_t i;
    json_t *g;
    lua_createtable(L, (int)json_array_size(gaps), 0);
    json_array_foreach(gaps, i, g) {
      lua_pushstring(L, json_is_string(g) ? json_string_value(g) : "?");
      lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
  } else {
    lua_pushnil(L);
  }
  /* The tests' cases are where the monotonicity check starts from: they
     are loaded into the state for it, and dropped after (below). */
  if (with_tests)
    push_tests(L, &tests);
  else
    lua_pushnil(L);
  thi_sources_clear(&tests);
  int rc = thi_pcall_limited(e, 3, 1, "checking the rule set");
  if (rc == TH_LIMIT)
    return rc;                                 /* message set, state rebuilt later */
  if (rc != LUA_OK) {
    st = thi_seterr(e, TH_ERROR, "internal error checking the rule set: %s",
                    lua_tostring(L, -1));
  } else {
    *json = thi_lua_to_text(e, -1, NULL);
    st = *json ? TH_OK : thi_seterr(e, TH_NOMEM, "out of memory");
  }
  lua_settop(L, 0);
  if (with_tests && rc != TH_LIMIT) {
    int rst = thi_rules_replay(e);       /* leave the state without the tests */
    if (st == TH_OK)
      st = rst;
  }
  return st;
}

static int check_guarded(th_engine *e, json_t *gaps, char **json) {
  int st;
  THI_GUARDED(e, st, check_locked(e, gaps, json));
  return st;
}

int th_engine_check(th_engine *e, char **json) {
  if (json)
    *json = NULL;
  if (e == NULL || json == NULL)
    return TH_MISUSE;
  json_t *gaps = NULL;
  if (e->set_dir != NULL && e->rs_id != NULL) {   /* from a folder: its tests */
    th_report *rep = NULL;
    int st = th_engine_test(e, &rep);
    if (st != TH_OK)
      return st;
    gaps = json_incref(json_object_get(rep->root, "coverage_gaps"));
    th_report_free(rep);
  }
  if (thi_enter(e) != TH_OK) {
    json_decref(gaps);
    return TH_MISUSE;        /* in use by another thread: see thi_enter */
  }
  int st = check_guarded(e, gaps, json);
  thi_leave(e);
  json_decref(gaps);
  return st;
}
