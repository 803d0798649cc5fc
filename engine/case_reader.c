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
} reader;

static int read_value(reader *r, long long depth);

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

/* At the opening quote: push the string. */
static int read_string(reader *r) {
  const unsigned char *s = r->p + 1, *q = s;
  while (q < r->end && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\')
    q++;
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

static int read_number(reader *r) {
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
    lua_pushinteger(r->L, i);
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
  lua_pushnumber(r->L, x);
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

static int read_object(reader *r, long long depth) {
  lua_State *L = r->L;
  luaL_checkstack(L, 4, NULL);
  lua_createtable(L, 0, 4);
  r->p++;
  skip_space(r);
  if (r->p < r->end && *r->p == '}') {
    r->p++;
    return 1;
  }
  for (;;) {
    if (r->p >= r->end || *r->p != '"' || !read_string(r))
      return 0;
    lua_pushvalue(L, -1);                          /* t key key */
    if (lua_rawget(L, -3) != LUA_TNIL)
      return 0;                                    /* a duplicate key */
    lua_pop(L, 1);
    skip_space(r);
    if (r->p >= r->end || *r->p != ':')
      return 0;
    r->p++;
    skip_space(r);
    if (!read_value(r, depth + 1))
      return 0;
    lua_rawset(L, -3);
    int next = after_member(r, '}');
    if (next != 1)
      return next == 2;
  }
}

static int read_array(reader *r, long long depth) {
  lua_State *L = r->L;
  luaL_checkstack(L, 4, NULL);
  lua_createtable(L, 4, 0);
  r->p++;
  skip_space(r);
  if (r->p < r->end && *r->p == ']') {
    r->p++;
    return 1;
  }
  for (lua_Integer n = 1;; n++) {
    if (n > r->lim->items || !read_value(r, depth + 1))
      return 0;
    lua_rawseti(L, -2, n);
    int next = after_member(r, ']');
    if (next != 1)
      return next == 2;
  }
}

/* At the first byte of a value (space skipped): push it. */
static int read_value(reader *r, long long depth) {
  if (depth > r->lim->depth || r->p >= r->end)
    return 0;
  switch (*r->p) {
  case '{':
    return depth <= JANSSON_MAX_DEPTH && read_object(r, depth);
  case '[':
    return depth <= JANSSON_MAX_DEPTH && read_array(r, depth);
  case '"':
    return read_string(r);
  case 't':
    if (!read_word(r, "true", 4))
      return 0;
    lua_pushboolean(r->L, 1);
    return 1;
  case 'f':
    if (!read_word(r, "false", 5))
      return 0;
    lua_pushboolean(r->L, 0);
    return 1;
  case 'n':
    if (!read_word(r, "null", 4))
      return 0;
    lua_pushlightuserdata(r->L, NULL);
    return 1;
  default:
    return read_number(r);
  }
}

int thi_case_read(lua_State *L, const char *json, size_t len,
                  const thi_case_limits *lim) {
  int top = lua_gettop(L);
  reader r = {L, (const unsigned char *)json, (const unsigned char *)json + len, lim};
  skip_space(&r);
  int ok = r.p < r.end && (*r.p == '{' || *r.p == '[') && read_value(&r, 1);
  if (ok) {
    skip_space(&r);
    ok = r.p == r.end;
  }
  if (!ok)
    lua_settop(L, top);
  return ok;
}
