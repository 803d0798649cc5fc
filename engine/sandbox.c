/*
** sandbox.c -- the engine's Lua state and its limits: a counting allocator
** with a cap, the panic handler, the bracket around one evaluation (memory
** budget, deadline), and the hook that stops an evaluation which went over
** a limit. What a new state holds (libraries, host functions, the rule
** language) is prelude.c's; the gate into Lua is gate.c's.
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
  th_engine *e = thi_engine_of(L);
  if (atomic_load(&e->trip) == THI_TRIP_NONE)
    return;
  note_flat_declaration(L, ar);
  lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &thi_key_limit);      /* sentinel */
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

/*
** Loading a set, preparing it and running its tests are bounded by a count
** of VM instructions (TH_LIMIT_LOAD_STEPS) and the memory budget, not by the
** per-case deadline: whether a set loads must not depend on how fast the
** machine is or how busy. A count hook every THI_STEP_CHUNK instructions
** takes them off; when none are left it trips the limit as the deadline
** does, and the limit hook keeps raising until the call has unwound.
*/
#define THI_STEP_CHUNK 10000

static void begin_eval(th_engine *e, long long deadline_ms);

static void step_hook(lua_State *L, lua_Debug *ar) {
  th_engine *e = thi_engine_of(L);
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
  begin_eval(e, 0);                                  /* no watchdog */
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
  th_engine *e = thi_engine_of(L);
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
    thi_deadline_end(&e->wd);
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
  lua_pushcfunction(L, thi_prelude_state);
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
  thi_json_cache_clear(&e->strings);
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

/* The watchdog's call on this thread when the deadline passed (in its
** signal handler). */
static void deadline_passed(void *ud) {
  th_engine *e = ud;
  if (e->in_eval)
    thi_sandbox_arm_trip(e, THI_TRIP_TIME);
}

static void begin_eval(th_engine *e, long long deadline_ms) {
  size_t state_cap = (size_t)e->limits[TH_LIMIT_STATE_MEMORY];
  size_t budget = (size_t)e->limits[TH_LIMIT_EVAL_MEMORY];
  size_t cap = e->mem_used + budget;
  e->mem_cap = cap < e->mem_used || cap > state_cap ? state_cap : cap;
  atomic_store(&e->trip, THI_TRIP_NONE);
  e->in_eval = 1;
  thi_deadline_begin(&e->wd, deadline_ms, deadline_passed, e);
}

void thi_sandbox_begin_eval(th_engine *e) {
  begin_eval(e, e->limits[TH_LIMIT_DEADLINE_MS]);
}

void thi_sandbox_end_eval(th_engine *e) {
  thi_deadline_end(&e->wd);
  e->in_eval = 0;
  e->mem_cap = (size_t)e->limits[TH_LIMIT_STATE_MEMORY];
  if (atomic_load(&e->trip) != THI_TRIP_NONE) {
    lua_sethook(e->L, NULL, 0, 0);
    e->poisoned = 1;
  }
}
