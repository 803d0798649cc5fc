/*
** schema.c -- th_engine_schema: the loaded rule set's case fields as JSON,
** for a host that builds a case form from the schema (threshold serve).
** The prelude answers, under the same limits as any other call into
** rule-set code.
*/
#include <lauxlib.h>

#include "internal.h"

static int schema_locked(th_engine *e, char **json) {
  if (json == NULL)
    return thi_seterr(e, TH_MISUSE, "th_engine_schema: NULL argument");
  if (e->rs_id == NULL)
    return thi_seterr(e, TH_MISUSE, "no rule set loaded");
  if (e->in_eval)
    return thi_seterr(e, TH_MISUSE, "th_engine_schema called during an evaluation");
  int st;
  if (e->poisoned && (st = thi_rules_replay(e)) != TH_OK)
    return st;
  lua_State *L = e->L;
  lua_settop(L, 0);
  thi_sandbox_pushapi(L, "schema");
  int rc = thi_pcall_limited(e, 0, 1, "reading the schema");
  if (rc == TH_LIMIT)
    return rc;                                 /* message set, state rebuilt later */
  if (rc != LUA_OK) {
    st = thi_seterr(e, TH_ERROR, "internal error reading the schema: %s",
                    lua_tostring(L, -1));
  } else if (!lua_istable(L, -1)) {
    st = thi_seterr(e, TH_ERROR, "internal error reading the schema: not a list");
  } else {
    *json = thi_lua_to_text(e, -1, NULL);
    st = *json ? TH_OK : thi_seterr(e, TH_NOMEM, "out of memory");
  }
  lua_settop(L, 0);
  return st;
}

int th_engine_schema(th_engine *e, char **json) {
  if (json)
    *json = NULL;
  if (e == NULL || thi_enter(e) != TH_OK)
    return TH_MISUSE;        /* in use by another thread: see thi_enter */
  int st;
  THI_GUARDED(e, st, schema_locked(e, json));
  thi_leave(e);
  return st;
}
