/*
** gate.c -- the one gate from C into Lua (thi_pcall and its message
** handler), and the registry keys by which C knows the prelude's API
** table, the limit sentinel, the mark of shared tables and that of an
** empty JSON object. Below every
** other file that runs Lua: it calls Lua's API only.
*/
#include <lauxlib.h>

#include "internal.h"

/* Registry keys: the addresses, not the values, are the keys. */
const char thi_key_api = 'a';          /* registry: the prelude's API table */
const char thi_key_limit = 'l';        /* registry: the limit sentinel */
const char thi_key_shared = 's';       /* registry: marks shared tables */
const char thi_key_empty = 'o';        /* registry: marks an empty JSON object */

/*
** An empty JSON object and an empty list are both an empty Lua table; the
** readers mark the object's with this metatable, so that the prelude
** refuses {} where the schema wants a list, as it refuses any object.
** The validator replaces it with the object's node.
*/
void thi_mark_empty_object(lua_State *L) {              /* [-0, +0, -] */
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &thi_key_empty) == LUA_TTABLE)
    lua_setmetatable(L, -2);
  else
    lua_pop(L, 1);
}

int thi_is_shared(lua_State *L, int idx) {       /* [-0, +0, -] */
  if (!lua_getmetatable(L, idx))
    return 0;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &thi_key_shared);
  int same = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return same;
}

int thi_is_limit_error(lua_State *L, int idx) {   /* [-0, +0, -] */
  idx = lua_absindex(L, idx);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &thi_key_limit);
  int same = lua_rawequal(L, idx, -1);
  lua_pop(L, 1);
  return same;
}

/* Keep error values as they are; give non-strings a readable form. */
static int msghandler(lua_State *L) {             /* [-0, +1, m] */
  if (thi_is_limit_error(L, 1) || lua_type(L, 1) == LUA_TSTRING)
    return 1;
  if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
    return 1;
  lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  return 1;
}

/*
** The one gate from C into Lua: lua_pcall with a message handler.
** Stack as lua_pcall; the handler sits below the function during the call.
** A caller that makes many calls with many arguments (th_eval) pushes the
** handler first (thi_push_msghandler) and leaves it there: found below the
** function, nothing is moved.
*/
void thi_push_msghandler(lua_State *L) { lua_pushcfunction(L, msghandler); }

int thi_pcall(lua_State *L, int nargs, int nresults) {
  int base = lua_gettop(L) - nargs;               /* the function's index */
  if (base > 1 && lua_tocfunction(L, base - 1) == msghandler)
    return lua_pcall(L, nargs, nresults, base - 1);
  lua_pushcfunction(L, msghandler);
  lua_insert(L, base);
  int rc = lua_pcall(L, nargs, nresults, base);
  lua_remove(L, base);
  return rc;
}

/* Push API[fn] from the prelude. Returns 0 if there is no such function. */
int thi_sandbox_pushapi(lua_State *L, const char *fn) {  /* [-0, +1, -] */
  lua_rawgetp(L, LUA_REGISTRYINDEX, &thi_key_api);
  lua_getfield(L, -1, fn);
  lua_remove(L, -2);
  return lua_type(L, -1) == LUA_TFUNCTION;
}
