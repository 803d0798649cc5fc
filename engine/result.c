/*
** result.c -- th_result: the outcome of one evaluation, as JSON (keys
** sorted, so the same case and rule set always give the same bytes) and,
** on demand, as text for a practitioner (text.c).
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <lauxlib.h>

#include "internal.h"
#include "result.h"

static const char *const pathway_names[] = {"universal", "early_help", "child_in_need",
                                            "child_protection"};

static int pathway_of(const char *p) {
  for (int i = 0; p && i < 4; i++)
    if (strcmp(p, pathway_names[i]) == 0)
      return i;
  return TH_NO_PATHWAY;
}

static int status_of(const char *status) {
  return status == NULL || strcmp(status, "invalid") == 0 ? TH_RESULT_INVALID
         : strcmp(status, "valid") == 0                   ? TH_RESULT_VALID
         : strcmp(status, "complete") == 0                ? TH_RESULT_COMPLETE
         : strcmp(status, "open") == 0                    ? TH_RESULT_OPEN
                                                          : TH_RESULT_INCOMPLETE;
}

/* r->rules: the n names (NULL for none), the case id and the local level,
** in one block. */
static int keep_names(th_result *r, const char *const *names, int n, const char *case_id,
                      const char *local_level) {
  size_t bytes = (size_t)n * sizeof(char *);
  for (int i = 0; i < n; i++)
    bytes += names[i] ? strlen(names[i]) + 1 : 0;
  bytes += case_id ? strlen(case_id) + 1 : 0;
  bytes += local_level ? strlen(local_level) + 1 : 0;
  char **block = malloc(bytes ? bytes : 1);
  if (block == NULL)
    return 0;
  char *at = (char *)(block + n);
  for (int i = 0; i < n; i++) {
    block[i] = NULL;
    if (names[i]) {
      block[i] = strcpy(at, names[i]);
      at += strlen(names[i]) + 1;
    }
  }
  r->case_id = case_id ? strcpy(at, case_id) : NULL;
  at += case_id ? strlen(case_id) + 1 : 0;
  r->local_level = local_level ? strcpy(at, local_level) : NULL;
  r->rules = block;
  r->nfindings = n;
  return 1;
}

/* Take ownership of root and make a result of it: its fields, and its
** text (sorted keys: the same case and rule set give the same bytes). */
static int make_result(th_engine *e, json_t *root, unsigned flags, th_result **out) {
  th_result *r = calloc(1, sizeof *r);
  json_t *findings = json_object_get(root, "findings");
  int n = (int)json_array_size(findings);
  const char **names = calloc((size_t)n + 1, sizeof *names);
  if (r == NULL || names == NULL) {
    free(r);
    free(names);
    json_decref(root);
    return thi_seterr(e, TH_NOMEM, "out of memory");
  }
  r->summary = (flags & TH_EVAL_SUMMARY) != 0;
  r->status = status_of(json_string_value(json_object_get(root, "status")));
  json_t *sugg = json_object_get(root, "suggestion");
  r->pathway = pathway_of(json_string_value(json_object_get(sugg, "pathway")));
  json_t *rank = json_object_get(sugg, "rank");
  r->rank = json_is_integer(rank) ? (int)json_integer_value(rank) : -1;
  r->nerrors = (int)json_array_size(json_object_get(root, "errors"));
  for (int i = 0; i < n; i++)
    names[i] = json_string_value(json_object_get(json_array_get(findings, (size_t)i), "rule"));
  int kept = keep_names(r, names, n, json_string_value(json_object_get(root, "case")),
                        json_string_value(json_object_get(sugg, "local_level")));
  free(names);
  if (kept && !r->summary)
    r->json = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
  json_decref(root);
  if (!kept || (!r->summary && r->json == NULL)) {
    th_result_free(r);
    return thi_seterr(e, TH_NOMEM, "out of memory");
  }
  *out = r;
  return TH_OK;
}

/* The string at key of the table at idx (raw), or NULL; pushes nothing. */
static const char *raw_string(lua_State *L, int idx, const char *key) {
  idx = lua_absindex(L, idx);
  lua_pushstring(L, key);
  const char *s = lua_rawget(L, idx) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  lua_pop(L, 1);         /* the table still holds the string */
  return s;
}

