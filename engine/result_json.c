/*
** result_json.c -- a Lua value as JSON, two ways to the same bytes.
**
** thi_lua_to_json is the reference: the value as a jansson document,
** which json_dumps prints. thi_lua_to_text is its fast path, and the
** rest of this file. They sit side by side because they must agree.
**
** The text is exactly what json_dumps prints, with JSON_COMPACT |
** JSON_SORT_KEYS | JSON_REAL_PRECISION(15), for the document
** thi_lua_to_json makes of the same value: keys in strcmp order, strings
** escaped as jansson escapes them (after invalid UTF-8 is replaced by
** U+FFFD), reals formatted as jansson formats them, the same depth limit.
** Building that document and printing it took about two fifths of an
** evaluation with full results; this makes no document at all.
** tests/unit/test_result_text.c holds the two ways to the same bytes.
*/
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>

#include "internal.h"

#define MAX_JSON_DEPTH 64     /* deeper tables become a string */
#define STACK_KEYS 32         /* an object's keys sorted without malloc */

/* ---- the reference: a jansson document ---- */

/* A JSON string of s, invalid UTF-8 replaced by U+FFFD. */
static json_t *utf8_string(const char *s, size_t n) {
  json_t *j = json_stringn(s, n);
  if (j)
    return j;
  size_t len;
  char *buf = thi_utf8_repaired(s, n, &len);
  if (buf == NULL)
    return NULL;
  j = json_stringn(buf, len);
  free(buf);
  return j;
}

/* A Lua table whose keys are 1..n (or none) is a JSON array. */
int thi_is_sequence(lua_State *L, int idx) {
  lua_Integer n = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1) {
      lua_pop(L, 1);
      return 0;
    }
    n++;
  }
  return (lua_Integer)lua_rawlen(L, idx) == n;
}

static json_t *table_to_json(lua_State *L, int idx, int depth, size_t *left);

/* The walk is bounded: each value costs one unit and each string its
** length, from MAX_JSON_UNITS, so a table that reaches itself many ways
** ends with a marker instead of running for ever. */
#define MAX_JSON_UNITS ((size_t)64 << 20)

static json_t *to_json(lua_State *L, int idx, int depth, size_t *left) {
  idx = lua_absindex(L, idx);
  if (*left == 0)
    return json_string("(too large to show)");
  (*left)--;
  switch (lua_type(L, idx)) {
  case LUA_TBOOLEAN: return json_boolean(lua_toboolean(L, idx));
  case LUA_TNUMBER:
    if (lua_isinteger(L, idx))
      return json_integer((json_int_t)lua_tointeger(L, idx));
    return isfinite(lua_tonumber(L, idx)) ? json_real(lua_tonumber(L, idx))
                                          : json_null();
  case LUA_TSTRING: {
    size_t n;
    const char *s = lua_tolstring(L, idx, &n);
    if (n > *left) {
      *left = 0;
      return json_string("(too large to show)");
    }
    *left -= n;
    return utf8_string(s, n);
  }
  case LUA_TTABLE: break;
  case LUA_TLIGHTUSERDATA:
    if (lua_touserdata(L, idx) == NULL)
      return json_null();
    /* fall through */
  default:
    return json_string(luaL_typename(L, idx));
  }
  if (depth >= MAX_JSON_DEPTH)
    return json_string("(nested too deeply)");
  return table_to_json(L, idx, depth, left);
}

/* A new reference to the JSON form of the value at idx. [-0, +0, m] */
json_t *thi_lua_to_json(lua_State *L, int idx, int depth) {
  size_t left = MAX_JSON_UNITS;
  return to_json(L, idx, depth, &left);
}

static json_t *table_to_json(lua_State *L, int idx, int depth, size_t *left) {
  luaL_checkstack(L, 4, "result nests too deeply");
  if (thi_is_sequence(L, idx)) {
    json_t *a = json_array();
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; a && i <= n; i++) {
      lua_rawgeti(L, idx, i);
      json_array_append_new(a, to_json(L, -1, depth + 1, left));
      lua_pop(L, 1);
    }
    return a;
  }
  json_t *o = json_object();
  lua_pushnil(L);
  while (o && lua_next(L, idx)) {
    size_t len;        /* a key with a NUL in it is left out, like invalid UTF-8 */
    if (lua_type(L, -2) == LUA_TSTRING && strlen(lua_tolstring(L, -2, &len)) == len)
      json_object_set_new(o, lua_tostring(L, -2),
                          to_json(L, -1, depth + 1, left));
    lua_pop(L, 1);
  }
  return o;
}

/* ---- the fast path: the text, written directly ---- */

typedef struct text {
  char *p;
  size_t n, cap;
  size_t max;                 /* the most the text may hold */
  int failed;                 /* out of memory or over max: the text is incomplete */
} text;

