/*
** store_read.c -- reading the store for a viewer: the case list with each
** case's latest evaluation and decision, one case's versions, evaluations
** and decisions, and overrides that wait for an approver.
*/
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "threshold_access.h"

static json_t *text_or_null(sqlite3_stmt *st, int col) {
  const char *t = (const char *)sqlite3_column_text(st, col);
  return t ? json_string(t) : json_null();
}

/* The parts of a stored result a list shows: flags and open questions. */
static void result_summary(json_t *ev, const char *result) {
  json_t *r = result ? json_loads(result, 0, NULL) : NULL;
  json_t *flags = json_array();
  size_t i;
  json_t *f;
  json_array_foreach(json_object_get(r, "flags"), i, f) {
    json_array_append_new(flags, json_pack("{s:O?, s:O?}", "flag", json_object_get(f, "flag"),
                                           "source", json_object_get(f, "source")));
  }
  json_object_set_new(ev, "flags", flags);
  json_object_set_new(ev, "undetermined",
                      json_integer((json_int_t)json_array_size(json_object_get(r, "undetermined"))));
  json_decref(r);
}

int th_store_cases(th_store *s, char **json) {
  if (json)
    *json = NULL;
  if (s == NULL || json == NULL)
    return TH_MISUSE;
  static const char sql[] =
    "SELECT c.id, c.version, c.imported_at, e.status, e.pathway, e.local_level,"
    "  r.id, e.result, d.agree, d.level, d.decided_by, d.decided_at,"
    "  (SELECT count(*) FROM overrides o WHERE o.case_id = c.id AND o.state = 'waiting')"
    " FROM cases c"
    " LEFT JOIN evaluations e ON e.id = (SELECT max(id) FROM evaluations WHERE case_id = c.id)"
    " LEFT JOIN rulesets r ON r.hash = e.ruleset_hash"
    " LEFT JOIN decisions d ON d.id = (SELECT max(id) FROM decisions WHERE case_id = c.id)"
    " ORDER BY c.id";
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "listing cases");
  json_t *list = json_array();
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    json_t *c = json_pack("{s:o, s:I, s:o}", "id", text_or_null(st, 0),
                          "version", (json_int_t)sqlite3_column_int64(st, 1),
                          "imported_at", text_or_null(st, 2));
    json_t *ev = json_null();
    if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
      ev = json_pack("{s:o, s:o, s:o, s:o}", "status", text_or_null(st, 3),
                     "pathway", text_or_null(st, 4), "local_level", text_or_null(st, 5),
                     "ruleset", text_or_null(st, 6));
      result_summary(ev, (const char *)sqlite3_column_text(st, 7));
    }
    json_object_set_new(c, "evaluation", ev);
    json_t *d = json_null();
    if (sqlite3_column_type(st, 8) != SQLITE_NULL)
      d = json_pack("{s:b, s:o, s:o, s:o}", "agree", sqlite3_column_int(st, 8),
                    "level", text_or_null(st, 9), "by", text_or_null(st, 10),
                    "at", text_or_null(st, 11));
    json_object_set_new(c, "decision", d);
    json_object_set_new(c, "waiting_overrides", json_integer(sqlite3_column_int64(st, 12)));
    json_array_append_new(list, c);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) {
    json_decref(list);
    return ths_dberr(s, "listing cases");
  }
  return ths_give(s, list, json);
}

/* Rows of sql (one ? bound to id) as objects with the given keys; the
   column named "doc" or "result" is kept as text. */
static json_t *rows(th_store *s, const char *sql, const char *id,
                    const char *const *keys, int n, int *rc) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
    *rc = ths_dberr(s, "reading a case");
    return NULL;
  }
  sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  json_t *out = json_array();
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
    json_t *o = json_object();
    for (int i = 0; i < n; i++) {
      json_t *v;
      switch (sqlite3_column_type(st, i)) {
      case SQLITE_NULL: v = json_null(); break;
      case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st, i)); break;
      default: v = text_or_null(st, i);
      }
      json_object_set_new(o, keys[i], v);
    }
    json_array_append_new(out, o);
  }
  sqlite3_finalize(st);
  if (r != SQLITE_DONE) {
    json_decref(out);
    *rc = ths_dberr(s, "reading a case");
    return NULL;
  }
  return out;
}

