/*
** case_schema.c -- the case schema, compiled for the reader.
**
** The prelude checks a case against its rule set's schema; this is the
** same schema in C, so that the single-pass reader (case_reader.c) can
** check each value as it reads it and give every table its node (the
** metatable the prelude's checkers would give it). A case it checks
** completely is not checked again. The C check only ever says "passes" or
** "cannot say": on anything it does not pass -- an unknown field, a null
** where none is allowed, a value of the wrong type or out of bounds, a
** node not made yet -- the prelude's checkers and validator run as before
** and say what is wrong. So it must never pass what they would not:
** tests/unit/test_compiled.c holds it to that over mutated caseloads.
** It also keeps the plan of a case read flat: the slot of each field the
** inlined rules read.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "internal.h"

/* Integers up to 2^53 in magnitude are doubles exactly, so comparing them
** as doubles gives Lua's answer; beyond that, C leaves the field to Lua. */
#define EXACT_INTEGER 9007199254740992.0

static void free_field(thi_field *f);

static void free_shape(thi_shape *s) {
  if (s == NULL)
    return;
  for (int i = 0; i < s->n; i++)
    free_field(&s->fields[i]);
  free(s->fields);
  free(s->follow);
  free(s);
}

static void free_field(thi_field *f) {
  free(f->name);
  for (int i = 0; i < f->nvalues; i++)
    free(f->values[i]);
  free(f->values);
  free(f->lens);
  free_shape(f->shape);
  if (f->entry) {
    free_field(f->entry);
    free(f->entry);
  }
}

void thi_case_schema_free(lua_State *L, thi_case_schema *s) {
  if (s == NULL)
    return;
  if (L) {
    luaL_unref(L, LUA_REGISTRYINDEX, s->keys_ref);
    luaL_unref(L, LUA_REGISTRYINDEX, s->root_node_ref);
  }
  free_field(&s->root);
  free(s);
}

static char *copy_string(lua_State *L, int idx, size_t *len) {
  const char *s = lua_tolstring(L, idx, len);
  char *c = malloc(*len + 1);
  if (c)
    memcpy(c, s, *len + 1);
  return c;
}

/* spec[key] (min or max) as a double in *out, *has saying whether there
** is one; 0 when there is one C cannot compare exactly. */
static int bound(lua_State *L, int spec, const char *key, unsigned char *has,
                 double *out) {
  int ok = 1;
  lua_getfield(L, spec, key);
  *has = !lua_isnil(L, -1);
  if (lua_isinteger(L, -1)) {
    lua_Integer i = lua_tointeger(L, -1);
    ok = i >= -(lua_Integer)EXACT_INTEGER && i <= (lua_Integer)EXACT_INTEGER;
    *out = (double)i;
  } else if (lua_type(L, -1) == LUA_TNUMBER) {
    *out = lua_tonumber(L, -1);
  } else {
    ok = !*has;                  /* none is fine; a bound not a number is not */
  }
  lua_pop(L, 1);
  return ok;
}

typedef struct builder {
  lua_State *L;
  int keys;        /* stack index of the table of interned names */
  int nkeys;
} builder;

static int build_shape(builder *b, int spec, thi_shape **out);

