/*
** doc.c -- th_engine_doc: the loaded rule set as a document for the policy
** lead who maintains it (`threshold doc`). The prelude's doc module reads
** the loaded declarations (and the sources' text, for the fields a
** function(c) names), under the same limits as any other call into
** rule-set code, and answers with data; the host renders it.
*/
#include <lauxlib.h>

#include "internal.h"

static int doc_locked(th_engine *e, char **json) {
  if (e->rs_id == NULL)
    return thi_seterr(e, TH_MISUSE, "no rule set loaded");
  if (e->in_eval)
    return thi_seterr(e, TH_MISUSE, "th_engine_doc called during an evaluation");
  int st;
  if (e->poisoned && (st = thi_rules_replay(e)) != TH_OK)
    return st;
  lua_State *L = e->L;
  lua_settop(L, 0);
  thi_sandbox_pushapi(L, "doc");                     /* doc */
  lua_createtable(L, 0, (int)e->sources.n);          /* doc sources */
  for (size_t i = 0; i < e->sources.n; i++) {
    lua_pushlstring(L, e->sources.v[i].text, e->sources.v[i].len);
    lua_setfield(L, -2, e->sources.v[i].name);
  }
  int rc = thi_pcall_limited(e, 1, 1, "documenting the rule set");
  if (rc == TH_LIMIT)
    return rc;                                 /* message set, state rebuilt later */
  if (rc != LUA_OK) {
    st = thi_seterr(e, TH_ERROR, "internal error documenting the rule set: %s",
                    lua_tostring(L, -1));
  } else if (!lua_istable(L, -1)) {
    st = thi_seterr(e, TH_ERROR, "internal error documenting the rule set: not a table");
  } else {
    *json = thi_lua_to_text(e, -1, NULL);
    st = *json ? TH_OK : thi_seterr(e, TH_NOMEM, "out of memory");
  }
  lua_settop(L, 0);
  return st;
}

int th_engine_doc(th_engine *e, char **json) {
  if (json)
    *json = NULL;
  if (e == NULL || json == NULL)
    return TH_MISUSE;
  if (thi_enter(e) != TH_OK)
    return TH_MISUSE;        /* in use by another thread: see thi_enter */
  int st;
  THI_GUARDED(e, st, doc_locked(e, json));
  thi_leave(e);
  return st;
}
