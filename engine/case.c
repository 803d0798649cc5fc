/*
** case.c -- reading one JSON case into Lua tables.
**
** This is the one interface through which the engine reads a case, so a
** faster reader can replace jansson on the hot path without touching the
** rest. jansson is strict: it rejects invalid UTF-8, NUL in strings, NaN
** and Infinity, and (with JSON_REJECT_DUPLICATES) duplicate keys, and gives
** line and column for every error.
**
** JSON null becomes a light userdata NULL, which the prelude knows as
** `null`; objects and arrays become plain tables (arrays 1-based).
*/
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>

#include "internal.h"

typedef struct conv {
  json_t *root;
  long long max_depth;
} conv;

static void push_value(lua_State *L, json_t *v, const conv *cv, int depth);

static void push_object(lua_State *L, json_t *v, const conv *cv, int depth) {
  const char *key;
  json_t *x;
  lua_createtable(L, 0, (int)json_object_size(v));
  json_object_foreach(v, key, x) {
    lua_pushstring(L, key);
    push_value(L, x, cv, depth + 1);
    lua_rawset(L, -3);
  }
}

static void push_array(lua_State *L, json_t *v, const conv *cv, int depth) {
  size_t n = json_array_size(v);
  lua_createtable(L, n > 1u << 20 ? 0 : (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    push_value(L, json_array_get(v, i), cv, depth + 1);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

/* [-0, +1, e] raises on memory or when nested deeper than the limit */
static void push_value(lua_State *L, json_t *v, const conv *cv, int depth) {
  if (depth > cv->max_depth)
    luaL_error(L, "the case nests deeper than the limit of %d levels",
               (int)cv->max_depth);
  luaL_checkstack(L, 3, "case nests too deeply");
  switch (json_typeof(v)) {
  case JSON_OBJECT: push_object(L, v, cv, depth); break;
  case JSON_ARRAY: push_array(L, v, cv, depth); break;
  case JSON_STRING:
    lua_pushlstring(L, json_string_value(v), json_string_length(v));
    break;
  case JSON_INTEGER: lua_pushinteger(L, (lua_Integer)json_integer_value(v)); break;
  case JSON_REAL: lua_pushnumber(L, json_real_value(v)); break;
  case JSON_TRUE: lua_pushboolean(L, 1); break;
  case JSON_FALSE: lua_pushboolean(L, 0); break;
  case JSON_NULL: lua_pushlightuserdata(L, NULL); break;
  }
}

static int push_case(lua_State *L) {              /* [-0, +1, e] */
  const conv *cv = lua_touserdata(L, 1);
  lua_settop(L, 0);
  push_value(L, cv->root, cv, 1);
  return 1;
}

json_t *thi_case_parse(th_engine *e, const char *json, size_t len,
                       int *status) {
  json_error_t err;
  *status = TH_OK;
  if ((long long)len > e->limits[TH_LIMIT_CASE_BYTES]) {
    *status = thi_seterr(e, TH_LIMIT, "the case is %zu bytes; the limit is "
                         "%lld bytes", len, e->limits[TH_LIMIT_CASE_BYTES]);
    return NULL;
  }
  json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
  if (root == NULL)
    *status = thi_seterr(e, TH_JSON, "line %d, column %d: %s", err.line,
                         err.column, err.text);
  return root;
}

int thi_case_push(th_engine *e, json_t *root) {
  lua_State *L = e->L;
  conv cv = {root, e->limits[TH_LIMIT_CASE_DEPTH]};
  lua_pushcfunction(L, push_case);
  lua_pushlightuserdata(L, &cv);
  int rc = thi_pcall(L, 1, 1);
  if (rc == LUA_OK)
    return TH_OK;
  int st = thi_seterr(e, TH_LIMIT, "%s", rc == LUA_ERRMEM || thi_is_limit_error(L, -1)
                      ? "the case needs more memory than one evaluation may use"
                      : lua_tostring(L, -1));
  lua_pop(L, 1);
  return st;
}