/* The string at i of the list at idx, or NULL; pushes nothing. */
static const char *list_string(lua_State *L, int idx, int i) {
  const char *s = lua_rawgeti(L, idx, i) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  lua_pop(L, 1);         /* the list still holds the string */
  return s;
}

/* The integer at i of the list at idx, or dflt. */
static int list_int(lua_State *L, int idx, int i, int dflt) {
  int v = lua_rawgeti(L, idx, i) == LUA_TNUMBER && lua_isinteger(L, -1)
        ? (int)lua_tointeger(L, -1) : dflt;
  lua_pop(L, 1);
  return v;
}

/* A summary (TH_EVAL_SUMMARY): the list at idx the prelude gives instead
** of a result -- status, pathway, rank, local level, case id, error count,
** then each finding's rule (the prelude's summary_of). */
static int summary_from_lua(th_engine *e, int idx, th_result **out) {
  lua_State *L = e->L;
  th_result *r = calloc(1, sizeof *r);
  int n = (int)lua_rawlen(L, idx) - 6;
  const char *stack[32];
  const char **names = n <= 32 ? stack : malloc((size_t)n * sizeof *names);
  int ok = r != NULL && names != NULL;
  if (ok) {
    r->summary = 1;
    r->status = status_of(list_string(L, idx, 1));
    r->pathway = pathway_of(list_string(L, idx, 2));
    r->rank = list_int(L, idx, 3, -1);
    r->nerrors = list_int(L, idx, 6, 0);
    for (int i = 0; i < n; i++)
      names[i] = list_string(L, idx, 7 + i);
    ok = keep_names(r, names, n > 0 ? n : 0, list_string(L, idx, 5), list_string(L, idx, 4));
  }
  if (names != stack)
    free(names);
  if (!ok) {
    th_result_free(r);
    return thi_seterr(e, TH_NOMEM, "out of memory");
  }
  *out = r;
  return TH_OK;
}

