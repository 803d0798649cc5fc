/*
** test_result_text.c -- a result's JSON text is written straight from the
** Lua table (result_text.c); it must be byte for byte what json_dumps
** prints for the document thi_lua_to_json makes of the same value. Here
** the two ways meet on chosen values (escapes, invalid UTF-8, reals,
** integer limits, odd keys, depth) and on 3,000 random nested tables.
*/
#include "support.h"
#include "internal.h"

#include <lauxlib.h>

#define DUMP_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY)

static th_engine *engine(void) {
  return load_set(write_set("text", "ruleset { id = 'text', version = 't' }\n",
                            "base.lua", FIXTURE_LEVELS, (const char *)NULL));
}

/* The value the chunk returns, both ways; fails naming the chunk. */
static void same_text(th_engine *e, const char *chunk) {
  lua_State *L = e->L;
  int top = lua_gettop(L);
  if (luaL_loadstring(L, chunk) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK)
    fail_msg("%s: %s", chunk, lua_tostring(L, -1));
  json_t *doc = thi_lua_to_json(L, -1, 0);
  char *want = doc ? json_dumps(doc, DUMP_FLAGS) : NULL;
  size_t len = 0;
  char *got = thi_lua_to_text(e, -1, &len);
  assert_non_null(want);
  assert_non_null(got);
  if (strcmp(want, got) != 0 || strlen(got) != len)
    fail_msg("%s:\n  jansson: %s\n  text:    %s", chunk, want, got);
  free(want);
  free(got);
  json_decref(doc);
  lua_settop(L, top);
}

static void chosen_values(void **state) {
  (void)state;
  th_engine *e = engine();
  static const char *const chunks[] = {
    "return {}", "return {1, 2, 3}", "return {[1] = 1, [3] = 3}", "return {1, 2, x = 3}",
    "return {a = 1, b = {c = {d = {}}}, A = true, ['a b'] = false, [''] = 0}",
    "return {s = '\\0\\1\\8\\9\\10\\12\\13\\27\\31 \"quoted\" back\\\\slash /slash \\127'}",
    "return {'\\xff\\xfe', 'a\\xc0\\x80b', '\\xed\\xa0\\x80', '\\xf0\\x9f\\x98\\x80', '\\xf4\\x90\\x80\\x80',"
    " 'caf\\xc3\\xa9', '\\xe2\\x82', '\\xf0\\x9f\\x98'}",
    "return {['\\xff'] = 1, ['a\\0b'] = 2, ['\\xc3\\xa9'] = 3, [1.5] = 4, [true] = 5}",
    "return {0.1, -0.0, 0.0, 1e300, 1e-300, 123456789.123, 1/3, 2^53, 1e21, 1e15, 1e16,"
    " 100.0, -5.5e-7, 1e-5, 123e-20, 5e-324}",
    "return {math.huge, -math.huge, 0/0, math.maxinteger, math.mininteger, 0, -1}",
    "return {print, string.len, {f = print}}",
    "local t = {} local x = t for i = 1, 70 do x.next = {i = i} x = x.next end return t",
    "local t = {} for i = 1, 100 do t['k' .. i] = i end return t",
    "return 'a string alone'", "return 42", "return 4.25", "return false",
  };
  for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++)
    same_text(e, chunks[i]);
  th_engine_free(e);
}

/* Random nested tables: keys and strings of random bytes (often invalid
** UTF-8), integers, reals across magnitudes, booleans, lists and maps. */
static const char random_values[] =
  "math.randomseed(20241117)\n"
  "local function str(n)\n"
  "  local b = {}\n"
  "  for i = 1, n do\n"
  "    local r = math.random()\n"
  "    b[i] = r < 0.6 and string.char(math.random(97, 122))\n"
  "      or r < 0.8 and string.char(math.random(0, 127)) or string.char(math.random(128, 255))\n"
  "  end\n"
  "  return table.concat(b)\n"
  "end\n"
  "local function value(depth)\n"
  "  local r = math.random()\n"
  "  if depth > 4 or r < 0.15 then return str(math.random(0, 12))\n"
  "  elseif r < 0.3 then return math.random(-2^40, 2^40)\n"
  "  elseif r < 0.45 then return (math.random() - 0.5) * 10 ^ math.random(-30, 30)\n"
  "  elseif r < 0.5 then return math.random() < 0.5\n"
  "  elseif r < 0.75 then\n"
  "    local t = {}\n"
  "    for i = 1, math.random(0, 6) do t[i] = value(depth + 1) end\n"
  "    return t\n"
  "  end\n"
  "  local t = {}\n"
  "  for _ = 1, math.random(0, 8) do t[str(math.random(0, 6))] = value(depth + 1) end\n"
  "  return t\n"
  "end\n"
  "local out = {}\n"
  "for i = 1, 3000 do out[i] = value(0) end\n"
  "return out\n";

static void random_tables(void **state) {
  (void)state;
  th_engine *e = engine();
  lua_State *L = e->L;
  if (luaL_loadstring(L, random_values) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK)
    fail_msg("%s", lua_tostring(L, -1));
  int list = lua_gettop(L);
  for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, list); i++) {
    lua_rawgeti(L, list, i);
    json_t *doc = thi_lua_to_json(L, -1, 0);
    char *want = json_dumps(doc, DUMP_FLAGS);
    char *got = thi_lua_to_text(e, -1, NULL);
    assert_non_null(want);
    assert_non_null(got);
    if (strcmp(want, got) != 0)
      fail_msg("random value %lld:\n  jansson: %s\n  text:    %s", (long long)i, want, got);
    free(want);
    free(got);
    json_decref(doc);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  th_engine_free(e);
}

/* Long strings' JSON is kept by the address of their bytes: a string that
** replaces a freed one at the same address, with other bytes, must not be
** written as the old one. The same long string, kept alive, is written the
** same every time. */
static void long_strings_reused_addresses(void **state) {
  (void)state;
  th_engine *e = engine();
  lua_State *L = e->L;
  static const char keep[] = "return {string.rep('kept alive, written from the cache ', 3)}";
  if (luaL_loadstring(L, keep) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK)
    fail_msg("%s", lua_tostring(L, -1));
  int kept = lua_gettop(L);
  for (int i = 0; i < 400; i++) {
    char chunk[160];
    snprintf(chunk, sizeof chunk, "return {string.format('%%080d', %d), "
             "string.format('%%070d \"%%d\"', %d, %d)}", i, i % 7, i);
    same_text(e, chunk);
    lua_gc(L, LUA_GCCOLLECT);            /* the strings go; their addresses are free */
    size_t len = 0;
    char *got = thi_lua_to_text(e, kept, &len);
    assert_non_null(got);
    assert_int_equal(len, strlen(got));
    assert_string_equal(got, "[\"kept alive, written from the cache kept alive, written from "
                        "the cache kept alive, written from the cache \"]");
    free(got);
  }
  lua_pop(L, 1);
  th_engine_free(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(chosen_values),
    cmocka_unit_test(random_tables),
    cmocka_unit_test(long_strings_reused_addresses),
  };
  return cmocka_run_group_tests(tests, NULL, remove_fixtures);
}