int th_store_case(th_store *s, const char *case_id, char **json) {
  if (json)
    *json = NULL;
  if (s == NULL || case_id == NULL || json == NULL)
    return TH_MISUSE;
  static const char *const vkeys[] = {"version", "imported_at", "doc"};
  static const char *const ekeys[] = {"id", "at", "ruleset", "ruleset_version", "status",
                                      "pathway", "local_level", "case_version"};
  static const char *const dkeys[] = {"at", "by", "agree", "level", "reason"};
  static const char *const okeys[] = {"id", "at", "by", "level", "type", "reason", "state",
                                      "approver", "settled_at"};
  int rc = TH_OK;
  json_t *versions = rows(s, "SELECT v.version, v.imported_at, d.doc FROM case_versions v"
                          " JOIN case_docs d ON d.hash = v.hash WHERE v.case_id = ?"
                          " ORDER BY v.version", case_id, vkeys, 3, &rc);
  if (versions && json_array_size(versions) == 0) {
    json_decref(versions);
    return ths_err(s, TH_MISUSE, "no case '%s' in the store", case_id);
  }
  json_t *evals = versions ? rows(s, "SELECT e.id, r0.started_at, r.id, r.version, e.status,"
                                  " e.pathway, e.local_level, v.version FROM evaluations e"
                                  " JOIN runs r0 ON r0.id = e.run_id"
                                  " JOIN rulesets r ON r.hash = e.ruleset_hash"
                                  " LEFT JOIN case_versions v ON v.case_id = e.case_id"
                                  "  AND v.hash = e.case_hash"
                                  " WHERE e.case_id = ? ORDER BY e.id", case_id, ekeys, 8, &rc)
                           : NULL;
  json_t *decs = evals ? rows(s, "SELECT decided_at, decided_by, agree, level, reason"
                              " FROM decisions WHERE case_id = ? ORDER BY id", case_id,
                              dkeys, 5, &rc) : NULL;
  json_t *ovs = decs ? rows(s, "SELECT id, at, by, level, type, reason, state, approver,"
                            " settled_at FROM overrides WHERE case_id = ? ORDER BY id",
                            case_id, okeys, 9, &rc) : NULL;
  if (ovs == NULL) {
    json_decref(versions);
    json_decref(evals);
    json_decref(decs);
    return rc;
  }
  json_t *last = json_array_get(versions, json_array_size(versions) - 1);
  json_t *out = json_pack("{s:s, s:O, s:o, s:o, s:o, s:o}", "id", case_id,
                          "doc", json_object_get(last, "doc"), "versions", versions,
                          "evaluations", evals, "decisions", decs, "overrides", ovs);
  return ths_give(s, out, json);
}

/* The latest evaluation of a case: its id, suggested level and rule set. */
static int latest_evaluation(th_store *s, const char *case_id, long long *id) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT max(id) FROM evaluations WHERE case_id = ?", -1,
                         &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "override");
  sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
  int found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
  *id = found ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return found ? TH_OK : ths_err(s, TH_MISUSE, "case %s has no evaluation to "
                                       "decide on (run threshold db eval first)", case_id);
}

int th_store_override_propose(th_store *s, const char *case_id, const char *level,
                              const char *type, const char *reason, const char *by,
                              const char *at, long long *id) {
  if (id)
    *id = 0;
  if (s == NULL || id == NULL)
    return TH_MISUSE;
  if (case_id == NULL || level == NULL || ths_blank(by) || at == NULL)
    return ths_err(s, TH_MISUSE, "override: give the case, the level and who decides");
  if (ths_blank(reason))
    return ths_err(s, TH_MISUSE, "override: a reason is required");
  if (type == NULL || (strcmp(type, "policy") != 0 && strcmp(type, "discretionary") != 0))
    return ths_err(s, TH_MISUSE, "override: type must be policy or discretionary");
  long long eval_id;
  int rc = latest_evaluation(s, case_id, &eval_id);
  if (rc != TH_OK)
    return rc;
  /* A policy override is what the local policy directs: a decision at
     once. A discretionary one waits for an approver. */
  int policy = strcmp(type, "policy") == 0;
  if (policy) {
    char *entry = NULL;
    th_decision d = {level, type, reason, by, NULL};
    if ((rc = th_store_decide(s, case_id, &d, at, &entry)) != TH_OK)
      return rc;
    th_free(entry);
  }
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, "INSERT INTO overrides(case_id, evaluation_id, level, type,"
                         " reason, by, at, state) VALUES (?,?,?,?,?,?,?,?)", -1, &st,
                         NULL) != SQLITE_OK)
    return ths_dberr(s, "override");
  sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, eval_id);
  sqlite3_bind_text(st, 3, level, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, type, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 6, by, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 7, at, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 8, policy ? "recorded" : "waiting", -1, SQLITE_STATIC);
  rc = sqlite3_step(st) == SQLITE_DONE ? TH_OK : ths_dberr(s, "override");
  sqlite3_finalize(st);
  if (rc == TH_OK)
    *id = sqlite3_last_insert_rowid(s->db);
  return rc;
}

