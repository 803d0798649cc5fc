/*
** decide.c -- a practitioner's decision on a case's latest evaluation,
** recorded in the decision log and in the decisions the reports count:
** agreeing with the suggestion, or an override of one of two types (what
** the local policy directs, or the practitioner's discretion, which
** another person approves), always with who decided and why.
*/
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* The latest evaluation of a case: what a decision is made on. */
typedef struct evaluation {
  long long id, seq;
  char *local_level, *pathway, *ruleset;
} evaluation;

static void evaluation_free(evaluation *v) {
  free(v->local_level);
  free(v->pathway);
  free(v->ruleset);
}

static int latest(th_store *s, const char *case_id, evaluation *v) {
  sqlite3_stmt *st = NULL;
  memset(v, 0, sizeof *v);
  if (sqlite3_prepare_v2(s->db, "SELECT id, log_seq, local_level, pathway, ruleset_hash"
                         " FROM evaluations WHERE case_id = ? ORDER BY id DESC LIMIT 1",
                         -1, &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "decide");
  sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    sqlite3_finalize(st);
    return rc == SQLITE_DONE
        ? ths_err(s, TH_MISUSE, "decide: case %s has no evaluation to decide on "
                  "(run threshold db eval first)", case_id)
        : ths_dberr(s, "decide");
  }
  v->id = sqlite3_column_int64(st, 0);
  v->seq = sqlite3_column_int64(st, 1);
  const char *lv = (const char *)sqlite3_column_text(st, 2);
  const char *pw = (const char *)sqlite3_column_text(st, 3);
  const char *rs = (const char *)sqlite3_column_text(st, 4);
  v->local_level = lv ? strdup(lv) : NULL;
  v->pathway = pw ? strdup(pw) : NULL;
  v->ruleset = strdup(rs ? rs : "");
  sqlite3_finalize(st);
  if ((lv && !v->local_level) || (pw && !v->pathway) || !v->ruleset) {
    evaluation_free(v);
    return ths_err(s, TH_NOMEM, "out of memory");
  }
  if (v->pathway == NULL || v->local_level == NULL) {
    evaluation_free(v);
    return ths_err(s, TH_MISUSE, "decide: the latest evaluation of case %s has "
                   "no suggestion (the case was invalid or its evaluation failed); "
                   "correct the case and evaluate it again", case_id);
  }
  return TH_OK;
}

/* Is level a pathway, or a local level this rule set has suggested? */
static int known_level(th_store *s, const char *ruleset, const char *level) {
  static const char *const pathways[] = {"universal", "early_help", "child_in_need",
                                         "child_protection"};
  for (size_t i = 0; i < sizeof pathways / sizeof pathways[0]; i++)
    if (strcmp(level, pathways[i]) == 0)
      return 1;
  sqlite3_stmt *st = NULL;
  int known = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM evaluations WHERE ruleset_hash = ?"
                         " AND local_level = ? LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, ruleset, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, level, -1, SQLITE_STATIC);
    known = sqlite3_step(st) == SQLITE_ROW;
  }
  sqlite3_finalize(st);
  return known;
}

/* What a decision must say, before anything is read or written. */
static int check(th_store *s, const char *case_id, const th_decision *d) {
  if (case_id == NULL || ths_blank(case_id) || ths_blank(d->by))
    return ths_err(s, TH_MISUSE, "decide: give the case and who decides (--by)");
  if (d->level == NULL) {
    if (d->type || d->reason || d->approver)
      return ths_err(s, TH_MISUSE, "decide: agreeing takes no type, reason or "
                     "approver (give a level to override)");
    return TH_OK;
  }
  if (ths_blank(d->level))
    return ths_err(s, TH_MISUSE, "decide: the level is blank");
  if (ths_blank(d->reason))
    return ths_err(s, TH_MISUSE, "decide: a decision that differs from the "
                   "suggestion needs a reason");
  if (d->type == NULL || (strcmp(d->type, "policy") != 0 &&
                          strcmp(d->type, "discretionary") != 0))
    return ths_err(s, TH_MISUSE, "decide: an override's type is policy (the local "
                   "policy directs it) or discretionary (--type)");
  int discretionary = strcmp(d->type, "discretionary") == 0;
  if (discretionary && ths_blank(d->approver))
    return ths_err(s, TH_MISUSE, "decide: a discretionary override needs who "
                   "approved it (--approver)");
  if (d->approver && (ths_blank(d->approver) || strcmp(d->approver, d->by) == 0))
    return ths_err(s, TH_MISUSE, "decide: an override is approved by someone other "
                   "than who decides");
  return TH_OK;
}

static int record(th_store *s, const char *case_id, const th_decision *d,
                  const evaluation *v, json_t *body, long long *seq) {
  int rc = ths_log(s, "decision", case_id, body, seq);
  sqlite3_stmt *st = NULL;
  if (rc != TH_OK)
    return rc;
  if (sqlite3_prepare_v2(s->db, "INSERT INTO decisions(evaluation_id, case_id, agree,"
                         " level, reason, decided_by, decided_at, log_seq, type, approver)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "recording a decision");
  sqlite3_bind_int64(st, 1, v->id);
  sqlite3_bind_text(st, 2, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 3, d->level == NULL);
  sqlite3_bind_text(st, 4, d->level ? d->level : v->local_level, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, d->reason, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 6, d->by, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 7, json_string_value(json_object_get(body, "at")), -1,
                    SQLITE_STATIC);
  sqlite3_bind_int64(st, 8, *seq);
  sqlite3_bind_text(st, 9, d->level ? d->type : "agree", -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 10, d->approver, -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = ths_dberr(s, "recording a decision");
  sqlite3_finalize(st);
  return rc;
}

int th_store_decide(th_store *s, const char *case_id, const th_decision *d,
                    const char *at, char **entry) {
  if (entry)
    *entry = NULL;
  if (s == NULL || d == NULL || at == NULL || entry == NULL)
    return s ? ths_err(s, TH_MISUSE, "decide: bad arguments") : TH_MISUSE;
  int rc = check(s, case_id, d);
  evaluation v;
  if (rc != TH_OK || (rc = latest(s, case_id, &v)) != TH_OK)
    return rc;
  if (d->level && !known_level(s, v.ruleset, d->level)) {
    evaluation_free(&v);
    return ths_err(s, TH_MISUSE, "decide: unknown level '%s' (a pathway: "
                   "universal, early_help, child_in_need, child_protection, "
                   "or a local level of the rule set)", d->level);
  }
  json_t *body = json_pack("{s:s, s:s, s:I, s:b, s:s, s:s, s:s, s:s, s:s}",
                           "kind", "decision", "case", case_id,
                           "evaluation_seq", (json_int_t)v.seq, "agree", d->level == NULL,
                           "suggested", v.local_level,
                           "level", d->level ? d->level : v.local_level,
                           "type", d->level ? d->type : "agree", "by", d->by, "at", at);
  if (body && d->reason)
    json_object_set_new(body, "reason", json_string(d->reason));
  if (body && d->approver)
    json_object_set_new(body, "approver", json_string(d->approver));
  long long seq = 0;
  rc = body ? ths_exec(s, "BEGIN IMMEDIATE") : ths_err(s, TH_NOMEM, "out of memory");
  if (rc == TH_OK)
    rc = record(s, case_id, d, &v, body, &seq);
  rc = rc == TH_OK ? ths_exec(s, "COMMIT") : rc;
  evaluation_free(&v);
  if (rc != TH_OK) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    json_decref(body);
    return rc;
  }
  json_object_set_new(body, "seq", json_integer(seq));
  return ths_give(s, body, entry);
}