/* Every value walked puts at least one byte, so the bound on the text's
** size bounds the walk too: a table that reaches itself many ways (50^64
** paths) stops at max bytes, not after the universe has ended. */
static void put(text *t, const char *s, size_t n) {
  if (t->failed)
    return;
  if (n > t->max - t->n) {
    t->failed = 2;
    return;
  }
  if (t->n + n + 1 > t->cap) {
    size_t cap = t->cap ? t->cap : 1024;
    while (t->n + n + 1 > cap)
      cap *= 2;
    char *p = realloc(t->p, cap);
    if (p == NULL) {
      t->failed = 1;
      return;
    }
    t->p = p;
    t->cap = cap;
  }
  memcpy(t->p + t->n, s, n);
  t->n += n;
}

static void put_char(text *t, char c) { put(t, &c, 1); }

/* s (valid UTF-8) as a JSON string: \" \\ and the short escapes, other
** control characters as \u00XX in upper case, the rest as it is. */
static void put_escaped(text *t, const char *s, size_t n) {
  put_char(t, '"');
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    put(t, s + run, i - run);
    run = i + 1;
    char esc[8];
    switch (c) {
    case '"': put(t, "\\\"", 2); break;
    case '\\': put(t, "\\\\", 2); break;
    case '\b': put(t, "\\b", 2); break;
    case '\f': put(t, "\\f", 2); break;
    case '\n': put(t, "\\n", 2); break;
    case '\r': put(t, "\\r", 2); break;
    case '\t': put(t, "\\t", 2); break;
    default:
      snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
      put(t, esc, 6);
    }
  }
  put(t, s + run, n - run);
  put_char(t, '"');
}

/* A Lua string may hold any bytes: invalid UTF-8 is repaired first, as
** result.c's utf8_string does. */
static void put_string(text *t, const char *s, size_t n) {
  size_t i = 0, len;
  while (i < n && (len = thi_utf8_seq((const unsigned char *)s + i, n - i)) > 0)
    i += len;
  if (i == n) {
    put_escaped(t, s, n);
    return;
  }
  char *fixed = thi_utf8_repaired(s, n, &len);
  if (fixed == NULL) {
    t->failed = 1;
    return;
  }
  put_escaped(t, fixed, len);
  free(fixed);
}

/* A real as jansson prints it with 15 significant digits: %.15g with the
** locale's decimal point made '.', ".0" added when neither '.' nor 'e'
** shows it is a real, and the exponent without '+' or leading zeros. */
static void put_real(text *t, double v) {
  char buf[64];
  int len = snprintf(buf, sizeof buf, "%.15g", v);
  if (len < 0 || (size_t)len >= sizeof buf - 3) {
    t->failed = 1;
    return;
  }
  char point = localeconv()->decimal_point[0];
  if (point != '.') {
    char *at = strchr(buf, point);
    if (at)
      *at = '.';
  }
  if (strchr(buf, '.') == NULL && strchr(buf, 'e') == NULL) {
    memcpy(buf + len, ".0", 3);
    len += 2;
  }
  char *start = strchr(buf, 'e');
  if (start) {
    start++;
    char *end = start + 1;
    if (*start == '-')
      start++;
    while (*end == '0')
      end++;
    if (end != start) {
      memmove(start, end, (size_t)len - (size_t)(end - buf) + 1);
      len -= (int)(end - start);
    }
  }
  put(t, buf, (size_t)len);
}

static void put_value(th_engine *e, int idx, int depth, text *t);

/*
** A long string's JSON, made once: most long strings in a result are the
** rule set's (a cite, a reason, a why), the same string object in every
** result. e->strings keeps, by the address of the string's bytes, a copy
** of those bytes followed by their JSON; it is used only when the bytes
** are the same, so an address a freed string's successor reuses is just a
** miss. The cache is bounded (json_cache.c), and emptied with the
** shared tables'.
*/
#define CACHED_STRING 64

static void put_long_string(th_engine *e, text *t, const char *s, size_t n) {
  size_t len;
  const char *kept = thi_json_cache_get(&e->strings, s, &len);
  if (kept != NULL && len > n && memcmp(kept, s, n) == 0) {
    put(t, kept + n, len - n);
    return;
  }
  size_t start = t->n;
  put_string(t, s, n);
  if (t->failed || kept != NULL)
    return;
  size_t json = t->n - start;
  char *both = malloc(n + json);
  if (both == NULL)
    return;                            /* not kept: converted next time */
  memcpy(both, s, n);
  memcpy(both + n, t->p + start, json);
  thi_json_cache_put(&e->strings, s, both, n + json);
  free(both);
}

/* One member of an object: its key, and where its value sits on the stack. */
typedef struct member {
  const char *key;
  size_t len;
  int at;
} member;

/* A key jansson keeps: valid UTF-8 with no NUL in it. */
static int usable_key(const char *k, size_t n) {
  for (size_t i = 0, len; i < n; i += len) {
    unsigned char c = (unsigned char)k[i];
    if (c == 0)
      return 0;
    if (c < 0x80)
      len = 1;
    else if ((len = thi_utf8_seq((const unsigned char *)k + i, n - i)) == 0)
      return 0;
  }
  return 1;
}

/* Members in strcmp order of their keys: an insertion sort, as objects
** here have a handful of keys (and keys are unique, so it is stable). */
static void sort_members(member *m, size_t n) {
  for (size_t i = 1; i < n; i++) {
    member x = m[i];
    size_t j = i;
    while (j > 0 && strcmp(m[j - 1].key, x.key) > 0) {
      m[j] = m[j - 1];
      j--;
    }
    m[j] = x;
  }
}

