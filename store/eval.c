/*
** eval.c -- evaluating the stored caseload into the decision log: batch
** evaluation in bounded transactions, and replaying logged evaluations with
** the rule-set sources stored beside them.
*/
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* A list of strings read with one query (first column). */
typedef struct strlist {
  char **v;
  size_t n, cap;
} strlist;

static void strlist_free(strlist *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->v[i]);
  free(l->v);
}

static int strlist_query(th_store *s, const char *sql, const char *bind,
                         strlist *out) {
  sqlite3_stmt *st = NULL;
  memset(out, 0, sizeof *out);
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "store");
  if (bind)
    sqlite3_bind_text(st, 1, bind, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (out->n == out->cap) {
      size_t cap = out->cap ? out->cap * 2 : 1024;
      char **v = realloc(out->v, cap * sizeof *v);
      if (v == NULL)
        break;
      out->v = v;
      out->cap = cap;
    }
    char *x = strdup((const char *)sqlite3_column_text(st, 0));
    if (x == NULL)
      break;
    out->v[out->n++] = x;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) {
    strlist_free(out);
    return rc == SQLITE_ROW ? ths_err(s, TH_NOMEM, "out of memory")
                            : ths_dberr(s, "store");
  }
  return TH_OK;
}

/* The current document and hash of a case. Caller frees *doc. */
static int case_doc(th_store *s, const char *id, char **doc, char hash[65]) {
  sqlite3_stmt *st = ths_stmt(s, THS_STMT_CASE_DOC);
  *doc = NULL;
  if (st == NULL)
    return TH_DB;
  sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW) {
    *doc = strdup((const char *)sqlite3_column_text(st, 0));
    snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(st, 1));
  }
  sqlite3_reset(st);
  return *doc ? TH_OK : ths_err(s, TH_DB, "case %s vanished", id);
}

/*
** Stored results are brief (no why_not): no report reads it, and it is most
** of a result's size; it can be had again by evaluating the case. The log
** entry says so, and replay evaluates the same way.
*/
#define STORE_EVAL_FLAGS TH_EVAL_BRIEF

/* A result status as results name it. */
static const char *status_name(int status) {
  static const char *const names[] = {"complete", "incomplete", "invalid", "valid", "open"};
  return status >= 0 && status < 5 ? names[status] : NULL;
}

/* Evaluate one case and record the evaluation and its log entry. */
static int eval_one(th_store *s, th_engine *e, long long run, const char *id,
                    const char *at, json_t *counts) {
  char *doc = NULL, chash[65];
  int st = case_doc(s, id, &doc, chash);
  if (st != TH_OK)
    return st;
  th_result *r = NULL;
  int est = th_eval(e, doc, strlen(doc), STORE_EVAL_FLAGS, &r);
  free(doc);
  /* The row's fields and its text come from one result: a result that
  ** cannot be printed is recorded as that error. */
  const char *text = est == TH_OK ? th_result_json(r) : NULL;
  const char *why = est == TH_OK ? NULL : th_errmsg(e);
  if (est == TH_OK && text == NULL) {
    est = TH_NOMEM;
    why = "out of memory";
  }
  json_t *res = est == TH_OK ? NULL
                             : json_pack("{s:s, s:s}", "status", "error", "message", why);
  char *owned = text ? NULL : ths_canonical(res);
  text = text ? text : owned;
  char rhash[65];
  const char *status = est == TH_OK ? status_name(th_result_status(r)) : "error";
  const char *pathway = est == TH_OK ? th_pathway_name(th_result_pathway(r)) : NULL;
  const char *level = est == TH_OK ? th_result_local_level(r) : NULL;
  json_t *body = NULL;
  if (text && ths_sha256_hex(text, strlen(text), rhash))
    body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:I, s:s}",
                     "kind", "evaluation", "case", id, "case_hash", chash,
                     "ruleset", th_engine_ruleset_hash(e), "engine",
                     s->engine, "pathway", pathway,
                     "local_level", level, "status", status ? status : "error",
                     "run", (json_int_t)run, "result_sha256", rhash);
  if (body) {
    json_object_set_new(body, "at", json_string(at));
    json_object_set_new(body, "brief", json_true());
  }
  long long seq = 0;
  st = body ? ths_log(s, "evaluation", id, body, &seq)
            : ths_err(s, TH_NOMEM, "out of memory");
  sqlite3_stmt *ins = st == TH_OK ? ths_stmt(s, THS_STMT_EVALUATION) : NULL;
  if (ins != NULL) {
    sqlite3_bind_int64(ins, 1, run);
    sqlite3_bind_text(ins, 2, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, chash, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 4, th_engine_ruleset_hash(e), -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 5, status ? status : "error", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 6, pathway, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 7, level, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 8, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 9, seq);
    if (sqlite3_step(ins) != SQLITE_DONE)
      st = ths_dberr(s, "recording an evaluation");
    sqlite3_reset(ins);
  } else if (st == TH_OK) {
    st = TH_DB;                            /* message already set */
  }
  const char *key = status ? status : "error";
  json_object_set_new(counts, key, json_integer(json_integer_value(json_object_get(counts, key)) + 1));
  json_decref(body);
  json_decref(res);
  free(owned);
  th_result_free(r);
  return st;
}

static long long new_run(th_store *s, th_engine *e, const char *at, int changed) {
  sqlite3_stmt *st = NULL;
  long long run = -1;
  if (sqlite3_prepare_v2(s->db, "INSERT INTO runs(ruleset_hash, engine, started_at,"
                         " changed_only) VALUES (?,?,?,?)", -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, th_engine_ruleset_hash(e), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, s->engine, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, changed);
    if (sqlite3_step(st) == SQLITE_DONE)
      run = sqlite3_last_insert_rowid(s->db);
  }
  sqlite3_finalize(st);
  return run;
}

