/*
** threshold_sqlite.c -- a SQLite loadable extension: the engine as SQL
** functions.
**
**   .load threshold            (build/sqlite/threshold.so)
**   SELECT threshold_eval(doc [, set])     -- the result document, JSON text
**   SELECT threshold_pathway(doc [, set])  -- 'universal' ... 'child_protection',
**                                             NULL for an invalid case
**
** set is a rule set name (found through THRESHOLD_RULES_PATH, then the
** installed rules) or folder; the default is core. Each connection keeps
** one engine per set it has used, loaded on first use. Malformed JSON, an
** oversized case or an unknown set is an SQL error with the library's
** message. A case without assessed_on is evaluated as of the current date
** (SQLite's date('now')), as the command does, and its result says so.
*/
#include <stdlib.h>
#include <string.h>

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "threshold.h"
#include "../pathway_name.h"

#define MAX_SETS 16

/* The engines of one connection, by set name. */
typedef struct engines {
  int n;
  char *name[MAX_SETS];
  th_engine *engine[MAX_SETS];
} engines;

static void engines_free(void *p) {
  engines *c = p;
  for (int i = 0; i < c->n; i++) {
    th_engine_free(c->engine[i]);
    sqlite3_free(c->name[i]);
  }
  sqlite3_free(c);
}

/* Today's date from SQLite itself (the library never reads the clock). */
static void set_today(sqlite3_context *ctx, th_engine *e) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT date('now')", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    th_engine_set_default_date(e, (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
}

/* The engine for a set, loaded on first use; NULL with the error set. */
static th_engine *engine_for(sqlite3_context *ctx, const char *set) {
  engines *c = sqlite3_user_data(ctx);
  for (int i = 0; i < c->n; i++)
    if (strcmp(c->name[i], set) == 0) {
      set_today(ctx, c->engine[i]);
      return c->engine[i];
    }
  if (c->n == MAX_SETS) {
    sqlite3_result_error(ctx, "threshold: more than 16 rule sets on one connection", -1);
    return NULL;
  }
  th_engine *e = NULL;
  int st = th_engine_new(&e, 0);
  if (st == TH_OK)
    st = th_engine_load(e, set);
  if (st != TH_OK) {
    char *msg = sqlite3_mprintf("threshold: rule set %s: %s", set, th_errmsg(e));
    sqlite3_result_error(ctx, msg ? msg : "threshold: no memory", -1);
    sqlite3_free(msg);
    th_engine_free(e);
    return NULL;
  }
  char *name = sqlite3_mprintf("%s", set);
  if (name == NULL) {
    th_engine_free(e);
    sqlite3_result_error_nomem(ctx);
    return NULL;
  }
  c->name[c->n] = name;
  c->engine[c->n++] = e;
  set_today(ctx, e);
  return e;
}

/* Evaluate argv[0] with the set argv[1] (default core); NULL when the
** SQL result is already set (an error, or a NULL case gives NULL). */
static th_result *evaluate(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                           unsigned flags) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return NULL;
  }
  const char *set = "core";
  if (argc > 1) {
    set = (const char *)sqlite3_value_text(argv[1]);
    if (set == NULL) {
      sqlite3_result_error(ctx, "threshold: the rule set name is NULL", -1);
      return NULL;
    }
  }
  th_engine *e = engine_for(ctx, set);
  if (e == NULL)
    return NULL;
  const char *doc = (const char *)sqlite3_value_text(argv[0]);
  int len = sqlite3_value_bytes(argv[0]);
  th_result *r = NULL;
  int st = doc ? th_eval(e, doc, (size_t)len, flags, &r) : TH_NOMEM;
  if (st != TH_OK) {
    char *msg = sqlite3_mprintf("threshold: %s: %s", th_errstr(st), th_errmsg(e));
    sqlite3_result_error(ctx, msg ? msg : "threshold: no memory", -1);
    sqlite3_free(msg);
    return NULL;
  }
  return r;
}

static void fn_eval(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  th_result *r = evaluate(ctx, argc, argv, 0);
  if (r) {
    sqlite3_result_text(ctx, th_result_json(r), -1, SQLITE_TRANSIENT);
    th_result_free(r);
  }
}

static void fn_pathway(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  th_result *r = evaluate(ctx, argc, argv, TH_EVAL_SUMMARY);
  if (r) {
    const char *name = ext_pathway_name(th_result_pathway(r));
    if (name)
      sqlite3_result_text(ctx, name, -1, SQLITE_STATIC);
    else
      sqlite3_result_null(ctx);
    th_result_free(r);
  }
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_threshold_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

__attribute__((visibility("default")))
int sqlite3_threshold_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  (void)err;
  engines *c = sqlite3_malloc(sizeof *c);
  if (c == NULL)
    return SQLITE_NOMEM;
  memset(c, 0, sizeof *c);
  /* Not SQLITE_DETERMINISTIC: a case without a date depends on today. */
  static const struct { const char *name; int nargs; void (*fn)(sqlite3_context *, int, sqlite3_value **); } fns[] = {
    {"threshold_eval", 1, fn_eval}, {"threshold_eval", 2, fn_eval},
    {"threshold_pathway", 1, fn_pathway}, {"threshold_pathway", 2, fn_pathway},
  };
  int rc = SQLITE_OK;
  for (size_t i = 0; rc == SQLITE_OK && i < sizeof fns / sizeof fns[0]; i++)
    rc = sqlite3_create_function_v2(db, fns[i].name, fns[i].nargs,
                                    SQLITE_UTF8 | SQLITE_DIRECTONLY, c, fns[i].fn,
                                    NULL, NULL, i == 0 ? engines_free : NULL);
  if (rc != SQLITE_OK && !fns[0].name)
    engines_free(c);
  return rc;
}
