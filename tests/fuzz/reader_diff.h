/*
** reader_diff.h -- the single-pass case reader (engine/case_reader.c)
** against jansson, the reference, on the same bytes. Shared by the fuzz
** target (fuzz_reader.c) and the unit test (test_case_reader.c).
**
** The contract: what the reader accepts, jansson (duplicates rejected)
** accepts, with the same values -- the same Lua types, integers as
** integers, reals bit for bit, strings byte for byte, the same keys; what
** jansson rejects, the reader declines. The reader may decline valid input
** only for a number token too long for it to read (64 characters or more),
** or a NUL byte, which it never takes (jansson skips one straight after a
** number or a literal: "[true\0]" is valid to it).
**
** With a case schema (engine/case_schema.c) the reader also checks the
** case and gives its tables nodes; none of that may change what it
** accepts or the values it builds, so the same contract holds.
*/
#ifndef THRESHOLD_READER_DIFF_H
#define THRESHOLD_READER_DIFF_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>

#include "internal.h"

/* Limits wide enough that the reader declines nothing for being large. */
static const thi_case_limits reader_diff_limits = {1000000, 1000000000, 1000000000,
                                                   HUGE_VAL};

/* How many keys the table on top of the stack holds. */
static size_t reader_diff_keys(lua_State *L) {
  size_t n = 0;
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    n++;
    lua_pop(L, 1);
  }
  return n;
}

static int reader_diff_same(lua_State *L, json_t *j) {
  luaL_checkstack(L, 4, NULL);
  int t = lua_type(L, -1);
  switch (json_typeof(j)) {
  case JSON_OBJECT: {
    if (t != LUA_TTABLE)
      return 0;
    if (reader_diff_keys(L) != json_object_size(j))
      return 0;
    const char *key;
    json_t *v;
    json_object_foreach(j, key, v) {
      lua_pushstring(L, key);
      lua_rawget(L, -2);
      int ok = reader_diff_same(L, v);
      lua_pop(L, 1);
      if (!ok)
        return 0;
    }
    return 1;
  }
  case JSON_ARRAY: {
    if (t != LUA_TTABLE)
      return 0;
    size_t n = reader_diff_keys(L);
    if (n != json_array_size(j))
      return 0;
    for (size_t i = 0; i < n; i++) {
      lua_rawgeti(L, -1, (lua_Integer)i + 1);
      int ok = reader_diff_same(L, json_array_get(j, i));
      lua_pop(L, 1);
      if (!ok)
        return 0;
    }
    return 1;
  }
  case JSON_STRING: {
    size_t n;
    const char *s = t == LUA_TSTRING ? lua_tolstring(L, -1, &n) : NULL;
    return s && n == json_string_length(j) && memcmp(s, json_string_value(j), n) == 0;
  }
  case JSON_INTEGER:
    return t == LUA_TNUMBER && lua_isinteger(L, -1) &&
           lua_tointeger(L, -1) == (lua_Integer)json_integer_value(j);
  case JSON_REAL: {
    double a = lua_tonumber(L, -1), b = json_real_value(j);
    return t == LUA_TNUMBER && !lua_isinteger(L, -1) && memcmp(&a, &b, sizeof a) == 0;
  }
  case JSON_TRUE:
  case JSON_FALSE:
    return t == LUA_TBOOLEAN && lua_toboolean(L, -1) == json_is_true(j);
  case JSON_NULL:
    return t == LUA_TLIGHTUSERDATA && lua_touserdata(L, -1) == NULL;
  }
  return 0;
}

/* A NUL byte, or a number-like run of 64 characters or more: the reader
** leaves these to jansson. */
static int reader_diff_left_to_jansson(const char *s, size_t n) {
  size_t run = 0;
  if (memchr(s, '\0', n))
    return 1;
  for (size_t i = 0; i < n; i++) {
    run = strchr("0123456789+-.eE", s[i]) && s[i] ? run + 1 : 0;
    if (run >= 64)
      return 1;
  }
  return 0;
}

typedef struct reader_diff_run {
  lua_State *L;
  thi_case_schema *schema;
  const char *data;
  size_t size;
  int fast;
} reader_diff_run;

static int reader_diff_protected(lua_State *L) {
  reader_diff_run *r = lua_touserdata(L, 1);
  r->fast = thi_case_read(L, r->data, r->size, &reader_diff_limits, r->schema);
  return r->fast != 0;
}