int th_store_eval(th_store *s, th_engine *e, unsigned flags, const char *at,
                  th_progress_fn *progress, void *ud, char **summary) {
  if (summary)
    *summary = NULL;
  if (s == NULL || e == NULL || at == NULL || summary == NULL ||
      th_engine_ruleset_hash(e) == NULL)
    return s ? ths_err(s, TH_MISUSE, "eval: bad arguments or no rule set") : TH_MISUSE;
  int changed = (flags & TH_STORE_CHANGED_ONLY) != 0;
  strlist ids;
  int st = strlist_query(s, changed
      ? "SELECT id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM evaluations v"
        " WHERE v.case_id = c.id AND v.case_hash = c.hash AND v.ruleset_hash = ?1)"
        " ORDER BY id"
      : "SELECT id FROM cases WHERE ?1 IS NOT NULL ORDER BY id",
      th_engine_ruleset_hash(e), &ids);
  if (st != TH_OK)
    return st;
  json_t *counts = json_object();
  size_t done = 0;
  long long run = -1;
  /* One transaction per batch; the run is recorded in the first, so a run
     that could not begin (a lock, a full disk) leaves nothing behind. */
  do {
    st = ths_exec(s, "BEGIN IMMEDIATE");
    if (st == TH_OK && run < 0 && (st = ths_save_ruleset(s, e)) == TH_OK &&
        (run = new_run(s, e, at, changed)) < 0)
      st = ths_dberr(s, "starting a run");
    size_t end = done + THS_BATCH < ids.n ? done + THS_BATCH : ids.n;
    for (size_t i = done; st == TH_OK && i < end; i++)
      st = eval_one(s, e, run, ids.v[i], at, counts);
    if (st == TH_OK)
      st = ths_exec(s, "COMMIT");
    if (st != TH_OK)
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    else
      done = end;
    if (progress && ids.n > 0)
      progress(ud, (long long)done, (long long)ids.n);
  } while (st == TH_OK && done < ids.n);
  strlist_free(&ids);
  if (st != TH_OK) {
    json_decref(counts);
    return st;
  }
  json_t *sum = json_pack("{s:I, s:s, s:s, s:I, s:b, s:o}", "run", (json_int_t)run,
                          "ruleset", th_engine_ruleset_id(e),
                          "ruleset_hash", th_engine_ruleset_hash(e),
                          "evaluated", (json_int_t)done, "changed_only", changed,
                          "by_status", counts);
  return ths_give(s, sum, summary);
}

/* ---- replay -------------------------------------------------------------- */

int th_store_replay(th_store *s, th_progress_fn *progress, void *ud, char **report) {
  if (report)
    *report = NULL;
  if (s == NULL || report == NULL)
    return TH_MISUSE;
  sqlite3_stmt *st = NULL;
  long long total = 0, n = 0, same = 0;
  int ok;
  sqlite3_stmt *cnt = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM log WHERE kind = 'evaluation'", -1,
                         &cnt, NULL) == SQLITE_OK && sqlite3_step(cnt) == SQLITE_ROW)
    total = sqlite3_column_int64(cnt, 0);
  sqlite3_finalize(cnt);
  if (sqlite3_prepare_v2(s->db, "SELECT l.seq, l.body, d.doc FROM log l JOIN case_docs d"
                         " ON d.hash = json_extract(l.body, '$.case_hash')"
                         " WHERE l.kind = 'evaluation' ORDER BY json_extract(l.body, '$.ruleset'), l.seq",
                         -1, &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "replay");
  json_t *differ = json_array();
  th_engine *e = NULL;
  char loaded[65] = "";
  int rc = TH_OK;
  while (rc == TH_OK && sqlite3_step(st) == SQLITE_ROW) {
    long long seq = sqlite3_column_int64(st, 0);
    json_t *body = json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL);
    const char *doc = (const char *)sqlite3_column_text(st, 2);
    const char *rs = json_string_value(json_object_get(body, "ruleset"));
    const char *want = json_string_value(json_object_get(body, "result_sha256"));
    if (rs && strcmp(rs, loaded) != 0) {
      th_engine_free(e);
      rc = ths_engine_for(s, rs, &e);
      snprintf(loaded, sizeof loaded, "%s", rs);
    }
    if (rc == TH_OK && e && doc && want) {
      th_result *r = NULL;
      char got[65] = "";
      unsigned flags = json_is_true(json_object_get(body, "brief")) ? TH_EVAL_BRIEF : 0;
      if (th_eval(e, doc, strlen(doc), flags, &r) == TH_OK)
        ths_sha256_hex(th_result_json(r), strlen(th_result_json(r)), got);
      else {
        json_t *err = json_pack("{s:s, s:s}", "status", "error", "message", th_errmsg(e));
        char *t = ths_canonical(err);
        if (t)
          ths_sha256_hex(t, strlen(t), got);
        free(t);
        json_decref(err);
      }
      th_result_free(r);
      ok = strcmp(got, want) == 0;
      same += ok;
      if (!ok)
        json_array_append_new(differ, json_pack("{s:I, s:O, s:O}", "entry", (json_int_t)seq,
                              "case", json_object_get(body, "case"), "ruleset",
                              json_object_get(body, "ruleset")));
    }
    json_decref(body);
    n++;
    if (progress && (n % 500 == 0 || n == total))
      progress(ud, n, total);
  }
  sqlite3_finalize(st);
  th_engine_free(e);
  if (rc != TH_OK) {
    json_decref(differ);
    return rc;
  }
  json_t *rep = json_pack("{s:I, s:I, s:o}", "replayed", (json_int_t)n, "same",
                          (json_int_t)same, "different", differ);
  return ths_give(s, rep, report);
}
