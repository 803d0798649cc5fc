/*
** case_reader.c -- a case from JSON text straight into Lua tables.
**
** th_eval's hot path: one pass over the bytes, no intermediate document.
** It vouches only for input that jansson (with duplicate keys rejected)
** accepts, and builds exactly the values the jansson path builds. On
** anything else -- a syntax error, a duplicate key, a value beyond the
** engine's limits, a number it does not read the same way -- it declines,
** and the caller takes the jansson path, which reports the error with line
** and column, or the limit with the field's path. Declining valid input is
** allowed (it is only slower); accepting what jansson rejects is not.
** tests/fuzz/fuzz_reader.c checks that on any bytes.
**
** Given the case schema (case_schema.c), it also checks each value against
** its field as it reads it and gives each table its node; and for a rule
** set whose inlined rules alone decide a case, it can read the case flat,
** making no table (at the end of this file).
**
** jansson's grammar, as this reader follows it: the text is one object or
** array, with only space, tab, CR and LF around tokens; strings are UTF-8
** (no overlong forms, surrogates or code points past U+10FFFF), with no
** control characters and no \u0000; a \u escape of a high surrogate must
** be followed by one of a low surrogate; containers nest at most 2048
** deep; integers fit in 64 bits; reals do not overflow to infinity.
*/
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "internal.h"

#define JANSSON_MAX_DEPTH 2048   /* JSON_PARSER_MAX_DEPTH */

typedef struct reader {
  lua_State *L;
  const unsigned char *p, *end;
  const thi_case_limits *lim;
  int checked;          /* with a schema: every value so far passes it */
  int keys;             /* the stack index of the schema's field names */
  struct scalar *staged;  /* read flat: the values by slot (slot 1 first) */
} reader;

static int read_value(reader *r, long long depth, thi_field *f, int node);

static void skip_space(reader *r) {
  while (r->p < r->end &&
         (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static int is_digit(const reader *r, const unsigned char *q) {
  return q < r->end && *q >= '0' && *q <= '9';
}

/* The length of the valid UTF-8 sequence of two to four bytes at p, or 0. */
static size_t utf8_length(const unsigned char *p, const unsigned char *end) {
  size_t n;
  uint32_t v;
  if (p[0] < 0xC2)
    return 0;                       /* a continuation byte, or overlong */
  else if (p[0] < 0xE0)
    n = 2, v = p[0] & 0x1Fu;
  else if (p[0] < 0xF0)
    n = 3, v = p[0] & 0x0Fu;
  else if (p[0] < 0xF5)
    n = 4, v = p[0] & 0x07u;
  else
    return 0;
  if ((size_t)(end - p) < n)
    return 0;
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0u) != 0x80u)
      return 0;
    v = (v << 6) | (p[i] & 0x3Fu);
  }
  if (v > 0x10FFFFu || (v >= 0xD800u && v <= 0xDFFFu) ||
      (n == 3 && v < 0x800u) || (n == 4 && v < 0x10000u))
    return 0;
  return n;
}

static int hex4(const unsigned char *q, const unsigned char *end, uint32_t *v) {
  if (end - q < 4)
    return 0;
  *v = 0;
  for (int i = 0; i < 4; i++) {
    unsigned c = q[i];
    unsigned d = c >= '0' && c <= '9' ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 16;
    if (d == 16)
      return 0;
    *v = (*v << 4) | d;
  }
  return 1;
}

