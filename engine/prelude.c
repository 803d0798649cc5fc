/*
** prelude.c -- the rule language in a new Lua state: the libraries rules
** may use, the host functions the prelude's modules call (written in C
** for speed or for what only the C API can see), then the Lua modules of
** engine/prelude/, each from the bytecode the build made, or from its text
** when this Lua cannot read that bytecode (a build against another Lua
** release).
**
** Modules reach each other through need(name), which reads a private
** table of the modules run so far: not package.loaded, which rules never
** get, and not a global, which rule files could name.
*/
#include <stdio.h>

#include <lauxlib.h>
#include <lualib.h>

#include "internal.h"
#include "prelude.h"

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

/* Run the modules in order (prelude.h): the host table on the top of the
** stack is replaced by the API table. [-1, +1, e] */
static void prelude_open(lua_State *L) {
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

static const luaL_Reg safe_libs[] = {
  {LUA_GNAME, luaopen_base},
  {LUA_TABLIBNAME, luaopen_table},
  {LUA_STRLIBNAME, luaopen_string},
  {LUA_MATHLIBNAME, luaopen_math},
  {LUA_UTF8LIBNAME, luaopen_utf8},
  {NULL, NULL}
};

/* new_table(narr, nrec): an empty table with room for that many entries. */
static int new_table(lua_State *L) {              /* [-0, +1, m] */
  lua_Integer narr = luaL_checkinteger(L, 1), nrec = luaL_checkinteger(L, 2);
  luaL_argcheck(L, narr >= 0 && narr <= 1 << 20, 1, "out of range");
  luaL_argcheck(L, nrec >= 0 && nrec <= 1 << 20, 2, "out of range");
  lua_createtable(L, (int)narr, (int)nrec);
  return 1;
}

/* count_keys(t): how many keys t holds; the schema's checkers compare it
** with the declared fields they found, so an unknown field is noticed
** without a Lua loop over the table. */
static int count_keys(lua_State *L) {             /* [-0, +1, -] */
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_Integer n = 0;
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    n++;
    lua_pop(L, 1);
  }
  lua_pushinteger(L, n);
  return 1;
}

/* read_all(c, ups, keys): the values the inlined rule set reads first, in
** one call. Read i is keys[i] of the table it is taken from: c when the
** byte ups[i] is 0, else read ups[i]; from anything but a table, nil. */
static int read_all(lua_State *L) {               /* [-0, +n, m] */
  size_t n;
  const char *ups = luaL_checklstring(L, 2, &n);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 3, LUA_TTABLE);
  luaL_checkstack(L, (int)n + 2, "too many reads");
  lua_settop(L, 3);
  for (size_t i = 0; i < n; i++) {
    size_t up = (unsigned char)ups[i];
    int from = up == 0 ? 1 : 3 + (int)up;
    if (up > i || lua_type(L, from) != LUA_TTABLE) {
      lua_pushnil(L);
      continue;
    }
    lua_rawgeti(L, 3, (lua_Integer)i + 1);
    lua_rawget(L, from);
  }
  return (int)n;
}

/* rule_site(level): the chunk name (without its "@") and current line of
** the first frame from level up that runs rule-file code, or nothing. The
** declaration helpers ask it where they were called from; lua_getinfo
** here makes no table, which debug.getinfo does for every frame it looks
** at, and that was a tenth of loading a rule set. */
static int rule_site(lua_State *L) {              /* [-0, +(0|2), m] */
  lua_Debug ar;
  for (int level = (int)luaL_checkinteger(L, 1); lua_getstack(L, level, &ar); level++) {
    if (lua_getinfo(L, "Sl", &ar) && ar.source[0] == '@') {
      lua_pushstring(L, ar.source + 1);
      lua_pushinteger(L, ar.currentline);
      return 2;
    }
  }
  return 0;
}

/* is_rule_code(f): whether f is a Lua function from a rule file. */
static int is_rule_code(lua_State *L) {           /* [-0, +1, -] */
  lua_Debug ar;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_getinfo(L, ">S", &ar);
  lua_pushboolean(L, ar.what[0] == 'L' && ar.source[0] == '@');
  return 1;
}

/* set_case_schema(root_spec, root_node): the schema the reader checks cases
** against from now on, made from the prelude's root field and node. */
static int set_case_schema(lua_State *L) {        /* [-0, +0, m] */
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  th_engine *e = thi_engine_of(L);
  thi_case_schema *s = thi_case_schema_build(L, 1, 2);
  if (s == NULL)
    return luaL_error(L, "not enough memory for the case schema");
  thi_case_schema_free(L, e->case_schema);
  e->case_schema = s;
  return 0;
}

/* set_case_plan(paths, needed): whether the reader can read cases flat,
** giving the value at paths[i] as the i-th, and only cases with a value
** there where needed[i] (engine/case_schema.c). */
static int set_case_plan(lua_State *L) {          /* [-0, +1, m] */
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  th_engine *e = thi_engine_of(L);
  lua_pushboolean(L, e->case_schema && thi_case_schema_plan(L, e->case_schema, 1, 2));
  return 1;
}

/*
** Open the libraries and run the prelude, protected (sandbox.c calls it
** through thi_pcall, as lua.c runs its pmain). The prelude's modules get one table of what the host
** gives them: the debug library (for declaration sites and freezing), the
** JSON null sentinel, the limit sentinel, the version, the metatable that
** marks tables results share (json_cache.c), and new_table, count_keys,
** read_all, set_case_schema, set_case_plan, rule_site and is_rule_code;
** debug never reaches rules.
*/
int thi_prelude_state(lua_State *L) {             /* [-0, +0, e] */
  static const luaL_Reg host_fns[] = {
    {"new_table", new_table}, {"count_keys", count_keys}, {"read_all", read_all},
    {"set_case_schema", set_case_schema}, {"set_case_plan", set_case_plan},
    {"rule_site", rule_site}, {"is_rule_code", is_rule_code}, {NULL, NULL}};
  for (const luaL_Reg *lib = safe_libs; lib->func; lib++) {
    luaL_requiref(L, lib->name, lib->func, 1);
    lua_pop(L, 1);
  }
  thi_sandbox_lib_open(L);
  lua_newtable(L);                                      /* host */
  luaL_requiref(L, LUA_DBLIBNAME, luaopen_debug, 0);
  lua_setfield(L, -2, "debug");
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_pushnil(L);
  lua_setfield(L, -2, LUA_DBLIBNAME);                   /* not findable */
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &thi_key_limit);
  lua_setfield(L, -2, "LIMIT");
  lua_pushlightuserdata(L, NULL);                       /* JSON null */
  lua_setfield(L, -2, "NULL");
  lua_pushstring(L, TH_VERSION_STRING);
  lua_setfield(L, -2, "VERSION");
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &thi_key_shared);
  lua_setfield(L, -2, "SHARED");
  lua_newtable(L);                                      /* {} is not [] */
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &thi_key_empty);
  lua_setfield(L, -2, "EMPTY_OBJECT");
  luaL_setfuncs(L, host_fns, 0);
  prelude_open(L);                                  /* api */
  luaL_checktype(L, -1, LUA_TTABLE);
  th_engine *e = thi_engine_of(L);                          /* th_eval's two, by ref */
  lua_getfield(L, -1, "evaluate");
  e->evaluate_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_getfield(L, -1, "evaluate_flat");
  e->evaluate_flat_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &thi_key_api);
  return 0;
}
