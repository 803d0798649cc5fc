/*
** case.c -- reading one JSON case into Lua tables.
**
** This is the one interface through which the engine reads a case. The
** single-pass reader (case_reader.c) takes the common case; whatever it
** declines goes through jansson, the reference: strict (it rejects invalid
** UTF-8, NUL in strings, NaN and Infinity, and with JSON_REJECT_DUPLICATES
** duplicate keys), with line and column for every error, and then through
** the converter below, which names the path of a value beyond a limit.
**
** JSON null becomes a light userdata NULL, which the prelude knows as
** `null`; objects and arrays become plain tables (arrays 1-based).
*/
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>

#include "internal.h"

typedef struct conv {
  json_t *root;
  thi_case_limits lim;
} conv;

/* Where the converter is: a chain of keys on the C stack, for messages. */
typedef struct where {
  const struct where *up;
  const char *key;      /* object key, or NULL for a list index */
  size_t index;
} where;

/* The path from the root to w, outermost first, however deep: recursion
   as deep as the case, which the depth limit bounds. */
static void add_path(lua_State *L, luaL_Buffer *b, const where *w, int *n) {
  if (w == NULL)
    return;
  add_path(L, b, w->up, n);
  if (!(w->up || w->key))
    return;                              /* the root itself names nothing */
  if (w->key) {
    if ((*n)++ > 0)
      luaL_addchar(b, '.');
    luaL_addstring(b, w->key);
  } else {
    (*n)++;
    lua_pushfstring(L, "[%I]", (lua_Integer)w->index);
    luaL_addvalue(b);
  }
}

/* Raise "path: message" for the value at w. [-0, +0, v] */
static int fail_at(lua_State *L, const where *w, const char *msg) {
  luaL_Buffer b;
  int n = 0;
  luaL_buffinit(L, &b);
  add_path(L, &b, w, &n);
  luaL_addstring(&b, n ? ": " : "(case): ");
  luaL_addstring(&b, msg);
  luaL_pushresult(&b);
  return lua_error(L);
}

static void push_value(lua_State *L, json_t *v, const conv *cv, int depth,
                       const where *w);

static void push_object(lua_State *L, json_t *v, const conv *cv, int depth,
                        const where *w) {
  const char *key;
  json_t *x;
  lua_createtable(L, 0, (int)json_object_size(v));
  if (json_object_size(v) == 0)
    thi_mark_empty_object(L);
  json_object_foreach(v, key, x) {
    size_t klen = strlen(key);      /* a key is a string too: the same limit */
    if ((long long)klen > cv->lim.string) {
      char msg[96];
      snprintf(msg, sizeof msg, "a key of %zu bytes; the limit is %lld", klen,
               cv->lim.string);
      fail_at(L, w, msg);
    }
    where here = {w, key, 0};
    lua_pushstring(L, key);
    push_value(L, x, cv, depth + 1, &here);
    lua_rawset(L, -3);
  }
}