static void put_object(th_engine *e, int idx, int depth, text *t) {
  lua_State *L = e->L;
  int base = lua_gettop(L);
  member stack_members[STACK_KEYS], *m = stack_members;
  size_t n = 0, cap = STACK_KEYS;
  lua_pushnil(L);
  while (lua_next(L, idx)) {                     /* ... key value */
    size_t len = 0;
    const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &len) : NULL;
    if (key == NULL || !usable_key(key, len)) {
      lua_pop(L, 1);
      continue;
    }
    if (n == cap) {                  /* room for as many again, here and on the stack */
      member *bigger = malloc(2 * cap * sizeof *bigger);
      if (bigger == NULL || !lua_checkstack(L, 2 * (int)cap + 8)) {
        free(bigger);
        t->failed = 1;
        break;
      }
      memcpy(bigger, m, n * sizeof *m);
      if (m != stack_members)
        free(m);
      m = bigger;
      cap *= 2;
    }
    m[n].key = key;
    m[n].len = len;
    m[n].at = lua_gettop(L);         /* key and value stay; a copy of the key */
    lua_pushvalue(L, -2);            /* goes on to the next member */
    n++;
  }
  if (!t->failed)
    sort_members(m, n);
  put_char(t, '{');
  for (size_t i = 0; i < n && !t->failed; i++) {
    if (i > 0)
      put_char(t, ',');
    put_escaped(t, m[i].key, m[i].len);
    put_char(t, ':');
    put_value(e, m[i].at, depth + 1, t);
  }
  put_char(t, '}');
  if (m != stack_members)
    free(m);
  lua_settop(L, base);
}

static void put_table(th_engine *e, int idx, int depth, text *t) {
  lua_State *L = e->L;
  if (!lua_checkstack(L, 3 * STACK_KEYS + 8)) {
    t->failed = 1;
    return;
  }
  if (thi_is_sequence(L, idx)) {
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    put_char(t, '[');
    for (lua_Integer i = 1; i <= n && !t->failed; i++) {
      if (i > 1)
        put_char(t, ',');
      lua_rawgeti(L, idx, i);
      put_value(e, lua_gettop(L), depth + 1, t);
      lua_pop(L, 1);
    }
    put_char(t, ']');
  } else {
    put_object(e, idx, depth, t);
  }
}

static void put_value(th_engine *e, int idx, int depth, text *t) {
  lua_State *L = e->L;
  switch (lua_type(L, idx)) {
  case LUA_TBOOLEAN:
    if (lua_toboolean(L, idx))
      put(t, "true", 4);
    else
      put(t, "false", 5);
    return;
  case LUA_TNUMBER:
    if (lua_isinteger(L, idx)) {
      char buf[32];
      int len = snprintf(buf, sizeof buf, "%lld", (long long)lua_tointeger(L, idx));
      put(t, buf, (size_t)len);
    } else if (isfinite(lua_tonumber(L, idx))) {
      put_real(t, lua_tonumber(L, idx));
    } else {
      put(t, "null", 4);
    }
    return;
  case LUA_TSTRING: {
    size_t n;
    const char *s = lua_tolstring(L, idx, &n);
    if (n >= CACHED_STRING)
      put_long_string(e, t, s, n);
    else
      put_string(t, s, n);
    return;
  }
  case LUA_TTABLE:
    break;
  case LUA_TLIGHTUSERDATA:
    if (lua_touserdata(L, idx) == NULL) {
      put(t, "null", 4);
      return;
    }
    /* fall through */
  default: {
    const char *name = luaL_typename(L, idx);
    put_escaped(t, name, strlen(name));
    return;
  }
  }
  if (depth >= MAX_JSON_DEPTH) {
    put_escaped(t, "(nested too deeply)", 19);
    return;
  }
  if (!thi_is_shared(L, idx)) {
    put_table(e, idx, depth, t);
    return;
  }
  const void *key = lua_topointer(L, idx);
  size_t len;
  const char *kept = thi_json_cache_get(&e->shared, key, &len);
  if (kept != NULL) {
    put(t, kept, len);
    return;
  }
  size_t start = t->n;
  put_table(e, idx, depth, t);
  if (!t->failed)
    thi_json_cache_put(&e->shared, key, t->p + start, t->n - start);
}

char *thi_lua_to_text(th_engine *e, int idx, size_t *len) {
  /* A result is no larger than the memory one evaluation may use. */
  text t = {NULL, 0, 0, (size_t)e->limits[TH_LIMIT_EVAL_MEMORY], 0};
  put_value(e, lua_absindex(e->L, idx), 0, &t);
  if (!t.failed)
    put(&t, "", 0);                              /* room for the NUL */
  if (t.failed) {
    free(t.p);
    if (len)
      *len = t.failed == 2 ? (size_t)-1 : 0;
    return NULL;
  }
  t.p[t.n] = '\0';
  if (len)
    *len = t.n;
  return t.p;
}
