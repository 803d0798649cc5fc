/*
** threshold_pg.c -- the PostgreSQL extension: the engine as SQL functions.
**
**   CREATE EXTENSION threshold;
**   SELECT threshold_pathway(doc, 'core') FROM cases;   -- text, NULL if invalid
**   SELECT threshold_eval(doc, 'core') FROM cases;      -- the result, jsonb
**
** Each backend (and each parallel worker, which is a backend of its own)
** keeps one engine per rule set it has used, loaded on first use and kept
** for the life of the process: the functions are PARALLEL SAFE. Rule sets
** are found by name through THRESHOLD_RULES_PATH in the server's
** environment, then the installed rules folder. Malformed JSON, an
** oversized case or an unknown set raises an SQL error with the library's
** message. A case without assessed_on is evaluated as of the transaction's
** date, so the functions are STABLE, not IMMUTABLE.
*/
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "access/xact.h"

#include "threshold.h"
#include "../pathway_name.h"

PG_MODULE_MAGIC;

#define MAX_SETS 16

/* This backend's engines, by set name (malloc'ed: they outlive queries). */
static int n_sets;
static char *set_name[MAX_SETS];
static th_engine *set_engine[MAX_SETS];

/* The transaction's date, "YYYY-MM-DD", for cases without assessed_on. */
static void set_today(th_engine *e) {
  struct pg_tm tm;
  fsec_t fsec;
  int tz;
  char date[16];
  if (timestamp2tm(GetCurrentTransactionStartTimestamp(), &tz, &tm, &fsec, NULL,
                   NULL) == 0) {
    snprintf(date, sizeof date, "%04d-%02d-%02d", tm.tm_year, tm.tm_mon, tm.tm_mday);
    th_engine_set_default_date(e, date);
  }
}

static th_engine *engine_for(const char *set) {
  for (int i = 0; i < n_sets; i++)
    if (strcmp(set_name[i], set) == 0)
      return set_engine[i];
  if (n_sets == MAX_SETS)
    ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                    errmsg("threshold: more than %d rule sets in one session", MAX_SETS)));
  th_engine *e = NULL;
  int st = th_engine_new(&e, 0);
  if (st == TH_OK)
    st = th_engine_load(e, set);
  if (st != TH_OK) {
    char *msg = pstrdup(th_errmsg(e));
    th_engine_free(e);
    ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                    errmsg("threshold: rule set %s: %s", set, msg)));
  }
  char *name = strdup(set);
  if (name == NULL) {
    th_engine_free(e);
    ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
  }
  set_name[n_sets] = name;
  set_engine[n_sets++] = e;
  return e;
}

/* Evaluate the case text with the set; raises on a status other than OK. */
static th_result *evaluate(text *doc, text *set, unsigned flags) {
  char *set_s = text_to_cstring(set);
  th_engine *e = engine_for(set_s);
  set_today(e);
  th_result *r = NULL;
  int st = th_eval(e, VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc), flags, &r);
  if (st != TH_OK)
    ereport(ERROR, (errcode(st == TH_LIMIT ? ERRCODE_PROGRAM_LIMIT_EXCEEDED
                            : st == TH_JSON ? ERRCODE_INVALID_TEXT_REPRESENTATION
                            : ERRCODE_DATA_EXCEPTION),
                    errmsg("threshold: %s: %s", th_errstr(st), th_errmsg(e))));
  pfree(set_s);
  return r;
}

PG_FUNCTION_INFO_V1(threshold_eval_text);
Datum threshold_eval_text(PG_FUNCTION_ARGS) {
  th_result *r = evaluate(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1), 0);
  text *out = cstring_to_text(th_result_json(r));
  th_result_free(r);
  PG_RETURN_TEXT_P(out);
}

PG_FUNCTION_INFO_V1(threshold_pathway_text);
Datum threshold_pathway_text(PG_FUNCTION_ARGS) {
  th_result *r = evaluate(PG_GETARG_TEXT_PP(0), PG_GETARG_TEXT_PP(1), TH_EVAL_SUMMARY);
  const char *name = ext_pathway_name(th_result_pathway(r));
  th_result_free(r);
  if (name == NULL)
    PG_RETURN_NULL();
  PG_RETURN_TEXT_P(cstring_to_text(name));
}
