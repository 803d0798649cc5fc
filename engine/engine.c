/*
** engine.c -- th_engine lifecycle, limits, error messages and versions.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char nomem_text[] = "out of memory";

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

const char *th_errstr(int status) {
  switch (status) {
  case TH_OK: return "not an error";
  case TH_ERROR: return "error";
  case TH_NOMEM: return nomem_text;
  case TH_IO: return "input/output error";
  case TH_JSON: return "malformed JSON";
  case TH_SYNTAX: return "syntax error in a rule file";
  case TH_RUNTIME: return "error while loading a rule file";
  case TH_LIMIT: return "limit exceeded";
  case TH_DB: return "case store error";
  case TH_MISUSE: return "library misuse";
  case TH_RULES: return "inconsistent rule set";
  default: return "unknown status";
  }
}

char *thi_strndup(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

char *thi_strdup(const char *s) { return thi_strndup(s, strlen(s)); }

/* Replace e's message; returns status so callers can `return thi_seterr()`. */
int thi_seterr(th_engine *e, int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  free(e->errmsg);
  e->errmsg = NULL;
  if (n >= 0 && (e->errmsg = malloc((size_t)n + 1)) != NULL) {
    va_start(ap, fmt);
    vsnprintf(e->errmsg, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  return status;
}

const char *th_errmsg(const th_engine *e) {
  if (e == NULL)
    return nomem_text;
  return e->errmsg ? e->errmsg : "";
}

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
  atomic_init(&e->eval_gen, 0);
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
  thi_deadline_shutdown(e);
  thi_sandbox_close(e);
  thi_sources_clear(&e->sources);
  free(e->set_dir);
  free(e->rs_id);
  free(e->rs_version);
  free(e->errmsg);
  free(e);
}

static long long limit_locked(th_engine *e, int which, long long v);

/*
** One engine serves one thread at a time. The flag is taken at the start of
** every public call that reads or changes the engine and let go only when
** the call's last write is done (a result built, a message set), so a
** second thread is refused every time, not only when it happens to arrive
** while Lua runs. A refused call changes nothing, not even th_errmsg.
*/
int thi_enter(th_engine *e) {
  int was = atomic_exchange_explicit(&e->busy, 1, memory_order_acquire);
  return was ? TH_MISUSE : TH_OK;
}

void thi_leave(th_engine *e) {
  atomic_store_explicit(&e->busy, 0, memory_order_release);
}

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
    thi_forget_opts(e);
    return TH_OK;
  }
  if (!valid_date(date))
    return thi_seterr(e, TH_MISUSE, "not a calendar date (YYYY-MM-DD): %.40s",
                      date);
  memcpy(e->default_date, date, 11);
  thi_forget_opts(e);             /* it holds the date */
  return TH_OK;
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
