/*
** engine.c -- th_engine lifecycle, limits, versions and the loaded set's
** identity: the top of the library, which nothing in it calls back.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Defaults; docs/limits.md explains each. Indexed by enum th_limit. */
static const long long default_limits[10] = {
  1000,                 /* TH_LIMIT_DEADLINE_MS */
  64LL << 20,           /* TH_LIMIT_EVAL_MEMORY */
  512LL << 20,          /* TH_LIMIT_STATE_MEMORY */
  1LL << 20,            /* TH_LIMIT_CASE_BYTES */
  32,                   /* TH_LIMIT_CASE_DEPTH */
  1LL << 20,            /* TH_LIMIT_SOURCE_BYTES */
  10000,                /* TH_LIMIT_LIST_ITEMS */
  65536,                /* TH_LIMIT_STRING_BYTES */
  1000000000000LL,      /* TH_LIMIT_NUMBER_ABS: 10^12 */
  200000000LL           /* TH_LIMIT_LOAD_STEPS: 2,000 times what core needs */
};

int th_version_number(void) { return TH_VERSION_NUMBER; }
const char *th_version(void) { return TH_VERSION_STRING; }

int th_engine_new(th_engine **out, unsigned flags) {
  if (out == NULL)
    return TH_MISUSE;
  *out = NULL;
  if (flags != 0)
    return TH_MISUSE;
  th_engine *e = calloc(1, sizeof *e);
  if (e == NULL)
    return TH_NOMEM;
  memcpy(e->limits, default_limits, sizeof e->limits);
  atomic_init(&e->trip, THI_TRIP_NONE);
  atomic_init(&e->wd.eval_gen, 0);
  int st = thi_sandbox_open(e);
  if (st != TH_OK) {
    th_engine_free(e);
    return st;
  }
  *out = e;
  return TH_OK;
}

void th_engine_free(th_engine *e) {
  if (e == NULL)
    return;
  thi_deadline_shutdown(&e->wd);
  thi_sandbox_close(e);
  thi_sources_clear(&e->sources);
  thi_free_list(e->chain_dirs);
  free(e->set_dir);
  free(e->rs_id);
  free(e->rs_version);
  free(e->errmsg);
  free(e);
}

static long long limit_locked(th_engine *e, int which, long long v);

long long th_engine_limit(th_engine *e, int which, long long v) {
  if (e == NULL || which < 0 || which >= (int)(sizeof e->limits /
                                               sizeof e->limits[0]))
    return -1;
  if (thi_enter(e) != TH_OK)
    return -1;
  long long now = limit_locked(e, which, v);
  thi_leave(e);
  return now;
}

static long long limit_locked(th_engine *e, int which, long long v) {
  if (v >= 0) {
    e->limits[which] = v;
    if (which == TH_LIMIT_STATE_MEMORY && !e->in_eval)
      e->mem_cap = (size_t)v;
  }
  return e->limits[which];
}

void th_free(void *p) { free(p); }

const char *th_engine_ruleset_id(const th_engine *e) {
  return e ? e->rs_id : NULL;
}

const char *th_engine_ruleset_version(const th_engine *e) {
  return e ? e->rs_version : NULL;
}

const char *th_engine_ruleset_hash(const th_engine *e) {
  return e && e->rs_id ? e->rs_hash : NULL;
}
