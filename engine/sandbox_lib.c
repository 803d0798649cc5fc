/*
** sandbox_lib.c -- the standard library functions rule files get in place
** of Lua's own, made before the prelude runs so that the prelude and every
** rule see only these:
**
**   tostring   never a memory address: a table is "table", a function
**              "function" (unless a metatable gives __tostring), so the
**              same case gives the same bytes on every run;
**   string.format  refuses %p, and formats a table or function for %s as
**              tostring above;
**   string.find    always plain, in linear time (memmem), because Lua's
**              own plain search is quadratic in the worst case and runs
**              inside one C call that no hook can interrupt;
**   string.pack, unpack, packsize   gone: string methods reach the real
**              string table, and these read and write raw memory layouts.
*/
#define _GNU_SOURCE             /* memmem */
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "internal.h"

/* Push the deterministic text of the value at idx. [-0, +1, e] */
static void push_text(lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  switch (lua_type(L, idx)) {
  case LUA_TNIL: case LUA_TBOOLEAN: case LUA_TNUMBER: case LUA_TSTRING:
    luaL_tolstring(L, idx, NULL);
    return;
  case LUA_TLIGHTUSERDATA:
    if (lua_touserdata(L, idx) == NULL) {     /* the JSON null */
      lua_pushliteral(L, "null");
      return;
    }
    break;
  default:
    break;
  }
  if (luaL_callmeta(L, idx, "__tostring")) {
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_error(L, "'__tostring' must return a string");
    return;
  }
  lua_pushstring(L, luaL_typename(L, idx));
}

static int safe_tostring(lua_State *L) {          /* [-0, +1, e] */
  luaL_checkany(L, 1);
  push_text(L, 1);
  return 1;
}

/* string.format with the original as upvalue 1: each conversion is found
** as lstrlib.c finds it (flags, width, precision, then the letter). */
static int safe_format(lua_State *L) {            /* [-0, +1, e] */
  size_t n;
  const char *fmt = luaL_checklstring(L, 1, &n);
  int top = lua_gettop(L), arg = 1;
  for (size_t i = 0; i < n; i++) {
    if (fmt[i] != '%')
      continue;
    if (++i < n && fmt[i] == '%')
      continue;
    while (i < n && strchr("-+ #0123456789.", fmt[i]) != NULL)
      i++;
    if (i >= n)
      break;                    /* the original reports the bad format */
    arg++;
    if (fmt[i] == 'p')
      return luaL_error(L, "string.format: %%p gives a memory address, "
                        "which differs between runs; rules cannot use it");
    if (fmt[i] == 's' && arg <= top) {
      int t = lua_type(L, arg);
      if (t != LUA_TSTRING && t != LUA_TNUMBER) {
        push_text(L, arg);
        lua_replace(L, arg);
      }
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, top, 1);
  return 1;
}

/* find(s, needle [, init]): plain, whatever a fourth argument says. The
** positions are those of Lua's string.find with plain = true. */
static int plain_find(lua_State *L) {             /* [-0, +(1|2), e] */
  size_t ls, lp;
  const char *s = luaL_checklstring(L, 1, &ls);
  const char *p = luaL_checklstring(L, 2, &lp);
  lua_Integer init = luaL_optinteger(L, 3, 1);
  if (init < 0)
    init = (lua_Integer)ls + init + 1 < 1 ? 1 : (lua_Integer)ls + init + 1;
  else if (init == 0)
    init = 1;
  if (init > (lua_Integer)ls + 1) {
    lua_pushnil(L);
    return 1;
  }
  const char *from = s + init - 1;
  const char *at = lp == 0 ? from : memmem(from, ls - (size_t)(init - 1), p, lp);
  if (at == NULL) {
    lua_pushnil(L);
    return 1;
  }
  lua_pushinteger(L, (lua_Integer)(at - s) + 1);
  lua_pushinteger(L, (lua_Integer)(at - s) + (lua_Integer)lp);
  return 2;
}

void thi_sandbox_lib_open(lua_State *L) {         /* [-0, +0, e] */
  lua_pushcfunction(L, safe_tostring);
  lua_setglobal(L, "tostring");
  lua_getglobal(L, LUA_STRLIBNAME);               /* string */
  lua_getfield(L, -1, "format");
  lua_pushcclosure(L, safe_format, 1);
  lua_setfield(L, -2, "format");
  lua_pushcfunction(L, plain_find);
  lua_setfield(L, -2, "find");
  static const char *const gone[] = {"pack", "unpack", "packsize"};
  for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
    lua_pushnil(L);
    lua_setfield(L, -2, gone[i]);
  }
  lua_pop(L, 1);
}
