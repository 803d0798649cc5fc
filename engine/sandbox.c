/*
** sandbox.c -- the engine's Lua state: a counting allocator with a cap, the
** few standard libraries rules may use, the embedded prelude (the rule
** language), and the hook that stops an evaluation which went over a limit.
**
** The hook is not armed during normal evaluation: in Lua 5.4 any armed hook
** sends every VM instruction down the slow path. It is armed only when a
** limit trips -- by the allocator (same thread) or by the deadline signal
** handler (same thread, see deadline.c) -- and then fires on every
** instruction, raising the limit error again each time, so a pcall in a
** rule cannot swallow it.
*/
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "internal.h"
#include "prelude.h"

static const char k_api = 'a';          /* registry: the prelude's API table */
static const char k_limit = 'l';        /* registry: the limit sentinel */
static const char k_shared = 's';       /* registry: marks shared tables */
static const char k_empty = 'o';        /* registry: marks an empty JSON object */

/*
** The allocator. Lua assumes that shrinking never fails, so only growth is
** checked against the cap. A refused allocation during an evaluation also
** arms the limit hook, so that a rule cannot catch the memory error with
** pcall and go on.
*/
static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  th_engine *e = ud;
  if (ptr == NULL)
    osize = 0;                          /* osize then encodes a type */
  if (nsize == 0) {
    thi_blocks_free(&e->blocks, ptr, osize);
    e->mem_used -= osize;
    return NULL;
  }
  if (nsize > osize && nsize - osize > e->mem_cap - e->mem_used) {
    if (e->in_eval)
      thi_sandbox_arm_trip(e, THI_TRIP_MEMORY);
    return NULL;
  }
  void *p = thi_blocks_realloc(&e->blocks, ptr, osize, nsize);
  if (p == NULL)
    return nsize <= osize ? ptr : NULL;
  e->mem_used = e->mem_used - osize + nsize;
  return p;
}

/* The engine a state belongs to: its allocator's user data. */
static th_engine *engine_of(lua_State *L) {
  void *ud;
  lua_getallocf(L, &ud);
  return ud;
}

/* The name the prelude compiles the chunk for cases read flat under: it
** keeps the declaration running in its local `at`, for the hook to copy to
** its context's (its first parameter's) `at` when the deadline stops it. */
#define FLAT_CHUNK "=(the rule set, inlined for a case read flat)"

static void note_flat_declaration(lua_State *L, lua_Debug *ar) {
  if (!lua_getinfo(L, "S", ar) || strcmp(ar->source, FLAT_CHUNK) != 0)
    return;
  const char *name;
  for (int i = 1; (name = lua_getlocal(L, ar, i)) != NULL; i++) {
    if (strcmp(name, "at") == 0) {                  /* at */
      if (lua_getlocal(L, ar, 1) && lua_istable(L, -1)) {   /* at ctx */
        lua_pushvalue(L, -2);
        lua_setfield(L, -2, "at");
      }
      lua_pop(L, 2);
      return;
    }
    lua_pop(L, 1);
  }
}

/* Raise the limit sentinel, and keep raising it on every instruction. */
static void limit_hook(lua_State *L, lua_Debug *ar) {  /* [-0, +1, e] */
  th_engine *e = engine_of(L);
  if (atomic_load(&e->trip) == THI_TRIP_NONE)
    return;
  note_flat_declaration(L, ar);
  lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &k_limit);      /* sentinel */
  lua_error(L);
}

/*
** Mark the running evaluation as tripped and arm the hook. Safe in a signal
** handler running on the evaluating thread (lua_sethook is, per the manual).
*/
void thi_sandbox_arm_trip(th_engine *e, int why) {
  int none = THI_TRIP_NONE;
  atomic_compare_exchange_strong(&e->trip, &none, why);
  lua_sethook(e->L, limit_hook, LUA_MASKCOUNT, 1);
}

int thi_is_shared(lua_State *L, int idx) {       /* [-0, +0, -] */
  if (!lua_getmetatable(L, idx))
    return 0;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &k_shared);
  int same = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return same;
}

int thi_is_limit_error(lua_State *L, int idx) {   /* [-0, +0, -] */
  idx = lua_absindex(L, idx);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &k_limit);
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