/* The result table at idx: its JSON text, and the fields the accessors
** give, read from the table; the document is parsed only if asked for.
** With TH_EVAL_SUMMARY, the summary list there instead. */
int thi_result_from_lua(th_engine *e, int idx, unsigned flags, th_result **out) {
  lua_State *L = e->L;
  idx = lua_absindex(L, idx);
  if (flags & TH_EVAL_SUMMARY)
    return summary_from_lua(e, idx, out);
  th_result *r = calloc(1, sizeof *r);
  size_t len = 0;
  if (r == NULL || !lua_checkstack(L, 4) || (r->json = thi_lua_to_text(e, idx, &len)) == NULL) {
    free(r);
    if (len == (size_t)-1)
      return thi_seterr(e, TH_LIMIT, "the result is larger than the memory limit of "
                        "%lld bytes per evaluation (a rule gave a value too large to report)",
                        e->limits[TH_LIMIT_EVAL_MEMORY]);
    return thi_seterr(e, TH_NOMEM, "out of memory");
  }
  r->status = status_of(raw_string(L, idx, "status"));
  r->rank = -1;
  r->pathway = TH_NO_PATHWAY;
  const char *local_level = NULL;    /* held by the suggestion, which idx holds */
  if (lua_getfield(L, idx, "suggestion") == LUA_TTABLE) {
    r->pathway = pathway_of(raw_string(L, -1, "pathway"));
    local_level = raw_string(L, -1, "local_level");
    lua_pushstring(L, "rank");
    if (lua_rawget(L, -2) == LUA_TNUMBER && lua_isinteger(L, -1))
      r->rank = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  lua_getfield(L, idx, "errors");
  r->nerrors = lua_istable(L, -1) ? (int)lua_rawlen(L, -1) : 0;
  lua_pop(L, 1);
  int n = 0, ok;
  if (lua_getfield(L, idx, "findings") == LUA_TTABLE)
    n = (int)lua_rawlen(L, -1);
  const char **names = calloc((size_t)n + 1, sizeof *names);
  if (names != NULL) {
    for (int i = 0; i < n; i++) {
      if (lua_rawgeti(L, -1, i + 1) == LUA_TTABLE)
        names[i] = raw_string(L, -1, "rule");
      lua_pop(L, 1);
    }
  }
  ok = names != NULL && keep_names(r, names, n, raw_string(L, idx, "case"), local_level);
  lua_pop(L, 1);
  free(names);
  if (!ok) {
    th_result_free(r);
    return thi_seterr(e, TH_NOMEM, "out of memory");
  }
  *out = r;
  return TH_OK;
}

/* The result of an evaluation stopped by a limit: no suggestion at all. */
int thi_result_tripped(th_engine *e, json_t *c, const char *rule,
                       const char *where, unsigned flags, th_result **out) {
  int why = atomic_load(&e->trip);
  char msg[256];
  if (why == THI_TRIP_TIME)
    snprintf(msg, sizeof msg, "evaluation stopped: the time limit of %lld ms "
             "was reached", e->limits[TH_LIMIT_DEADLINE_MS]);
  else
    snprintf(msg, sizeof msg, "evaluation stopped: the memory limit of %lld "
             "bytes per evaluation was reached",
             e->limits[TH_LIMIT_EVAL_MEMORY]);
  json_t *id = json_object_get(c, "id"), *on = json_object_get(c, "assessed_on");
  json_t *root = json_pack(
      "{s:O?, s:O?, s:{s:s, s:s, s:s}, s:s, s:s, s:n, s:[], s:[], s:[], s:[], "
      "s:[{s:s?, s:s, s:s?, s:s}], s:[], s:s}",
      "case", json_is_string(id) ? id : NULL,
      "assessed_on", json_is_string(on) ? on : NULL,
      "ruleset", "id", e->rs_id, "version", e->rs_version, "hash", e->rs_hash,
      "engine", "threshold " TH_VERSION_STRING, "status", "incomplete",
      "suggestion", "findings", "flags", "undetermined", "warnings",
      "errors", "rule", rule, "kind", "limit", "source", where,
      "message", msg, "actions",
      "notice", "No suggestion could be made: the evaluation was stopped. "
                "Use professional judgement and report the rule named here.");
  if (root == NULL)
    return thi_seterr(e, TH_NOMEM, "out of memory");
  return make_result(e, root, flags, out);
}

const char *th_result_json(const th_result *r) {
  return r ? r->json : NULL;         /* NULL for a summary */
}

const char *th_result_case_id(const th_result *r) {
  return r ? r->case_id : NULL;
}

int th_result_rank(const th_result *r) {
  return r ? r->rank : -1;
}

int th_result_finding_count(const th_result *r) {
  return r ? r->nfindings : 0;
}

const char *th_result_finding_rule(const th_result *r, int i) {
  if (r == NULL || i < 0 || i >= r->nfindings)
    return NULL;
  return r->rules[i];
}
const char *th_pathway_name(int pathway) {
  return pathway >= 0 && pathway < 4 ? pathway_names[pathway] : NULL;
}

const char *th_result_local_level(const th_result *r) {
  return r ? r->local_level : NULL;
}

int th_result_pathway(const th_result *r) {
  return r ? r->pathway : TH_NO_PATHWAY;
}
int th_result_status(const th_result *r) {
  return r ? r->status : TH_RESULT_INVALID;
}
int th_result_error_count(const th_result *r) { return r ? r->nerrors : 0; }

/* Rendered from a document parsed from the text, on first use; published
** with a compare-and-swap, so concurrent readers are safe (result.h). */
const char *th_result_text(const th_result *r) {
  if (r == NULL || r->summary)
    return NULL;
  th_result *m = (th_result *)(uintptr_t)r;   /* only the atomic field */
  char *text = atomic_load_explicit(&m->text, memory_order_acquire);
  if (text != NULL)
    return text;
  json_t *doc = json_loads(r->json, 0, NULL);
  char *mine = doc ? thi_render_text(doc) : NULL;
  json_decref(doc);
  if (mine == NULL)
    return NULL;                                /* no memory: try again later */
  if (atomic_compare_exchange_strong_explicit(&m->text, &text, mine,
                                              memory_order_acq_rel,
                                              memory_order_acquire))
    return mine;
  free(mine);                                   /* another thread's won */
  return text;
}

void th_result_free(th_result *r) {
  if (r == NULL)
    return;
  free(r->json);
  free(atomic_load_explicit(&r->text, memory_order_relaxed));
  thi_result_detail_free(atomic_load_explicit(&r->detail, memory_order_relaxed));
  free(r->rules);
  free(r);
}
