/*
** eval.c -- th_eval: one case through the loaded rule set.
**
** The case is read inside the evaluation's memory budget and deadline and
** handed to the prelude's evaluate(). An evaluation stopped by a limit
** still produces a result: incomplete, with no suggestion, naming the rule
** that was running. The state is then rebuilt from the kept sources before
** the next case, so nothing of the stopped evaluation can reach it.
** The options table the prelude reads, and the default date it holds,
** are private to this file.
*/
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>

#include "internal.h"

static void forget_opts(th_engine *e);

/* The options evaluate reads (never writes): one table for many cases. */
static void push_opts(lua_State *L, th_engine *e, unsigned flags) {
  if (e->opts_ref > 0 && e->opts_flags == flags) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, e->opts_ref);
    return;
  }
  lua_createtable(L, 0, 6);                            /* opts */
  lua_pushboolean(L, (flags & TH_EVAL_EXPLAIN) != 0);
  lua_setfield(L, -2, "explain");
  lua_pushboolean(L, (flags & TH_EVAL_VALIDATE) != 0);
  lua_setfield(L, -2, "validate_only");
  lua_pushboolean(L, (flags & (TH_EVAL_BRIEF | TH_EVAL_SUMMARY)) != 0);
  lua_setfield(L, -2, "brief");
  lua_pushboolean(L, (flags & TH_EVAL_SUMMARY) != 0);
  lua_setfield(L, -2, "summary");
  lua_pushboolean(L, (flags & THI_EVAL_INTERPRET) != 0);
  lua_setfield(L, -2, "interpret");
  if (e->default_date[0]) {
    lua_pushstring(L, e->default_date);
    lua_setfield(L, -2, "default_date");
  }
  forget_opts(e);
  lua_pushvalue(L, -1);
  e->opts_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  e->opts_flags = flags;
}

static void forget_opts(th_engine *e) {
  if (e->opts_ref > 0 && e->L)
    luaL_unref(e->L, LUA_REGISTRYINDEX, e->opts_ref);
  e->opts_ref = 0;
}

/* The default date lives in the options table, so it is set here, where
** that table is kept. */
static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* A real calendar date written YYYY-MM-DD. */
static int valid_date(const char *s) {
  if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return 0;
  int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || d < 1)
    return 0;
  return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

static int set_date_locked(th_engine *e, const char *date);

int th_engine_set_default_date(th_engine *e, const char *date) {
  if (e == NULL || thi_enter(e) != TH_OK)
    return TH_MISUSE;
  int st = set_date_locked(e, date);
  thi_leave(e);
  return st;
}

static int set_date_locked(th_engine *e, const char *date) {
  if (date == NULL) {
    e->default_date[0] = '\0';
    forget_opts(e);
    return TH_OK;
  }
  if (!valid_date(date))
    return thi_seterr(e, TH_MISUSE, "not a calendar date (YYYY-MM-DD): %.40s",
                      date);
  memcpy(e->default_date, date, 11);
  forget_opts(e);             /* it holds the date */
  return TH_OK;
}

/* The result of an evaluation a limit stopped; the case's id and date are
** read again from its text. Stack balanced. */
static int stopped(th_engine *e, const char *json, size_t len, unsigned flags,
                   th_result **out) {
  lua_State *L = e->L;
  const char *rule = NULL, *where = NULL;
  int top = lua_gettop(L);
  thi_sandbox_pushapi(L, "current");
  if (thi_pcall(L, 0, 2) == LUA_OK) {
    rule = lua_tostring(L, -2);
    where = lua_tostring(L, -1);
  }
  json_t *c = json_loadb(json, len, JSON_REJECT_DUPLICATES, NULL);
  int st = thi_result_tripped(e, c, rule, where, flags, out);
  json_decref(c);
  lua_settop(L, top);
  return st;
}