/*
** 0 when the reader (with schema, if not NULL) and jansson agree on the
** bytes; otherwise 1, with what went wrong in why. "fast" is set to the
** reader's answer: 0 declined, 1 read, 2 read and passed by the schema.
*/
static int reader_diff(lua_State *L, thi_case_schema *schema, const char *data,
                       size_t size, int *fast, char *why, size_t whylen) {
  json_error_t err;
  json_t *j = json_loadb(data, size, JSON_REJECT_DUPLICATES, &err);
  reader_diff_run run = {L, schema, data, size, 0};
  lua_settop(L, 0);
  lua_pushcfunction(L, reader_diff_protected);
  lua_pushlightuserdata(L, &run);
  int rc = lua_pcall(L, 1, 1, 0);
  int bad = 0;
  *fast = run.fast;
  if (rc != LUA_OK) {
    snprintf(why, whylen, "the reader raised: %s", lua_tostring(L, -1));
    bad = 1;
  } else if (run.fast && j == NULL) {
    snprintf(why, whylen, "the reader accepted what jansson rejects (%s)", err.text);
    bad = 1;
  } else if (run.fast && !reader_diff_same(L, j)) {
    snprintf(why, whylen, "the reader built different values from jansson's");
    bad = 1;
  } else if (!run.fast && j != NULL && !reader_diff_left_to_jansson(data, size)) {
    snprintf(why, whylen, "the reader declined valid input");
    bad = 1;
  }
  lua_settop(L, 0);
  json_decref(j);
  return bad;
}

/* The values read flat (slot k at stack index flat + k) against those in
** the table at t, field by field from shape; 0 when one differs. An object
** is never read flat (its fields are), so its slot holds nothing. */
static int reader_diff_same_flat(lua_State *L, thi_shape *shape, int t, int flat) {
  int ok = 1;
  luaL_checkstack(L, 3, NULL);
  for (int i = 0; ok && i < shape->n; i++) {
    thi_field *f = &shape->fields[i];
    lua_pushlstring(L, f->name, f->len);
    lua_rawget(L, t);
    if (f->slot) {
      lua_pushvalue(L, flat + f->slot);
      ok = f->type == THI_F_OBJECT ? lua_isnil(L, -1)
         : lua_rawequal(L, -1, -2) && lua_isinteger(L, -1) == lua_isinteger(L, -2);
      lua_pop(L, 1);
    }
    if (ok && f->type == THI_F_OBJECT && lua_istable(L, -1))
      ok = reader_diff_same_flat(L, f->shape, lua_gettop(L), flat);
    lua_pop(L, 1);
  }
  return ok;
}

/*
** Reading flat (engine e's set must allow it): when the flat reader takes
** the bytes (*taken), the reader into tables must pass them against the
** schema, and every value read flat must be the one at its field in the
** tables, none where the tables have none. 0 when so; else 1, with why.
*/
static int reader_diff_flat(th_engine *e, const char *data, size_t size, int *taken,
                            char *why, size_t whylen) {
  lua_State *L = e->L;
  thi_case_schema *cs = e->case_schema;
  int bad = 0;
  lua_settop(L, 0);
  *taken = thi_case_read_flat(L, data, size, &reader_diff_limits, cs);
  if (*taken && lua_gettop(L) != cs->nslots) {
    snprintf(why, whylen, "read flat, but %d values given, not %d", lua_gettop(L), cs->nslots);
    bad = 1;
  } else if (!*taken && lua_gettop(L) != 0) {
    snprintf(why, whylen, "not read flat, but values left on the stack");
    bad = 1;
  } else if (*taken && thi_case_read(L, data, size, &reader_diff_limits, cs) != 2) {
    snprintf(why, whylen, "read flat, but not passed by the reader into tables");
    bad = 1;
  } else if (*taken) {
    if (!reader_diff_same_flat(L, cs->root.shape, lua_gettop(L), 0)) {
      snprintf(why, whylen, "a value read flat is not the one in the tables");
      bad = 1;
    }
  }
  lua_settop(L, 0);
  return bad;
}

/* An engine with the rule set in dir loaded, or NULL. Its Lua state and
** case schema are what the reader meets in th_eval, once warmed. */
static th_engine *reader_diff_engine(const char *dir) {
  th_engine *e = NULL;
  if (th_engine_new(&e, 0) != TH_OK || th_engine_load(e, dir) != TH_OK ||
      th_engine_set_default_date(e, "2026-01-01") != TH_OK) {
    th_engine_free(e);
    return NULL;
  }
  return e;
}

/* Evaluate a case (twice, the second time on the fast paths): the prelude
** makes the nodes of its tables, which the reader can then give them. */
static void reader_diff_warm(th_engine *e, const char *json, size_t len) {
  for (int i = 0; i < 2; i++) {
    th_result *r = NULL;
    if (th_eval(e, json, len, 0, &r) == TH_OK)
      th_result_free(r);
  }
}

/* The rule set in dir, warmed on every case of the JSON Lines file at
** path; NULL if either cannot be read. */
static th_engine *reader_diff_engine_warmed(const char *dir, const char *path) {
  th_engine *e = dir ? reader_diff_engine(dir) : NULL;
  FILE *f = e && path ? fopen(path, "rb") : NULL;
  if (f == NULL) {
    th_engine_free(e);
    return NULL;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, f)) > 0)
    reader_diff_warm(e, line, (size_t)len);
  free(line);
  fclose(f);
  return e;
}

#endif