int th_store_override_settle(th_store *s, long long id, int approve, const char *approver,
                             const char *at) {
  if (s == NULL || ths_blank(approver) || at == NULL)
    return s ? ths_err(s, TH_MISUSE, "approve: who approves, and when") : TH_MISUSE;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT case_id, level, type, reason, by FROM overrides"
                         " WHERE id = ? AND state = 'waiting'", -1, &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "approve");
  sqlite3_bind_int64(st, 1, id);
  if (sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_finalize(st);
    return ths_err(s, TH_MISUSE, "approve: no override %lld waits for approval", id);
  }
  char *case_id = strdup((const char *)sqlite3_column_text(st, 0));
  char *level = strdup((const char *)sqlite3_column_text(st, 1));
  char *type = strdup((const char *)sqlite3_column_text(st, 2));
  char *reason = strdup((const char *)sqlite3_column_text(st, 3));
  char *by = strdup((const char *)sqlite3_column_text(st, 4));
  sqlite3_finalize(st);
  int rc = case_id && level && type && reason && by ? TH_OK
         : ths_err(s, TH_NOMEM, "out of memory");
  if (rc == TH_OK && strcmp(by, approver) == 0)
    rc = ths_err(s, TH_MISUSE, "approve: an override is approved by someone "
                       "other than its author");
  char *entry = NULL;
  th_decision d = {level, type, reason, by, approver};
  if (rc == TH_OK && approve)
    rc = th_store_decide(s, case_id, &d, at, &entry);
  th_free(entry);
  if (rc == TH_OK && sqlite3_prepare_v2(s->db, "UPDATE overrides SET state = ?, approver = ?,"
                                        " settled_at = ? WHERE id = ?", -1, &st,
                                        NULL) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, approve ? "approved" : "refused", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, approver, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, id);
    if (sqlite3_step(st) != SQLITE_DONE)
      rc = ths_dberr(s, "approve");
    sqlite3_finalize(st);
  } else if (rc == TH_OK) {
    rc = ths_dberr(s, "approve");
  }
  free(case_id);
  free(level);
  free(type);
  free(reason);
  free(by);
  return rc;
}

int th_store_overrides(th_store *s, char **json) {
  if (json)
    *json = NULL;
  if (s == NULL || json == NULL)
    return TH_MISUSE;
  static const char *const wkeys[] = {"id", "case", "at", "by", "level", "type", "reason"};
  static const char *const tkeys[] = {"type", "state", "count"};
  int rc = TH_OK;
  /* rows() binds one value; these queries ignore it. */
  json_t *waiting = rows(s, "SELECT id, case_id, at, by, level, type, reason FROM overrides"
                         " WHERE state = 'waiting' AND ?1 IS NOT NULL ORDER BY id", "",
                         wkeys, 7, &rc);
  json_t *types = waiting ? rows(s, "SELECT type, state, count(*) FROM overrides"
                                 " WHERE ?1 IS NOT NULL GROUP BY type, state ORDER BY type, state",
                                 "", tkeys, 3, &rc) : NULL;
  if (types == NULL) {
    json_decref(waiting);
    return rc;
  }
  return ths_give(s, json_pack("{s:o, s:o}", "waiting", waiting, "by_type", types), json);
}
