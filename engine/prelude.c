/*
** prelude.c -- loads the rule language: the Lua modules of engine/prelude/,
** each from the bytecode the build made, or from its text when this Lua
** cannot read that bytecode (a build against another Lua release).
**
** Modules reach each other through need(name), which reads a private
** table of the modules run so far: not package.loaded, which rules never
** get, and not a global, which rule files could name.
*/
#include "prelude.h"

#include <stdio.h>

#include <lauxlib.h>

/* need(name): the value module `name` returned. [-0, +1, e] */
static int need(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  if (lua_getfield(L, lua_upvalueindex(1), name) == LUA_TNIL)
    return luaL_error(L, "no prelude module '%s' is loaded before this one", name);
  return 1;
}

static void load_module(lua_State *L, const struct thi_prelude_module *m) {
  char chunkname[64];
  snprintf(chunkname, sizeof chunkname, "=[prelude/%s]", m->name);
  if (luaL_loadbufferx(L, (const char *)m->code, m->code_len, chunkname, "b") == LUA_OK)
    return;
  lua_pop(L, 1);
  if (luaL_loadbufferx(L, (const char *)m->text, m->text_len, chunkname, "t") != LUA_OK)
    lua_error(L);
}

void thi_prelude_open(lua_State *L) {
  int host = lua_gettop(L);
  lua_newtable(L);                                  /* host loaded */
  lua_pushvalue(L, -1);
  lua_pushcclosure(L, need, 1);                     /* host loaded need */
  for (size_t i = 0; i < thi_prelude_nmodules; i++) {
    const struct thi_prelude_module *m = &thi_prelude_modules[i];
    load_module(L, m);
    lua_pushvalue(L, host);
    lua_pushvalue(L, host + 2);
    lua_call(L, 2, 1);                              /* ... value */
    if (lua_isnil(L, -1))
      luaL_error(L, "prelude module '%s' returned nothing", m->name);
    if (i + 1 == thi_prelude_nmodules) {
      lua_replace(L, host);                         /* api loaded need */
      break;
    }
    lua_setfield(L, host + 1, m->name);
  }
  lua_settop(L, host);
}