/*
** Loading a set, preparing it and running its tests are bounded by a count
** of VM instructions (TH_LIMIT_LOAD_STEPS) and the memory budget, not by the
** per-case deadline: whether a set loads must not depend on how fast the
** machine is or how busy. A count hook every THI_STEP_CHUNK instructions
** takes them off; when none are left it trips the limit as the deadline
** does, and the limit hook keeps raising until the call has unwound.
*/
#define THI_STEP_CHUNK 10000

static void step_hook(lua_State *L, lua_Debug *ar) {
  th_engine *e = engine_of(L);
  e->steps_left -= THI_STEP_CHUNK;
  if (e->steps_left < 0) {
    thi_sandbox_arm_trip(e, THI_TRIP_STEPS);
    limit_hook(L, ar);
  }
}

/*
** thi_pcall under the load limits (an instruction count and the memory
** budget), for running rule-file code outside an evaluation: loading a
** set, preparing it, its tests. After a trip the state is marked for
** rebuilding and TH_LIMIT returned with a message; otherwise the
** lua_pcall status.
*/
int thi_pcall_limited(th_engine *e, int nargs, int nresults,
                      const char *what) {
  long long deadline = e->limits[TH_LIMIT_DEADLINE_MS];
  e->limits[TH_LIMIT_DEADLINE_MS] = 0;               /* no watchdog */
  thi_sandbox_begin_eval(e);
  e->limits[TH_LIMIT_DEADLINE_MS] = deadline;
  e->steps_left = e->limits[TH_LIMIT_LOAD_STEPS];
  lua_sethook(e->L, step_hook, LUA_MASKCOUNT, THI_STEP_CHUNK);
  int rc = thi_pcall(e->L, nargs, nresults);
  if (atomic_load(&e->trip) == THI_TRIP_NONE)
    lua_sethook(e->L, NULL, 0, 0);
  thi_sandbox_end_eval(e);
  if (!e->poisoned)
    return rc;
  lua_pop(e->L, 1);
  if (atomic_load(&e->trip) == THI_TRIP_STEPS)
    return thi_seterr(e, TH_LIMIT, "%s stopped: the instruction limit of %lld "
                      "Lua instructions was reached", what,
                      e->limits[TH_LIMIT_LOAD_STEPS]);
  return thi_seterr(e, TH_LIMIT, "%s stopped: the memory limit of %lld bytes "
                    "was reached", what, e->limits[TH_LIMIT_EVAL_MEMORY]);
}

/*
** An error outside any lua_pcall (an API call that raises in the engine's
** own C code) calls the panic handler, and Lua aborts the process if it
** returns. It jumps back to the public call that was running instead
** (thi_guard), which reports TH_ERROR and rebuilds the state; with no call
** to go back to it returns, and Lua aborts, as a last resort.
*/
static int on_panic(lua_State *L) {
  th_engine *e = engine_of(L);
  if (e->panic_jmp == NULL)
    return 0;
  const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  thi_seterr(e, TH_ERROR, "internal error outside a protected call: %s",
             msg ? msg : "(no message)");
  longjmp(*e->panic_jmp, 1);
}

/* After a panic: the state is not trusted again, nor the deadline left on. */
void thi_guard_recover(th_engine *e) {
  if (e->in_eval) {
    thi_deadline_end(e);
    e->in_eval = 0;
  }
  e->panic_jmp = NULL;
  char *msg = e->errmsg ? thi_strdup(e->errmsg) : NULL;
  thi_sandbox_open(e);
  if (msg) {
    thi_seterr(e, TH_ERROR, "%s", msg);
    free(msg);
  }
  e->poisoned = 1;
}

/* Push API[fn] from the prelude. Returns 0 if there is no such function. */
int thi_sandbox_pushapi(lua_State *L, const char *fn) {  /* [-0, +1, -] */
  lua_rawgetp(L, LUA_REGISTRYINDEX, &k_api);
  lua_getfield(L, -1, fn);
  lua_remove(L, -2);
  return lua_type(L, -1) == LUA_TFUNCTION;
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
  th_engine *e = engine_of(L);
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
  th_engine *e = engine_of(L);
  lua_pushboolean(L, e->case_schema && thi_case_schema_plan(L, e->case_schema, 1, 2));
  return 1;
}

