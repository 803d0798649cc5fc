/*
** util.c -- the leaf every engine file may use and that uses none of them:
** the one-thread guard over a public call, the engine's error message, and
** string and path helpers. It knows the engine struct only for its message
** and busy flag; it calls neither Lua nor another engine file.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char nomem_text[] = "out of memory";

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

char *thi_path_join(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *p = malloc(la + lb + 2);
  if (p) {
    memcpy(p, a, la);
    p[la] = '/';
    memcpy(p + la + 1, b, lb + 1);
  }
  return p;
}