static void add_utf8(luaL_Buffer *b, uint32_t v) {
  char u[4];
  size_t n;
  if (v < 0x80) {
    u[0] = (char)v, n = 1;
  } else if (v < 0x800) {
    u[0] = (char)(0xC0 | (v >> 6)), u[1] = (char)(0x80 | (v & 0x3F)), n = 2;
  } else if (v < 0x10000) {
    u[0] = (char)(0xE0 | (v >> 12)), u[1] = (char)(0x80 | ((v >> 6) & 0x3F));
    u[2] = (char)(0x80 | (v & 0x3F)), n = 3;
  } else {
    u[0] = (char)(0xF0 | (v >> 18)), u[1] = (char)(0x80 | ((v >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((v >> 6) & 0x3F)), u[3] = (char)(0x80 | (v & 0x3F));
    n = 4;
  }
  luaL_addlstring(b, u, n);
}

/* After a backslash at *q: add the character it stands for. */
static int read_escape(reader *r, const unsigned char **q, luaL_Buffer *b) {
  const unsigned char *s = *q + 1;
  if (s >= r->end)
    return 0;
  const char *plain = strchr("\"\\/bfnrt", *s);
  if (*s != '\0' && plain != NULL) {
    static const char meaning[] = "\"\\/\b\f\n\r\t";
    luaL_addchar(b, meaning[plain - "\"\\/bfnrt"]);
    *q = s + 1;
    return 1;
  }
  uint32_t v, lo;
  if (*s != 'u' || !hex4(s + 1, r->end, &v) || v == 0 || (v >= 0xDC00 && v <= 0xDFFF))
    return 0;
  s += 5;
  if (v >= 0xD800 && v <= 0xDBFF) {        /* a pair: \uD8xx\uDCxx */
    if (r->end - s < 6 || s[0] != '\\' || s[1] != 'u' || !hex4(s + 2, r->end, &lo) ||
        lo < 0xDC00 || lo > 0xDFFF)
      return 0;
    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
    s += 6;
  }
  add_utf8(b, v);
  *q = s;
  return 1;
}

/* The end of the run of plain bytes from q. */
static const unsigned char *plain_run(const reader *r, const unsigned char *q) {
  while (q < r->end && thi_json_plain[*q])
    q++;
  return q;
}

/* At the opening quote: push the string. */
static int read_string(reader *r) {
  const unsigned char *s = r->p + 1, *q = plain_run(r, s);
  if (q < r->end && *q == '"') {             /* plain ASCII: no copying */
    if ((long long)(q - s) > r->lim->string)
      return 0;
    lua_pushlstring(r->L, (const char *)s, (size_t)(q - s));
    r->p = q + 1;
    return 1;
  }
  luaL_Buffer b;
  luaL_buffinit(r->L, &b);
  luaL_addlstring(&b, (const char *)s, (size_t)(q - s));
  while (q < r->end && *q != '"') {
    if (*q < 0x20) {
      return 0;
    } else if (*q == '\\') {
      if (!read_escape(r, &q, &b))
        return 0;
    } else if (*q >= 0x80) {
      size_t n = utf8_length(q, r->end);
      if (n == 0)
        return 0;
      luaL_addlstring(&b, (const char *)q, n);
      q += n;
    } else {
      luaL_addchar(&b, (char)*q++);
    }
    if ((long long)luaL_bufflen(&b) > r->lim->string)
      return 0;
  }
  if (q >= r->end)
    return 0;
  luaL_pushresult(&b);
  r->p = q + 1;
  return 1;
}

/* An integer token, as strtoll reads it; 0 when it does not fit. */
static int integer_of(const unsigned char *s, const unsigned char *e, lua_Integer *out) {
  int neg = *s == '-';
  uint64_t v = 0, max = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
  for (s += neg; s < e; s++) {
    unsigned d = *s - '0';
    if (v > (max - d) / 10)
      return 0;
    v = v * 10 + d;
  }
  *out = neg ? (lua_Integer)(0 - v) : (lua_Integer)v;
  return 1;
}

/* A number as read: an integer, or a real. */
typedef struct number {
  int is_integer;
  lua_Integer i;
  double x;
} number;

/* A scalar as read, before it is pushed. */
typedef struct scalar {
  int type;                 /* LUA_TNIL (none), LUA_TSTRING, LUA_TBOOLEAN,
                               LUA_TNUMBER, LUA_TLIGHTUSERDATA (null) */
  int yes;                  /* a boolean's value */
  number num;
  const unsigned char *s;   /* a plain string: its bytes in the input */
  size_t n;
} scalar;

static int read_number(reader *r, number *num) {
  const unsigned char *s = r->p, *q = s;
  int real = 0;
  if (q < r->end && *q == '-')
    q++;
  if (q < r->end && *q == '0') {
    if (is_digit(r, ++q))
      return 0;                      /* no leading zeros */
  } else if (is_digit(r, q)) {
    while (is_digit(r, q))
      q++;
  } else {
    return 0;
  }
  if (q < r->end && *q == '.') {
    if (!is_digit(r, ++q))
      return 0;
    while (is_digit(r, q))
      q++;
    real = 1;
  }
  if (q < r->end && (*q == 'e' || *q == 'E')) {
    q++;
    if (q < r->end && (*q == '+' || *q == '-'))
      q++;
    if (!is_digit(r, q))
      return 0;
    while (is_digit(r, q))
      q++;
    real = 1;
  }
  r->p = q;
  double x;
  if (!real) {
    lua_Integer i;
    if (!integer_of(s, q, &i))
      return 0;
    x = (double)i;
    if (x > r->lim->abs || x < -r->lim->abs)
      return 0;
    *num = (number){1, i, x};
    return 1;
  }
  char buf[64], *end;
  size_t n = (size_t)(q - s);
  if (n >= sizeof buf)
    return 0;                        /* unusual: leave it to jansson */
  memcpy(buf, s, n);
  buf[n] = '\0';
  errno = 0;
  x = strtod(buf, &end);
  if (end != buf + n || ((x == HUGE_VAL || x == -HUGE_VAL) && errno == ERANGE))
    return 0;                        /* another locale's strtod, or overflow */
  if (x > r->lim->abs || x < -r->lim->abs)
    return 0;
  *num = (number){0, 0, x};
  return 1;
}

static int read_word(reader *r, const char *word, size_t n) {
  if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
    return 0;
  r->p += n;
  return 1;
}

/* After a member of an object or array closed by `close`: 1 when a comma
** says another follows (space after it skipped), 2 at the close, 0 else. */
static int after_member(reader *r, unsigned char close) {
  skip_space(r);
  if (r->p < r->end && (*r->p == ',' || *r->p == close)) {
    int more = *r->p++ == ',';
    if (more)
      skip_space(r);
    return more ? 1 : 2;
  }
  return 0;
}

/* The schema says nothing more about this case: the prelude checks it. */
static void unchecked(reader *r) { r->checked = 0; }

/* At a key's opening quote: the field of shape it names, read past, if it
** is plain ASCII and one of the shape's; else NULL, nothing read. The
** field that followed prev last time is tried first, by its bytes. */
static thi_field *match_known_key(reader *r, thi_shape *shape, int prev) {
  const unsigned char *k = r->p + 1, *q;
  thi_field *f = thi_shape_guess(shape, prev);
  if (f && f->plain && (size_t)(r->end - k) > f->len && k[f->len] == '"' &&
      memcmp(k, f->name, f->len) == 0) {
    r->p = k + f->len + 1;
    return f;
  }
  q = plain_run(r, k);
  if (q >= r->end || *q != '"')
    return NULL;
  f = thi_shape_find(shape, (const char *)k, (size_t)(q - k), prev);
  if (f)
    r->p = q + 1;
  return f;
}

/* As match_known_key, with the field's name pushed. */
static thi_field *read_known_key(reader *r, thi_shape *shape, int prev) {
  thi_field *f = match_known_key(r, shape, prev);
  if (f)
    lua_rawgeti(r->L, r->keys, f->key);
  return f;
}

/* Push the node of a value from kids (the stack index of its parent node's
** kids): kids[key] (key a stack index) or kids[n]. 0, nothing pushed and
** the case unchecked when the prelude has not made that node yet. */
static int push_node(reader *r, int kids, int key, lua_Integer n) {
  lua_State *L = r->L;
  if (kids == 0) {
    unchecked(r);
    return 0;
  }
  int t;
  if (key) {
    lua_pushvalue(L, key);
    t = lua_rawget(L, kids);
  } else {
    t = lua_rawgeti(L, kids, n);
  }
  if (t != LUA_TTABLE) {
    lua_pop(L, 1);
    unchecked(r);
    return 0;
  }
  return lua_gettop(L);
}

/* The kids of node pushed (0 when it has none, nothing pushed). */
static int push_kids(reader *r, int node) {
  if (lua_getfield(r->L, node, "kids") == LUA_TTABLE)
    return lua_gettop(r->L);
  lua_pop(r->L, 1);
  return 0;
}

/* A table just read, its members all passing the schema: it gets its node,
** as the prelude's checkers would give it. */
static void give_node(reader *r, int t, int node) {
  lua_pushvalue(r->L, node);
  lua_setmetatable(r->L, t);
}

/*
** An object. With a shape (the case still checked, node its node), each
** key is looked up among the shape's fields and its value checked against
** its field. Duplicates: while the case is checked, every key so far was a
** plain known one, and one seen twice is caught by `seen` (a field past the
** 64th is looked up in the table); a key that is not one (an
** unknown field, or an escape that may spell a known one) ends the check,
** and from then on every key is looked up in the table, which holds all
** the keys before it.
*/
static int read_object(reader *r, long long depth, thi_shape *shape, int node) {
  lua_State *L = r->L;
  luaL_checkstack(L, 8, NULL);
  if (!r->checked)
    shape = NULL;
  lua_createtable(L, 0, shape ? shape->hint : 4);
  int t = lua_gettop(L);
  int kids = shape && shape->nested ? push_kids(r, node) : 0;
  int prev = -1, count = 0;
  uint64_t seen = 0;
  r->p++;
  skip_space(r);
  if (r->p < r->end && *r->p == '}') {
    r->p++;
  } else {
    for (;;) {
      if (r->p >= r->end || *r->p != '"')
        return 0;
      thi_field *f = shape && r->checked ? read_known_key(r, shape, prev) : NULL;
      if (f) {
        int i = (int)(f - shape->fields);
        if (i < 64) {
          if (seen & (UINT64_C(1) << i))
            return 0;                              /* a duplicate key */
          seen |= UINT64_C(1) << i;
        } else {
          lua_pushvalue(L, -1);
          if (lua_rawget(L, t) != LUA_TNIL)
            return 0;                              /* a duplicate key */
          lua_pop(L, 1);
        }
        prev = i;
      } else {
        if (!read_string(r))
          return 0;
        lua_pushvalue(L, -1);                      /* t key key */
        if (lua_rawget(L, t) != LUA_TNIL)
          return 0;                                /* a duplicate key */
        lua_pop(L, 1);
        if (shape)
          unchecked(r);                            /* not a field: a warning */
      }
      skip_space(r);
      if (r->p >= r->end || *r->p != ':')
        return 0;
      r->p++;
      skip_space(r);
      int child = 0;
      if (f && r->checked && (f->type == THI_F_OBJECT || f->type == THI_F_ARRAY))
        child = push_node(r, kids, lua_gettop(L), 0);
      if (!read_value(r, depth + 1, r->checked ? f : NULL, child))
        return 0;
      if (child)
        lua_remove(L, child);
      lua_rawset(L, t);
      count++;
      int next = after_member(r, '}');
      if (next == 0)
        return 0;
      if (next == 2)
        break;
    }
  }
  if (count == 0) {                 /* {}: a node given below replaces the mark */
    lua_pushvalue(L, t);
    thi_mark_empty_object(L);
    lua_pop(L, 1);
  }
  if (shape && r->checked) {
    shape->hint = count;
    give_node(r, t, node);
  }
  lua_settop(L, t);
  return 1;
}

/* A list; with entry (the case still checked, node its node), each entry
** is checked against it, and none may be null. */
static int read_array(reader *r, long long depth, thi_field *entry, int node) {
  lua_State *L = r->L;
  luaL_checkstack(L, 6, NULL);
  if (!r->checked)
    entry = NULL;
  lua_createtable(L, 4, 0);
  int t = lua_gettop(L);
  int kids = entry && (entry->type == THI_F_OBJECT || entry->type == THI_F_ARRAY)
           ? push_kids(r, node) : 0;
  r->p++;
  skip_space(r);
  if (r->p < r->end && *r->p == ']') {
    r->p++;
  } else {
    for (lua_Integer n = 1;; n++) {
      if (n > r->lim->items)
        return 0;
      int child = 0;
      if (entry && r->checked && (entry->type == THI_F_OBJECT || entry->type == THI_F_ARRAY))
        child = push_node(r, kids, 0, n);
      if (!read_value(r, depth + 1, r->checked ? entry : NULL, child))
        return 0;
      if (child)
        lua_remove(L, child);
      lua_rawseti(L, t, n);
      int next = after_member(r, ']');
      if (next == 0)
        return 0;
      if (next == 2)
        break;
    }
  }
  if (entry && r->checked)
    give_node(r, t, node);
  lua_settop(L, t);
  return 1;
}

/* At the first byte of a string, true, false, null or number: read it into
** *v, not pushed yet, but for a string that is not plain (escapes, bytes
** past ASCII), which is decoded and pushed (v->s NULL); *passes says
** whether it passes field f (0 when f is NULL). 0 if the bytes are not
** such a value. */
static int scan_scalar(reader *r, const thi_field *f, scalar *v, int *passes) {
  *passes = 0;
  switch (*r->p) {
  case '"': {
    const unsigned char *s = r->p + 1, *q = plain_run(r, s);
    v->type = LUA_TSTRING;
    if (q < r->end && *q == '"') {             /* plain: the input's bytes */
      if ((long long)(q - s) > r->lim->string)
        return 0;
      v->s = s;
      v->n = (size_t)(q - s);
      r->p = q + 1;
    } else {
      if (!read_string(r))
        return 0;
      v->s = NULL;
      s = (const unsigned char *)lua_tolstring(r->L, -1, &v->n);
    }
    *passes = f && thi_field_takes_string(f, (const char *)s, v->n);
    return 1;
  }
  case 't':
  case 'f':
    v->type = LUA_TBOOLEAN;
    v->yes = *r->p == 't';
    if (!(v->yes ? read_word(r, "true", 4) : read_word(r, "false", 5)))
      return 0;
    *passes = f && f->type == THI_F_BOOLEAN;
    return 1;
  case 'n':
    v->type = LUA_TLIGHTUSERDATA;                /* null */
    if (!read_word(r, "null", 4))
      return 0;
    *passes = f && f->nullable;      /* else the validator drops it, or objects */
    return 1;
  default:
    v->type = LUA_TNUMBER;
    if (!read_number(r, &v->num))
      return 0;
    *passes = f && thi_field_takes_number(f, v->num.is_integer, v->num.i, v->num.x);
    return 1;
  }
}

/* Push what scan_scalar read (nil for LUA_TNIL: nothing was). */
static void push_scalar(lua_State *L, const scalar *v) {
  switch (v->type) {
  case LUA_TSTRING:
    if (v->s)                                    /* else pushed already */
      lua_pushlstring(L, (const char *)v->s, v->n);
    break;
  case LUA_TBOOLEAN: lua_pushboolean(L, v->yes); break;
  case LUA_TLIGHTUSERDATA: lua_pushlightuserdata(L, NULL); break;
  case LUA_TNUMBER:
    if (v->num.is_integer)
      lua_pushinteger(L, v->num.i);
    else
      lua_pushnumber(L, v->num.x);
    break;
  default: lua_pushnil(L); break;
  }
}

/* At the first byte of a string, true, false, null or number: push it;
** *passes as scan_scalar. */
static int read_scalar(reader *r, const thi_field *f, int *passes) {
  scalar v;
  if (!scan_scalar(r, f, &v, passes))
    return 0;
  push_scalar(r->L, &v);
  return 1;
}

/* At the first byte of a value (space skipped): push it. f is its field
** while the case is checked (NULL else), node the stack index of its node
** when it is an object or a list. */
static int read_value(reader *r, long long depth, thi_field *f, int node) {
  if (depth > r->lim->depth || r->p >= r->end)
    return 0;
  switch (*r->p) {
  case '{':
    if (f && f->type != THI_F_OBJECT)
      unchecked(r);
    return depth <= JANSSON_MAX_DEPTH && read_object(r, depth, f ? f->shape : NULL, node);
  case '[':
    if (f && f->type != THI_F_ARRAY)
      unchecked(r);
    return depth <= JANSSON_MAX_DEPTH && read_array(r, depth, f ? f->entry : NULL, node);
  default: {
    int passes;
    if (!read_scalar(r, f, &passes))
      return 0;
    if (f && !passes)
      unchecked(r);
    return 1;
  }
  }
}

int thi_case_read(lua_State *L, const char *json, size_t len,
                  const thi_case_limits *lim, thi_case_schema *schema) {
  int top = lua_gettop(L);
  reader r = {L, (const unsigned char *)json, (const unsigned char *)json + len, lim,
              schema != NULL, 0, NULL};
  int node = 0;
  if (schema) {
    luaL_checkstack(L, 3, NULL);
    lua_rawgeti(L, LUA_REGISTRYINDEX, schema->keys_ref);
    r.keys = lua_gettop(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, schema->root_node_ref);
    node = lua_gettop(L);
  }
  skip_space(&r);
  int ok = r.p < r.end && (*r.p == '{' || *r.p == '[') &&
           read_value(&r, 1, schema ? &schema->root : NULL, node);
  if (ok) {
    skip_space(&r);
    ok = r.p == r.end;
  }
  if (!ok) {
    lua_settop(L, top);
    return 0;
  }
  if (schema) {                      /* the case below the names and node */
    lua_replace(L, top + 1);
    lua_settop(L, top + 1);
  }
  return r.checked ? 2 : 1;
}

/*
** Reading flat: a case whose every key is a plain known one and whose every
** value passes its field, with no list and no string needing decoding, is
** read without making a table: each value the inlined rules read is kept
** at its field's slot, and once the case has passed whole, with every
** value the rules may need, the nslots values are pushed in slot order.
** Anything else stops the flat reading (0),
** and the case is read again into tables. It accepts only what the reader
** above passes whole, so it accepts only what jansson does.
*/
static int flat_value(reader *r, long long depth, const thi_field *f);

static int flat_object(reader *r, long long depth, thi_shape *shape) {
  if (shape->n > 64)
    return 0;
  uint64_t seen = 0;
  int prev = -1;
  r->p++;
  skip_space(r);
  if (r->p < r->end && *r->p == '}') {
    r->p++;
    return 1;
  }
  for (;;) {
    thi_field *f = r->p < r->end && *r->p == '"' ? match_known_key(r, shape, prev) : NULL;
    if (f == NULL)
      return 0;
    int i = (int)(f - shape->fields);
    if (seen & (UINT64_C(1) << i))
      return 0;                                    /* a duplicate key */
    seen |= UINT64_C(1) << i;
    prev = i;
    skip_space(r);
    if (r->p >= r->end || *r->p != ':')
      return 0;
    r->p++;
    skip_space(r);
    if (!flat_value(r, depth + 1, f))
      return 0;
    int next = after_member(r, '}');
    if (next != 1)
      return next == 2;
  }
}

static int flat_value(reader *r, long long depth, const thi_field *f) {
  if (depth > r->lim->depth || r->p >= r->end)
    return 0;
  if (*r->p == '{')
    return f->type == THI_F_OBJECT && depth <= JANSSON_MAX_DEPTH &&
           flat_object(r, depth, f->shape);
  scalar v;
  int passes;
  if (*r->p == '[' || !scan_scalar(r, f, &v, &passes) || !passes ||
      (v.type == LUA_TSTRING && v.s == NULL))
    return 0;                        /* a list, or a decoded string: tables */
  if (f->slot)
    r->staged[f->slot - 1] = v;      /* once: a key twice is not flat */
  return 1;
}

int thi_case_read_flat(lua_State *L, const char *json, size_t len,
                       const thi_case_limits *lim, thi_case_schema *schema) {
  int top = lua_gettop(L);
  reader r = {L, (const unsigned char *)json, (const unsigned char *)json + len, lim, 1, 0, NULL};
  scalar staged[THI_FLAT_SLOTS];
  for (int i = 0; i < schema->nslots; i++)
    staged[i].type = LUA_TNIL;
  r.staged = staged;
  skip_space(&r);
  int ok = r.p < r.end && *r.p == '{' && flat_value(&r, 1, &schema->root);
  if (ok) {
    skip_space(&r);
    ok = r.p == r.end;
  }
  lua_settop(L, top);                /* a decoded string that stopped it */
  for (int i = 0; ok && i < schema->nslots; i++)
    ok = !schema->need[i] || staged[i].type != LUA_TNIL;
  if (!ok)
    return 0;
  luaL_checkstack(L, schema->nslots, NULL);
  for (int i = 0; i < schema->nslots; i++)
    push_scalar(L, &staged[i]);
  return 1;
}