static void push_array(lua_State *L, json_t *v, const conv *cv, int depth,
                       const where *w) {
  size_t n = json_array_size(v);
  if ((long long)n > cv->lim.items) {
    char msg[96];
    snprintf(msg, sizeof msg, "a list of %zu entries; the limit is %lld", n,
             cv->lim.items);
    fail_at(L, w, msg);
  }
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    where here = {w, NULL, i};
    push_value(L, json_array_get(v, i), cv, depth + 1, &here);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

/*
** [-0, +1, e] Raises on memory, or when the case nests deeper, or holds a
** longer list or string or a larger number, than the limits allow. Depth
** is checked before descending, so the C stack is bounded by the limit.
*/
static void push_value(lua_State *L, json_t *v, const conv *cv, int depth,
                       const where *w) {
  char msg[128];
  if (depth > cv->lim.depth) {
    snprintf(msg, sizeof msg, "nested deeper than the limit of %lld levels",
             cv->lim.depth);
    fail_at(L, w, msg);
  }
  luaL_checkstack(L, 3, "case nests too deeply");
  switch (json_typeof(v)) {
  case JSON_OBJECT: push_object(L, v, cv, depth, w); break;
  case JSON_ARRAY: push_array(L, v, cv, depth, w); break;
  case JSON_STRING:
    if ((long long)json_string_length(v) > cv->lim.string) {
      snprintf(msg, sizeof msg, "a string of %zu bytes; the limit is %lld",
               json_string_length(v), cv->lim.string);
      fail_at(L, w, msg);
    }
    lua_pushlstring(L, json_string_value(v), json_string_length(v));
    break;
  case JSON_INTEGER:
  case JSON_REAL: {
    double x = json_number_value(v);
    if (x > cv->lim.abs || x < -cv->lim.abs) {
      snprintf(msg, sizeof msg, "a number beyond the limit of %.6g in "
               "magnitude", cv->lim.abs);
      fail_at(L, w, msg);
    }
    if (json_is_integer(v))
      lua_pushinteger(L, (lua_Integer)json_integer_value(v));
    else
      lua_pushnumber(L, x);
    break;
  }
  case JSON_TRUE: lua_pushboolean(L, 1); break;
  case JSON_FALSE: lua_pushboolean(L, 0); break;
  case JSON_NULL: lua_pushlightuserdata(L, NULL); break;
  }
}

static int push_case(lua_State *L) {              /* [-0, +1, e] */
  const conv *cv = lua_touserdata(L, 1);
  lua_settop(L, 0);
  push_value(L, cv->root, cv, 1, NULL);
  return 1;
}

/* jansson's message, without the " near '...'" that quotes the input: a case
** holds personal data, and errors reach logs. */
const char *thi_json_error_text(json_error_t *err) {
  char *near = strstr(err->text, " near '");
  if (near)
    *near = '\0';
  return err->text;
}

static thi_case_limits limits_of(const th_engine *e) {
  thi_case_limits lim = {e->limits[TH_LIMIT_CASE_DEPTH], e->limits[TH_LIMIT_LIST_ITEMS],
                         e->limits[TH_LIMIT_STRING_BYTES],
                         (double)e->limits[TH_LIMIT_NUMBER_ABS]};
  return lim;
}

/* A failed pcall while reading a case: the budget, or the message. */
static int read_failed(th_engine *e, int rc) {
  lua_State *L = e->L;
  int st = thi_seterr(e, TH_LIMIT, "%s", rc == LUA_ERRMEM || thi_is_limit_error(L, -1)
                      ? "the case needs more memory than one evaluation may use"
                      : lua_tostring(L, -1));
  lua_pop(L, 1);
  return st;
}

/* The jansson path: parse, then convert. [-0, +1|0] */
static int load_checked(th_engine *e, const char *json, size_t len) {
  json_error_t err;
  json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
  if (root == NULL)
    return thi_seterr(e, TH_JSON, "line %d, column %d: %s", err.line, err.column,
                      thi_json_error_text(&err));
  conv cv = {root, limits_of(e)};
  lua_pushcfunction(e->L, push_case);
  lua_pushlightuserdata(e->L, &cv);
  int rc = thi_pcall(e->L, 1, 1);
  json_decref(root);
  return rc == LUA_OK ? TH_OK : read_failed(e, rc);
}

typedef struct fast_args {
  const char *json;
  size_t len;
  thi_case_limits lim;
  thi_case_schema *schema;
  int flat;                 /* try reading it flat first */
  int read;                 /* THI_READ_*, or 0: declined */
} fast_args;

static int read_fast(lua_State *L) {        /* [-0, +(0|1|nslots), m] */
  fast_args *a = lua_touserdata(L, 1);
  lua_settop(L, 0);
  if (a->flat && thi_case_read_flat(L, a->json, a->len, &a->lim, a->schema)) {
    a->read = THI_READ_FLAT;
    return lua_gettop(L);
  }
  int got = thi_case_read(L, a->json, a->len, &a->lim, a->schema);
  a->read = got == 2 ? THI_READ_CHECKED : got == 1 ? THI_READ_TABLES : 0;
  return got != 0;
}

int thi_case_load(th_engine *e, const char *json, size_t len, int flat, int *how) {
  *how = THI_READ_TABLES;
  if ((long long)len > e->limits[TH_LIMIT_CASE_BYTES])
    return thi_seterr(e, TH_LIMIT, "the case is %zu bytes; the limit is %lld bytes",
                      len, e->limits[TH_LIMIT_CASE_BYTES]);
  fast_args a = {json, len, limits_of(e), e->case_schema,
                 flat && e->case_schema && e->case_schema->nslots > 0, 0};
  /* The handler below read_fast, where thi_pcall finds it, so the values
     read flat are not moved past it; its place then takes the case. */
  lua_State *L = e->L;
  int h = lua_gettop(L) + 1;
  thi_push_msghandler(L);
  lua_pushcfunction(L, read_fast);
  lua_pushlightuserdata(L, &a);
  int rc = thi_pcall(L, 1, LUA_MULTRET);
  if (rc != LUA_OK) {
    lua_remove(L, h);
    return read_failed(e, rc);
  }
  if (a.read == THI_READ_FLAT) {
    lua_pushnil(L);                                /* no case table */
    lua_replace(L, h);
  } else {
    lua_remove(L, h);
  }
  if (a.read != 0) {
    *how = a.read;
    e->cases_checked += a.read != THI_READ_TABLES;
    return TH_OK;
  }
  return load_checked(e, json, len);   /* declined: jansson decides */
}
