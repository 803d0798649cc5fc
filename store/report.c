/*
** store_report.c -- what a policy lead asks of the caseload: the pathway
** distribution, the flags raised, what information is most often missing,
** where practitioners override the suggestion; and what a rule change
** would do to the cases (th_store_diff), without touching the log.
*/
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* Each report section is one query over the latest evaluation of each case
   with the chosen rule set (the temporary view `latest`). */
static const char latest_view[] =
  "CREATE TEMP VIEW IF NOT EXISTS latest AS"
  " SELECT v.* FROM evaluations v JOIN cases c ON c.id = v.case_id"
  " WHERE v.ruleset_hash = (SELECT value FROM temp.report_rules)"
  "   AND v.id = (SELECT max(id) FROM evaluations w WHERE w.case_id = v.case_id"
  "               AND w.ruleset_hash = v.ruleset_hash)";

typedef struct section {
  const char *name;
  const char *sql;
  const char *cols[6];
} section;

static const section sections[] = {
  {"pathways",
   "SELECT coalesce(pathway, 'none'), coalesce(local_level, 'none'), status, count(*)"
   " FROM latest GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3",
   {"pathway", "local_level", "status", "cases", NULL}},
  {"flags",
   "SELECT f.value ->> 'flag', count(*) FROM latest, json_each(latest.result, '$.flags') f"
   " GROUP BY 1 ORDER BY 2 DESC, 1",
   {"flag", "cases", NULL}},
  {"blocking_rules",
   "SELECT u.value ->> 'rule', coalesce(u.value ->> 'level', ''), count(*)"
   " FROM latest, json_each(latest.result, '$.undetermined') u"
   " WHERE u.value ->> 'rank' > latest.result ->> '$.suggestion.rank'"
   " GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 20",
   {"rule", "level", "cases", NULL}},
  {"missing_information",
   "SELECT m.value, count(DISTINCT latest.case_id)"
   " FROM latest, json_each(latest.result, '$.undetermined') u, json_each(u.value, '$.missing') m"
   " WHERE u.value ->> 'rank' > latest.result ->> '$.suggestion.rank'"
   " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
   {"field", "cases", NULL}},
  {"overrides_by_level",
   "SELECT coalesce(v.local_level, 'none'), count(*), sum(d.agree = 0),"
   " round(100.0 * sum(d.agree = 0) / count(*), 1)"
   " FROM decisions d JOIN latest v ON v.id = d.evaluation_id GROUP BY 1 ORDER BY 1",
   {"suggested_level", "decisions", "overrides", "override_pct", NULL}},
  {"overrides_by_type",
   "SELECT d.type, count(*), round(100.0 * count(*) /"
   "   (SELECT count(*) FROM decisions e JOIN latest w ON w.id = e.evaluation_id), 1),"
   " sum(d.approver IS NOT NULL)"
   " FROM decisions d JOIN latest v ON v.id = d.evaluation_id WHERE d.agree = 0"
   " GROUP BY 1 ORDER BY 1",
   {"type", "overrides", "override_pct", "approved", NULL}},
  {"overrides_by_rule",
   "SELECT f.value ->> 'rule', count(*), sum(d.agree = 0),"
   " round(100.0 * sum(d.agree = 0) / count(*), 1)"
   " FROM decisions d JOIN latest v ON v.id = d.evaluation_id,"
   "      json_each(v.result, '$.findings') f GROUP BY 1 ORDER BY 4 DESC, 2 DESC, 1",
   {"rule", "decisions", "overrides", "override_pct", NULL}},
};