/* f from the field spec at index spec. Returns 0 on no memory. A field of
** a type C does not know, or with a bound it cannot compare exactly, is
** THI_F_OTHER, which nothing passes. */
static int build_field(builder *b, int spec, thi_field *f, int is_entry) {
  static const char *const types[] = {"string", "enum", "integer", "number", "boolean",
                                      "date", "object", "array", NULL};
  lua_State *L = b->L;
  luaL_checkstack(L, 6, NULL);
  lua_getfield(L, spec, "type");
  const char *ty = lua_tostring(L, -1);
  f->type = THI_F_OTHER;
  for (int i = 0; ty && types[i]; i++)
    if (strcmp(ty, types[i]) == 0)
      f->type = (unsigned char)(THI_F_STRING + i);
  lua_pop(L, 1);
  lua_getfield(L, spec, "nullable");
  f->nullable = !is_entry && lua_toboolean(L, -1);   /* an entry is never null */
  lua_pop(L, 1);
  if (f->type == THI_F_INTEGER || f->type == THI_F_NUMBER) {
    if (!bound(L, spec, "min", &f->has_min, &f->min) ||
        !bound(L, spec, "max", &f->has_max, &f->max))
      f->type = THI_F_OTHER;
  } else if (f->type == THI_F_ENUM) {
    lua_getfield(L, spec, "values");
    int n = lua_istable(L, -1) ? (int)lua_rawlen(L, -1) : 0;
    f->values = calloc((size_t)n + 1, sizeof *f->values);
    f->lens = calloc((size_t)n + 1, sizeof *f->lens);
    if (f->values == NULL || f->lens == NULL)
      return 0;
    for (int i = 0; i < n; i++) {
      if (lua_rawgeti(L, -1, i + 1) == LUA_TSTRING) {
        if ((f->values[f->nvalues] = copy_string(L, -1, &f->lens[f->nvalues])) == NULL)
          return 0;
        f->nvalues++;
      } else {
        f->type = THI_F_OTHER;       /* the prelude's set would hold it */
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  } else if (f->type == THI_F_OBJECT) {
    lua_getfield(L, spec, "fields");
    int ok = lua_istable(L, -1) ? build_shape(b, lua_gettop(L), &f->shape) : 1;
    lua_pop(L, 1);
    if (!ok)
      return 0;
    if (f->shape == NULL)
      f->type = THI_F_OTHER;
  } else if (f->type == THI_F_ARRAY) {
    lua_getfield(L, spec, "entry");
    int ok = 1;
    if (lua_istable(L, -1)) {
      ok = (f->entry = calloc(1, sizeof *f->entry)) != NULL &&
           build_field(b, lua_gettop(L), f->entry, 1);
    } else {
      f->type = THI_F_OTHER;
    }
    lua_pop(L, 1);
    if (!ok)
      return 0;
  }
  return 1;
}

/* The shape of an object from its fields table (name -> field spec). */
static int build_shape(builder *b, int fields, thi_shape **out) {
  lua_State *L = b->L;
  thi_shape *s = calloc(1, sizeof *s);
  if (s == NULL)
    return 0;
  *out = s;
  int n = 0;
  lua_pushnil(L);
  while (lua_next(L, fields)) {
    n++;
    lua_pop(L, 1);
  }
  s->fields = calloc((size_t)n + 1, sizeof *s->fields);
  s->follow = malloc(((size_t)n + 1) * sizeof *s->follow);
  if (s->fields == NULL || s->follow == NULL)
    return 0;
  for (int i = 0; i <= n; i++)
    s->follow[i] = -1;
  s->hint = n < 4 ? n : 4;
  lua_pushnil(L);
  while (lua_next(L, fields)) {                 /* key spec */
    thi_field *f = &s->fields[s->n];
    if (lua_type(L, -2) != LUA_TSTRING || !lua_istable(L, -1)) {
      lua_pop(L, 1);
      continue;
    }
    s->n++;
    if ((f->name = copy_string(L, -2, &f->len)) == NULL)
      return (lua_pop(L, 2), 0);
    f->plain = 1;                  /* as JSON writes it: no byte escaped */
    for (size_t i = 0; i < f->len; i++)
      f->plain &= thi_json_plain[(unsigned char)f->name[i]];
    lua_pushvalue(L, -2);
    f->key = ++b->nkeys;
    lua_rawseti(L, b->keys, f->key);            /* the name, interned once */
    if (!build_field(b, lua_gettop(L), f, 0))
      return (lua_pop(L, 2), 0);
    s->nested |= f->type == THI_F_OBJECT || f->type == THI_F_ARRAY;
    lua_pop(L, 1);
  }
  return 1;
}

thi_case_schema *thi_case_schema_build(lua_State *L, int root_spec, int root_node) {
  root_spec = lua_absindex(L, root_spec);
  root_node = lua_absindex(L, root_node);
  thi_case_schema *s = calloc(1, sizeof *s);
  if (s == NULL)
    return NULL;
  s->keys_ref = s->root_node_ref = LUA_NOREF;
  lua_newtable(L);
  builder b = {L, lua_gettop(L), 0};
  if (!build_field(&b, root_spec, &s->root, 0) || s->root.type != THI_F_OBJECT) {
    lua_pop(L, 1);
    thi_case_schema_free(L, s);
    return NULL;
  }
  s->keys_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_pushvalue(L, root_node);
  s->root_node_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return s;
}

/* The field of shape s named by the n bytes at k, or NULL. */
static thi_field *field_named(const thi_shape *s, const char *k, size_t n) {
  for (int i = 0; s && i < s->n; i++)
    if (s->fields[i].len == n && memcmp(s->fields[i].name, k, n) == 0)
      return &s->fields[i];
  return NULL;
}

int thi_case_schema_plan(lua_State *L, thi_case_schema *s, int paths, int needed) {
  paths = lua_absindex(L, paths);
  needed = lua_absindex(L, needed);
  int n = (int)lua_rawlen(L, paths);
  if (n > THI_FLAT_SLOTS)
    return 0;
  for (int i = 1; i <= n; i++) {
    lua_rawgeti(L, paths, i);
    const char *p = lua_tostring(L, -1);
    thi_field *f = &s->root;
    while (p != NULL && f != NULL) {
      const char *dot = strchr(p, '.');
      size_t len = dot ? (size_t)(dot - p) : strlen(p);
      f = f->type == THI_F_OBJECT ? field_named(f->shape, p, len) : NULL;
      p = dot ? dot + 1 : NULL;
    }
    lua_pop(L, 1);
    if (f == NULL || f->type == THI_F_ARRAY)
      return 0;                      /* a list, or not a field: tables */
    f->slot = i;
    lua_rawgeti(L, needed, i);
    s->need[i - 1] = (unsigned char)lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  s->nslots = n;
  return 1;
}

/* Objects of one shape usually list their keys in the same order: the
** field that followed field prev (-1: the first) last time, or NULL. */
thi_field *thi_shape_guess(const thi_shape *s, int prev) {
  int guess = s->follow[prev + 1];
  return guess >= 0 ? &s->fields[guess] : NULL;
}

/* The field named by the n bytes at k; prev is the field before it in the
** object (-1: none), and the one found is remembered as its follower. */
thi_field *thi_shape_find(thi_shape *s, const char *k, size_t n, int prev) {
  for (int i = 0; i < s->n; i++) {
    if (s->fields[i].len == n && memcmp(s->fields[i].name, k, n) == 0) {
      s->follow[prev + 1] = i;
      return &s->fields[i];
    }
  }
  return NULL;
}

/* As the prelude's parse_date: YYYY-MM-DD, a real calendar date, year
** 1900 or later. */
static int is_date(const char *s, size_t n) {
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (n != 10 || s[4] != '-' || s[7] != '-')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return 0;
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < 1900 || m < 1 || m > 12 || d < 1)
    return 0;
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= mdays[m - 1] + (m == 2 && leap);
}

int thi_field_takes_string(const thi_field *f, const char *s, size_t n) {
  switch (f->type) {
  case THI_F_STRING:
    return 1;
  case THI_F_DATE:
    return is_date(s, n);
  case THI_F_ENUM:
    for (int i = 0; i < f->nvalues; i++)
      if (f->lens[i] == n && memcmp(f->values[i], s, n) == 0)
        return 1;
    return 0;
  default:
    return 0;
  }
}

int thi_field_takes_number(const thi_field *f, int is_integer, lua_Integer i, double x) {
  if (f->type != THI_F_INTEGER && f->type != THI_F_NUMBER)
    return 0;
  if (is_integer) {
    if (i < -(lua_Integer)EXACT_INTEGER || i > (lua_Integer)EXACT_INTEGER)
      return 0;
    x = (double)i;
  } else if (x != x || (f->type == THI_F_INTEGER && x != floor(x))) {
    return 0;
  }
  return (!f->has_min || x >= f->min) && (!f->has_max || x <= f->max);
}