/*
** Open the libraries and run the prelude (engine/prelude.c), protected (as
** lua.c's pmain). The prelude's modules get one table of what the host
** gives them: the debug library (for declaration sites and freezing), the
** JSON null sentinel, the limit sentinel, the version, the metatable that
** marks tables results share (json_cache.c), and new_table, count_keys,
** read_all, set_case_schema, set_case_plan, rule_site and is_rule_code;
** debug never reaches rules.
*/
static int open_state(lua_State *L) {             /* [-0, +0, e] */
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
  lua_rawsetp(L, LUA_REGISTRYINDEX, &k_limit);
  lua_setfield(L, -2, "LIMIT");
  lua_pushlightuserdata(L, NULL);                       /* JSON null */
  lua_setfield(L, -2, "NULL");
  lua_pushstring(L, TH_VERSION_STRING);
  lua_setfield(L, -2, "VERSION");
  lua_newtable(L);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &k_shared);
  lua_setfield(L, -2, "SHARED");
  lua_newtable(L);                                      /* {} is not [] */
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &k_empty);
  lua_setfield(L, -2, "EMPTY_OBJECT");
  luaL_setfuncs(L, host_fns, 0);
  thi_prelude_open(L);                                  /* api */
  luaL_checktype(L, -1, LUA_TTABLE);
  th_engine *e = engine_of(L);                          /* th_eval's two, by ref */
  lua_getfield(L, -1, "evaluate");
  e->evaluate_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_getfield(L, -1, "evaluate_flat");
  e->evaluate_flat_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &k_api);
  return 0;
}

int thi_sandbox_open(th_engine *e) {
  thi_sandbox_close(e);
  e->mem_used = 0;
  e->mem_cap = (size_t)e->limits[TH_LIMIT_STATE_MEMORY];
  atomic_store(&e->trip, THI_TRIP_NONE);
  e->poisoned = 0;
  lua_State *L = lua_newstate(l_alloc, e);
  if (L == NULL)
    return thi_seterr(e, TH_NOMEM, "cannot create a Lua state");
  e->L = L;
  lua_atpanic(L, on_panic);
  lua_pushcfunction(L, open_state);
  if (thi_pcall(L, 0, 0) != LUA_OK) {
    int st = thi_seterr(e, TH_ERROR, "prelude: %s", lua_tostring(L, -1));
    thi_sandbox_close(e);
    return st;
  }
  e->pristine = 1;
  return TH_OK;
}

void thi_sandbox_close(th_engine *e) {
  thi_case_schema_free(NULL, e->case_schema);    /* its refs go with L */
  e->case_schema = NULL;
  e->opts_ref = 0;                               /* so does the options table */
  if (e->L) {
    e->mem_cap = (size_t)-1;    /* closing frees; never refuse */
    lua_close(e->L);
    e->L = NULL;
  }
  thi_json_cache_clear(&e->shared);
  thi_blocks_drain(&e->blocks);
}

/*
** Bracket one evaluation: take the memory baseline, set the per-evaluation
** cap, and start the deadline. end_eval undoes it and leaves the hook off;
** after a trip the state is marked for rebuilding.
*/
/* A clean state for loading: the one there is, if nothing has used it. */
int thi_sandbox_fresh(th_engine *e) {
  if (e->L && e->pristine && !e->poisoned)
    return TH_OK;
  return thi_sandbox_open(e);
}

void thi_sandbox_begin_eval(th_engine *e) {
  size_t state_cap = (size_t)e->limits[TH_LIMIT_STATE_MEMORY];
  size_t budget = (size_t)e->limits[TH_LIMIT_EVAL_MEMORY];
  size_t cap = e->mem_used + budget;
  e->mem_cap = cap < e->mem_used || cap > state_cap ? state_cap : cap;
  atomic_store(&e->trip, THI_TRIP_NONE);
  e->in_eval = 1;
  thi_deadline_begin(e);
}

void thi_sandbox_end_eval(th_engine *e) {
  thi_deadline_end(e);
  e->in_eval = 0;
  e->mem_cap = (size_t)e->limits[TH_LIMIT_STATE_MEMORY];
  if (atomic_load(&e->trip) != THI_TRIP_NONE) {
    lua_sethook(e->L, NULL, 0, 0);
    e->poisoned = 1;
  }
}

/*
** An empty JSON object and an empty list are both an empty Lua table; the
** readers mark the object's with this metatable, so that the prelude
** refuses {} where the schema wants a list, as it refuses any object.
** The validator replaces it with the object's node.
*/
void thi_mark_empty_object(lua_State *L) {              /* [-0, +0, -] */
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &k_empty) == LUA_TTABLE)
    lua_setmetatable(L, -2);
  else
    lua_pop(L, 1);
}