static json_t *run_section(th_store *s, const section *sec, int *rc) {
  sqlite3_stmt *st = NULL;
  json_t *rows = json_array();
  if (sqlite3_prepare_v2(s->db, sec->sql, -1, &st, NULL) != SQLITE_OK) {
    *rc = ths_dberr(s, sec->name);
    return rows;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    json_t *row = json_object();
    for (int c = 0; sec->cols[c]; c++) {
      switch (sqlite3_column_type(st, c)) {
      case SQLITE_INTEGER:
        json_object_set_new(row, sec->cols[c], json_integer(sqlite3_column_int64(st, c)));
        break;
      case SQLITE_FLOAT:
        json_object_set_new(row, sec->cols[c], json_real(sqlite3_column_double(st, c)));
        break;
      case SQLITE_NULL:
        json_object_set_new(row, sec->cols[c], json_null());
        break;
      default:
        json_object_set_new(row, sec->cols[c],
                            json_string((const char *)sqlite3_column_text(st, c)));
      }
    }
    json_array_append_new(rows, row);
  }
  sqlite3_finalize(st);
  return rows;
}

/* The rule-set hash and "id version" of the latest run with this id (or
   of any run) that evaluated a case; *name is malloc'ed. A run that
   evaluated nothing says nothing about the caseload. */
static int chosen_rules(th_store *s, const char *id, char hash[65], char **name) {
  sqlite3_stmt *st = NULL;
  *name = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT r.ruleset_hash, s.id || ' ' || s.version FROM runs r"
                         " JOIN rulesets s ON s.hash = r.ruleset_hash"
                         " WHERE (?1 IS NULL OR s.id = ?1)"
                         "   AND EXISTS (SELECT 1 FROM evaluations v WHERE v.run_id = r.id)"
                         " ORDER BY r.id DESC LIMIT 1",
                         -1, &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "report");
  sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  int found = sqlite3_step(st) == SQLITE_ROW;
  if (found) {
    snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(st, 0));
    *name = strdup((const char *)sqlite3_column_text(st, 1));
  }
  sqlite3_finalize(st);
  if (!found)
    return ths_err(s, TH_MISUSE, id ? "report: no evaluation run with rule set '%s'"
                         : "report: no evaluation run yet%s (run threshold db eval)",
                         id ? id : "");
  return *name ? TH_OK : ths_err(s, TH_NOMEM, "out of memory");
}

int th_store_report(th_store *s, const char *ruleset_id, char **report) {
  if (report)
    *report = NULL;
  if (s == NULL || report == NULL)
    return TH_MISUSE;
  char hash[65], *name = NULL;
  int rc = chosen_rules(s, ruleset_id, hash, &name);
  if (rc != TH_OK)
    return rc;
  sqlite3_stmt *st = NULL;
  if (ths_exec(s, "CREATE TEMP TABLE IF NOT EXISTS report_rules(value TEXT);"
                        "DELETE FROM temp.report_rules") != TH_OK ||
      sqlite3_prepare_v2(s->db, "INSERT INTO temp.report_rules VALUES (?)", -1, &st,
                         NULL) != SQLITE_OK) {
    free(name);
    return ths_dberr(s, "report");
  }
  sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
  sqlite3_step(st);
  sqlite3_finalize(st);
  if ((rc = ths_exec(s, latest_view)) != TH_OK) {
    free(name);
    return rc;
  }
  json_t *rep = json_pack("{s:s, s:s}", "ruleset", name, "ruleset_hash", hash);
  free(name);
  for (size_t i = 0; rc == TH_OK && i < sizeof sections / sizeof sections[0]; i++)
    json_object_set_new(rep, sections[i].name, run_section(s, &sections[i], &rc));
  int ok;
  sqlite3_stmt *c = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM latest", -1, &c, NULL) == SQLITE_OK &&
      (ok = sqlite3_step(c) == SQLITE_ROW))
    json_object_set_new(rep, "cases", json_integer(sqlite3_column_int64(c, 0)));
  sqlite3_finalize(c);
  if (rc != TH_OK) {
    json_decref(rep);
    return rc;
  }
  return ths_give(s, rep, report);
}

/* ---- impact of a rule change -------------------------------------------- */

