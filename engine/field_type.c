/*
** field_type.c -- th_engine_field_type: what the loaded rule set's schema
** declares at a data path, for a caller that builds cases from columns
** (the store's CSV import). The prelude answers, under the same limits as
** any other call into rule-set code.
*/
#include <string.h>

#include "internal.h"

/* The declared types, as static strings the caller may keep. */
static const char *const field_types[] = {
  "string", "enum", "integer", "number", "boolean", "date", "object", "array",
};

static int field_type_locked(th_engine *e, const char *path, const char **type) {
  if (path == NULL || type == NULL)
    return thi_seterr(e, TH_MISUSE, "th_engine_field_type: NULL argument");
  if (e->rs_id == NULL)
    return thi_seterr(e, TH_MISUSE, "no rule set loaded");
  if (e->in_eval)
    return thi_seterr(e, TH_MISUSE, "th_engine_field_type called during an evaluation");
  int st;
  if (e->poisoned && (st = thi_rules_replay(e)) != TH_OK)
    return st;
  lua_State *L = e->L;
  lua_settop(L, 0);
  thi_sandbox_pushapi(L, "field_type");
  lua_pushstring(L, path);
  int rc = thi_pcall_limited(e, 1, 2, "reading the schema");
  if (rc == TH_LIMIT)
    return rc;                                 /* message set, state rebuilt later */
  if (rc != LUA_OK) {
    st = thi_seterr(e, TH_ERROR, "internal error reading the schema: %s",
                    lua_tostring(L, -1));
    lua_settop(L, 0);
    return st;
  }
  const char *t = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
  for (size_t i = 0; t && i < sizeof field_types / sizeof field_types[0]; i++)
    if (strcmp(t, field_types[i]) == 0)
      *type = field_types[i];
  if (*type != NULL)
    st = TH_OK;
  else if (t != NULL)
    st = thi_seterr(e, TH_ERROR, "'%s' has a type this engine does not know (%s)",
                    path, t);
  else
    st = thi_seterr(e, TH_MISUSE, "'%s' is not a field of the case schema%s", path,
                    lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "");
  lua_settop(L, 0);
  return st;
}

int th_engine_field_type(th_engine *e, const char *path, const char **type) {
  if (type)
    *type = NULL;
  if (e == NULL || thi_enter(e) != TH_OK)
    return TH_MISUSE;        /* in use by another thread: see thi_enter */
  int st;
  THI_GUARDED(e, st, field_type_locked(e, path, type));
  thi_leave(e);
  return st;
}