static int eval_case(th_engine *e, const char *json, size_t len, unsigned flags,
                     th_result **out) {
  if (out)
    *out = NULL;
  if (e == NULL || out == NULL || (json == NULL && len > 0))
    return TH_MISUSE;
  if (e->rs_id == NULL)
    return thi_seterr(e, TH_MISUSE, "no rule set loaded");
  if (e->in_eval)
    return thi_seterr(e, TH_MISUSE, "th_eval called during an evaluation");
  int st = TH_OK;
  if (e->poisoned && (st = thi_rules_replay(e)) != TH_OK)
    return st;
  if (e->evals++ == 1 && (st = thi_rules_prepare(e)) != TH_OK)
    return st;
  if (json == NULL)
    json = "";
  lua_State *L = e->L;
  lua_settop(L, 0);
  thi_sandbox_begin_eval(e);
  /* Flat (no tables) when only the inlined rules run, and no why_not reads
     the case again: its values go to evaluate_flat as arguments, which
     gives false when the case needs its tables after all; it is then read
     again, for evaluate. */
  int flat = (flags & (TH_EVAL_BRIEF | TH_EVAL_SUMMARY)) &&
             !(flags & (TH_EVAL_EXPLAIN | TH_EVAL_VALIDATE | THI_EVAL_INTERPRET));
  int rc = LUA_OK, how;
  thi_push_msghandler(L);                              /* h: stays below */
  do {
    lua_settop(L, 1);                                  /* h fn: the one expected */
    lua_rawgeti(L, LUA_REGISTRYINDEX, flat ? e->evaluate_flat_ref : e->evaluate_ref);
    st = thi_case_load(e, json, len, flat, &how);      /* h fn case|nil v.. */
    if (st != TH_OK)
      break;
    push_opts(L, e, flags);                            /* h fn case|nil v.. opts */
    if (how == THI_READ_FLAT) {
      lua_replace(L, 3);                               /* h evaluate_flat opts v.. */
    } else {
      lua_pushboolean(L, how != THI_READ_TABLES);      /* h fn case opts checked */
      lua_rawgeti(L, LUA_REGISTRYINDEX, e->evaluate_ref);
      lua_replace(L, 2);                               /* h evaluate case opts checked */
    }
    rc = thi_pcall(L, lua_gettop(L) - 2, 1);           /* h result | false | err */
    flat = 0;
    e->cases_flat += rc == LUA_OK && how == THI_READ_FLAT && lua_istable(L, -1);
  } while (rc == LUA_OK && how == THI_READ_FLAT && lua_isboolean(L, -1));
  thi_sandbox_end_eval(e);
  if (st != TH_OK) {
    if (e->poisoned)
      st = stopped(e, json, len, flags, out);
  } else if (rc == LUA_OK) {
    st = thi_result_from_lua(e, -1, flags, out);
  } else if (e->poisoned || thi_is_limit_error(L, -1) || rc == LUA_ERRMEM) {
    e->poisoned = 1;
    st = stopped(e, json, len, flags, out);
  } else {
    st = thi_seterr(e, TH_ERROR, "internal error in the evaluator: %s",
                    lua_tostring(L, -1));
  }
  lua_settop(L, 0);
  return st;
}

/* The flags th_eval knows; any other bit is TH_MISUSE. */
#define PUBLIC_FLAGS (TH_EVAL_EXPLAIN | TH_EVAL_VALIDATE | TH_EVAL_BRIEF | TH_EVAL_SUMMARY)

int thi_eval_flags(th_engine *e, const char *json, size_t len, unsigned flags,
                   th_result **out) {
  if (out)
    *out = NULL;
  if (e == NULL)
    return TH_MISUSE;
  if (thi_enter(e) != TH_OK)
    return TH_MISUSE;        /* in use by another thread: see thi_enter */
  int st;
  THI_GUARDED(e, st, eval_case(e, json, len, flags, out));
  thi_leave(e);
  return st;
}

int th_eval(th_engine *e, const char *json, size_t len, unsigned flags,
            th_result **out) {
  if ((flags & ~PUBLIC_FLAGS) == 0)
    return thi_eval_flags(e, json, len, flags, out);
  if (out)
    *out = NULL;
  if (e == NULL || thi_enter(e) != TH_OK)
    return TH_MISUSE;
  int st = thi_seterr(e, TH_MISUSE, "th_eval: unknown flags 0x%x", flags & ~PUBLIC_FLAGS);
  thi_leave(e);
  return st;
}