static json_t *names_of(json_t *result) {
  json_t *set = json_object(), *f;
  size_t i;
  json_array_foreach(json_object_get(result, "findings"), i, f)
    json_object_set_new(set, json_string_value(json_object_get(f, "rule")), json_true());
  return set;
}

/* Names in a not in b, as a sorted list. */
static json_t *only_in(json_t *a, json_t *b) {
  json_t *out = json_array();
  const char *k;
  json_t *v;
  json_object_foreach(a, k, v)
    if (!json_object_get(b, k))
      json_array_append_new(out, json_string(k));
  return out;
}

static json_t *eval_json(th_engine *e, const char *doc) {
  th_result *r = NULL;
  json_t *j = NULL;
  if (th_eval(e, doc, strlen(doc), TH_EVAL_BRIEF, &r) == TH_OK && th_result_json(r))
    j = json_loads(th_result_json(r), 0, NULL);
  th_result_free(r);
  return j ? j : json_pack("{s:s}", "status", "error");
}

static const char *pathway_of(json_t *res) {
  const char *p = json_string_value(json_object_get(json_object_get(res, "suggestion"), "pathway"));
  return p ? p : json_string_value(json_object_get(res, "status"));
}

int th_store_diff(th_store *s, th_engine *old_rules, th_engine *new_rules,
                  th_progress_fn *progress, void *ud, char **report) {
  if (report)
    *report = NULL;
  if (s == NULL || old_rules == NULL || new_rules == NULL || report == NULL ||
      !th_engine_ruleset_id(old_rules) || !th_engine_ruleset_id(new_rules))
    return s ? ths_err(s, TH_MISUSE, "diff: two loaded rule sets are needed") : TH_MISUSE;
  sqlite3_stmt *st = NULL;
  long long total = 0, n = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM cases", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    total = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  if (sqlite3_prepare_v2(s->db, "SELECT c.id, d.doc FROM cases c JOIN case_docs d"
                         " ON d.hash = c.hash ORDER BY c.id", -1, &st, NULL) != SQLITE_OK)
    return ths_dberr(s, "diff");
  json_t *matrix = json_object(), *moved = json_array();
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *id = (const char *)sqlite3_column_text(st, 0);
    const char *doc = (const char *)sqlite3_column_text(st, 1);
    json_t *a = eval_json(old_rules, doc), *b = eval_json(new_rules, doc);
    const char *pa = pathway_of(a), *pb = pathway_of(b);
    pa = pa ? pa : "none";
    pb = pb ? pb : "none";
    json_t *row = json_object_get(matrix, pa);
    if (row == NULL)
      json_object_set_new(matrix, pa, row = json_object());
    json_object_set_new(row, pb, json_integer(json_integer_value(json_object_get(row, pb)) + 1));
    if (strcmp(pa, pb) != 0) {
      json_t *na = names_of(a), *nb = names_of(b);
      json_array_append_new(moved, json_pack("{s:s, s:s, s:s, s:o, s:o}", "case", id,
                            "from", pa, "to", pb, "rules_added", only_in(nb, na),
                            "rules_removed", only_in(na, nb)));
      json_decref(na);
      json_decref(nb);
    }
    json_decref(a);
    json_decref(b);
    n++;
    if (progress && (n % 500 == 0 || n == total))
      progress(ud, n, total);
  }
  sqlite3_finalize(st);
  json_t *rep = json_pack("{s:{s:s, s:s, s:s}, s:{s:s, s:s, s:s}, s:I, s:I, s:o, s:o}",
    "old", "id", th_engine_ruleset_id(old_rules), "version", th_engine_ruleset_version(old_rules),
    "hash", th_engine_ruleset_hash(old_rules),
    "new", "id", th_engine_ruleset_id(new_rules), "version", th_engine_ruleset_version(new_rules),
    "hash", th_engine_ruleset_hash(new_rules),
    "cases", (json_int_t)n, "moved_count", (json_int_t)json_array_size(moved),
    "matrix", matrix, "moved", moved);
  return ths_give(s, rep, report);
}
