/*
** verify.c -- what `db verify` checks. Inside the file: SQLite's own
** integrity check; the log's hash chain; that each entry's kind and case
** columns (outside the hash) say what its body says; that every
** evaluation and decision row, which the reports read, agrees with the log
** entry it was recorded with, and that no row or entry lacks its partner;
** that every stored case document and rule set matches its hash. Outside
** the file: checkpoints signed with a key the store does not hold, and a
** head (entry number and hash) kept elsewhere. Anyone who can write the
** file can rebuild the whole chain; only the anchors outside it show that.
*/
#define _GNU_SOURCE    /* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static const char zero_hash[65] =
  "0000000000000000000000000000000000000000000000000000000000000000";

typedef struct checker {
  th_store *s;
  json_t *problems;
  int failed;                 /* a store error or no memory: stop */
} checker;

/* A problem at `where` number n (an entry, a row), or with where NULL at
   no one place. */
static void problem(checker *c, const char *where, long long n,
                    const char *what) {
  json_t *p = where ? json_pack("{s:I, s:s}", where, (json_int_t)n, "problem", what)
                    : json_pack("{s:s}", "problem", what);
  if (p == NULL || json_array_append_new(c->problems, p) != 0)
    c->failed = 1;
}

/* ---- the chain and the log's own columns ------------------------------- */

typedef struct anchors {
  const char *key;            /* public key (hex) whose checkpoints must hold */
  long long head_seq;         /* a head kept elsewhere; 0: none */
  char head_hash[65];
  long long signed_to;        /* last entry a good checkpoint of key covers */
  long long checkpoints;      /* good checkpoints of key */
  int head_seen;
} anchors;

/* A text column as a C string, "" for NULL. */
static const char *col(sqlite3_stmt *st, int i) {
  const char *t = (const char *)sqlite3_column_text(st, i);
  return t ? t : "";
}

/* The body's string `key`, "" if absent. */
static const char *bstr(const json_t *body, const char *key) {
  const char *v = json_string_value(json_object_get(body, key));
  return v ? v : "";
}

static void check_entry_columns(checker *c, long long seq, const char *kind,
                                const char *case_id, int case_null,
                                const json_t *body) {
  if (body == NULL) {
    problem(c, "entry", seq, "its body is not JSON");
    return;
  }
  if (strcmp(kind, bstr(body, "kind")) != 0)
    problem(c, "entry", seq, "its kind column differs from its body's kind "
            "(the column was edited)");
  const json_t *bc = json_object_get(body, "case");
  if (case_null ? bc != NULL : strcmp(case_id, bstr(body, "case")) != 0)
    problem(c, "entry", seq, "its case column differs from its body's case "
            "(the column was edited)");
}

static void check_checkpoint(checker *c, anchors *a, long long seq,
                             const char *prev, const json_t *body) {
  if (a->key == NULL || strcmp(bstr(body, "key"), a->key) != 0)
    return;                   /* another key's checkpoint: not checked */
  const json_t *js = json_object_get(body, "seq");
  if (!json_is_integer(js) || json_integer_value(js) != seq - 1 ||
      strcmp(bstr(body, "hash"), prev) != 0) {
    problem(c, "entry", seq, "a checkpoint of this key that does not sign the "
            "entry before it");
    return;
  }
  if (!ths_checkpoint_valid(a->key, seq - 1, prev, bstr(body, "signature"))) {
    problem(c, "entry", seq, "a checkpoint whose signature does not verify "
            "with this key (forged or altered)");
    return;
  }
  a->checkpoints++;
  a->signed_to = seq - 1;
}

static long long check_chain(checker *c, anchors *a) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(c->s->db, "SELECT seq, kind, case_id, body, prev, hash"
                         " FROM log ORDER BY seq", -1, &st, NULL) != SQLITE_OK) {
    ths_dberr(c->s, "verify");
    c->failed = 1;
    return 0;
  }
  long long n = 0, expect = 1;
  char prev[65];
  memcpy(prev, zero_hash, sizeof prev);
  while (!c->failed && sqlite3_step(st) == SQLITE_ROW) {
    long long seq = sqlite3_column_int64(st, 0);
    const char *body = col(st, 3), *eprev = col(st, 4), *hash = col(st, 5);
    n++;
    if (seq != expect) {
      char *msg = NULL;
      if (asprintf(&msg, "entries %lld to %lld are missing (deleted)", expect,
                   seq - 1) < 0)
        msg = NULL;
      problem(c, "entry", expect, msg ? msg : "entries are missing (deleted)");
      free(msg);
    }
    if (strcmp(eprev, prev) != 0)
      problem(c, "entry", seq, seq == expect
              ? "does not follow the entry before it (an entry was inserted or replaced)"
              : "does not follow the last entry present");
    char mine[65] = "";
    if (!ths_chain_hash(eprev, body, strlen(body), mine))
      c->failed = 1;
    if (strcmp(hash, mine) != 0)
      problem(c, "entry", seq, "its content was changed (the hash does not match its body)");
    json_t *b = json_loads(body, 0, NULL);
    check_entry_columns(c, seq, col(st, 1), col(st, 2),
                        sqlite3_column_type(st, 2) == SQLITE_NULL, b);
    if (strcmp(col(st, 1), "checkpoint") == 0)
      check_checkpoint(c, a, seq, eprev, b);
    json_decref(b);
    if (a->head_seq == seq) {
      a->head_seen = 1;
      if (strcmp(hash, a->head_hash) != 0)
        problem(c, "entry", seq, "differs from the head kept outside the store "
                "(the log was rewritten)");
    }
    snprintf(prev, sizeof prev, "%s", hash);
    expect = seq + 1;
  }
  sqlite3_finalize(st);
  return n;
}

/* ---- rows against their entries ---------------------------------------- */

/* Does the row's column i hold the body's value at key? Text and integer
   columns; an absent or null value matches a NULL column only. */
static int same(sqlite3_stmt *st, int i, const json_t *body, const char *key) {
  const json_t *v = json_object_get(body, key);
  switch (sqlite3_column_type(st, i)) {
  case SQLITE_NULL:
    return v == NULL || json_is_null(v);
  case SQLITE_INTEGER:
    if (json_is_boolean(v))
      return sqlite3_column_int64(st, i) == (json_is_true(v) ? 1 : 0);
    return json_is_integer(v) && json_integer_value(v) == sqlite3_column_int64(st, i);
  default:
    return json_is_string(v) && strcmp(json_string_value(v), col(st, i)) == 0;
  }
}

/*
** One table's rows against their log entries. sql selects the row's id,
** its log entry's body (NULL when there is none) and the compared columns
** in the order of keys; extra checks what the columns cannot say alone.
*/
typedef struct row_check {
  const char *table;
  const char *sql;
  const char *const *keys;
  int (*extra)(sqlite3_stmt *st, int ncols, const json_t *body);
  const char *orphan_sql;    /* entries of this kind with no row */
} row_check;

/* An evaluation row's stored result is what its entry's result_sha256 names. */
static int result_matches(sqlite3_stmt *st, int ncols, const json_t *body) {
  char h[65] = "";
  const char *result = col(st, 2 + ncols);
  ths_sha256_hex(result, strlen(result), h);
  return strcmp(h, bstr(body, "result_sha256")) == 0;
}

static const char *const eval_keys[] = {"case", "case_hash", "ruleset", "status",
                                        "pathway", "local_level", "run", NULL};
static const char *const decision_keys[] = {"case", "agree", "level", "reason", "by",
                                            "at", "type", "approver",
                                            "evaluation_seq", NULL};

static const row_check row_checks[] = {
  {"evaluation",
   "SELECT v.id, l.body, v.case_id, v.case_hash, v.ruleset_hash, v.status, v.pathway,"
   " v.local_level, v.run_id, v.result FROM evaluations v"
   " LEFT JOIN log l ON l.seq = v.log_seq AND l.kind = 'evaluation' ORDER BY v.id",
   eval_keys, result_matches,
   "SELECT l.seq FROM log l WHERE l.kind = 'evaluation' AND NOT EXISTS"
   " (SELECT 1 FROM evaluations v WHERE v.log_seq = l.seq) ORDER BY l.seq"},
  {"decision",
   "SELECT d.id, l.body, d.case_id, d.agree, d.level, d.reason, d.decided_by,"
   " d.decided_at, d.type, d.approver, v.log_seq FROM decisions d"
   " LEFT JOIN log l ON l.seq = d.log_seq AND l.kind = 'decision'"
   " LEFT JOIN evaluations v ON v.id = d.evaluation_id ORDER BY d.id",
   decision_keys, NULL,
   "SELECT l.seq FROM log l WHERE l.kind = 'decision' AND NOT EXISTS"
   " (SELECT 1 FROM decisions d WHERE d.log_seq = l.seq) ORDER BY l.seq"},
};

static long long check_rows(checker *c, const row_check *rc) {
  sqlite3_stmt *st = NULL;
  long long n = 0;
  int ncols = 0;
  while (rc->keys[ncols])
    ncols++;
  char *field_msg = NULL, *orphan_msg = NULL, *missing_msg = NULL, *extra_msg = NULL;
  if (asprintf(&field_msg, "the %s row differs from its log entry in '%%s' (the row "
               "was edited)", rc->table) < 0) field_msg = NULL;
  if (asprintf(&orphan_msg, "the %s row has no log entry (inserted or its entry "
               "replaced)", rc->table) < 0) orphan_msg = NULL;
  if (asprintf(&missing_msg, "the log entry has no %s row (the row was deleted)",
               rc->table) < 0) missing_msg = NULL;
  if (asprintf(&extra_msg, "the %s row's stored result is not the one logged "
               "(the result was edited)", rc->table) < 0) extra_msg = NULL;
  if (!field_msg || !orphan_msg || !missing_msg || !extra_msg ||
      sqlite3_prepare_v2(c->s->db, rc->sql, -1, &st, NULL) != SQLITE_OK) {
    c->failed = 1;
    if (field_msg && orphan_msg && missing_msg && extra_msg)
      ths_dberr(c->s, "verify");
    else
      ths_err(c->s, TH_NOMEM, "out of memory");
    goto done;
  }
  while (!c->failed && sqlite3_step(st) == SQLITE_ROW) {
    long long id = sqlite3_column_int64(st, 0);
    n++;
    if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
      problem(c, rc->table, id, orphan_msg);
      continue;
    }
    json_t *body = json_loads(col(st, 1), 0, NULL);
    for (int k = 0; k < ncols; k++) {
      if (!same(st, 2 + k, body, rc->keys[k])) {
        char *msg = NULL;
        if (asprintf(&msg, field_msg, rc->keys[k]) < 0)
          msg = NULL;
        problem(c, rc->table, id, msg ? msg : orphan_msg);
        free(msg);
      }
    }
    if (rc->extra && body && !rc->extra(st, ncols, body))
      problem(c, rc->table, id, extra_msg);
    json_decref(body);
  }
  sqlite3_finalize(st);
  st = NULL;
  if (!c->failed && sqlite3_prepare_v2(c->s->db, rc->orphan_sql, -1, &st, NULL) == SQLITE_OK) {
    while (!c->failed && sqlite3_step(st) == SQLITE_ROW)
      problem(c, "entry", sqlite3_column_int64(st, 0), missing_msg);
  } else if (!c->failed) {
    ths_dberr(c->s, "verify");
    c->failed = 1;
  }
  sqlite3_finalize(st);
done:
  free(field_msg);
  free(orphan_msg);
  free(missing_msg);
  free(extra_msg);
  return n;
}

/* ---- what is content-addressed ------------------------------------------ */

static long long check_documents(checker *c) {
  sqlite3_stmt *st = NULL;
  long long n = 0;
  if (sqlite3_prepare_v2(c->s->db, "SELECT hash, doc FROM case_docs ORDER BY hash",
                         -1, &st, NULL) != SQLITE_OK) {
    ths_dberr(c->s, "verify");
    c->failed = 1;
    return 0;
  }
  while (!c->failed && sqlite3_step(st) == SQLITE_ROW) {
    char h[65] = "";
    const char *doc = col(st, 1);
    n++;
    ths_sha256_hex(doc, strlen(doc), h);
    if (strcmp(h, col(st, 0)) != 0) {
      json_t *p = json_pack("{s:s, s:s}", "document", col(st, 0), "problem",
                            "the stored case document does not match its hash "
                            "(it was edited)");
      if (p == NULL || json_array_append_new(c->problems, p) != 0)
        c->failed = 1;
    }
  }
  sqlite3_finalize(st);
  return n;
}

static long long check_rulesets(checker *c) {
  sqlite3_stmt *st = NULL;
  long long n = 0;
  if (sqlite3_prepare_v2(c->s->db, "SELECT hash FROM rulesets ORDER BY hash", -1, &st,
                         NULL) != SQLITE_OK) {
    ths_dberr(c->s, "verify");
    c->failed = 1;
    return 0;
  }
  while (!c->failed && sqlite3_step(st) == SQLITE_ROW) {
    const char *hash = col(st, 0);
    th_engine *e = NULL;
    n++;
    /* The sources load to the rule set they are stored under. */
    int rc = ths_engine_for(c->s, hash, &e);
    if (rc == TH_NOMEM) {
      c->failed = 1;
    } else if (rc != TH_OK || strcmp(th_engine_ruleset_hash(e), hash) != 0) {
      json_t *p = json_pack("{s:s, s:s}", "ruleset", hash, "problem",
                            "the stored sources do not load to this rule set "
                            "(they were edited)");
      if (p == NULL || json_array_append_new(c->problems, p) != 0)
        c->failed = 1;
    }
    th_engine_free(e);
  }
  sqlite3_finalize(st);
  return n;
}

/* ---- the report ---------------------------------------------------------- */

/* "SEQ:HASH" as th_store_head prints it, kept elsewhere. */
static int parse_head(const char *head, anchors *a) {
  char *end;
  long long seq = strtoll(head, &end, 10);
  if (seq <= 0 || *end != ':' || strlen(end + 1) != 64 ||
      strspn(end + 1, "0123456789abcdef") != 64)
    return 0;
  a->head_seq = seq;
  memcpy(a->head_hash, end + 1, 65);
  return 1;
}

int th_store_verify_anchored(th_store *s, const char *public_key,
                             const char *head, char **report) {
  if (report)
    *report = NULL;
  if (s == NULL || report == NULL)
    return s ? ths_err(s, TH_MISUSE, "verify: bad arguments") : TH_MISUSE;
  anchors a = {public_key, 0, "", 0, 0, 0};
  if (public_key && !ths_public_key_valid(public_key))
    return ths_err(s, TH_MISUSE, "verify: the public key must be 64 hex digits");
  if (head && !parse_head(head, &a))
    return ths_err(s, TH_MISUSE, "verify: a head is SEQ:HASH as db head prints "
                   "it (an entry number, a colon, 64 hex digits)");
  checker c = {s, json_array(), 0};
  if (c.problems == NULL)
    return ths_err(s, TH_NOMEM, "out of memory");
  sqlite3_stmt *st = NULL;
  char *integrity = NULL;
  if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    integrity = strdup(col(st, 0));
  sqlite3_finalize(st);
  long long entries = check_chain(&c, &a);
  long long evaluations = c.failed ? 0 : check_rows(&c, &row_checks[0]);
  long long decisions = c.failed ? 0 : check_rows(&c, &row_checks[1]);
  long long documents = c.failed ? 0 : check_documents(&c);
  long long rulesets = c.failed ? 0 : check_rulesets(&c);
  if (!c.failed && a.head_seq > 0 && !a.head_seen)
    problem(&c, "entry", a.head_seq, "the head kept outside the store is not in "
            "the log (entries were deleted)");
  if (!c.failed && public_key && a.checkpoints == 0)
    problem(&c, NULL, 0, "no checkpoint signed with this key: nothing shows the "
            "log is the one that was signed");
  if (c.failed) {
    free(integrity);
    json_decref(c.problems);
    return s->errmsg ? TH_DB : ths_err(s, TH_NOMEM, "out of memory");
  }
  int ok = integrity && strcmp(integrity, "ok") == 0 && json_array_size(c.problems) == 0;
  json_t *rep = json_pack("{s:b, s:s, s:I, s:{s:I, s:I, s:I, s:I}, s:o}", "ok", ok,
                          "integrity", integrity ? integrity : "?",
                          "entries", (json_int_t)entries, "checked",
                          "evaluations", (json_int_t)evaluations,
                          "decisions", (json_int_t)decisions,
                          "documents", (json_int_t)documents,
                          "rulesets", (json_int_t)rulesets, "problems", c.problems);
  free(integrity);
  if (rep && public_key) {
    json_object_set_new(rep, "checkpoints", json_integer(a.checkpoints));
    json_object_set_new(rep, "signed_to", a.checkpoints ? json_integer(a.signed_to)
                                                        : json_null());
    json_object_set_new(rep, "unsigned_entries",
                        json_integer(entries - (a.checkpoints ? a.signed_to : 0)));
  }
  return ths_give(s, rep, report);
}

int th_store_verify(th_store *s, char **report) {
  return th_store_verify_anchored(s, NULL, NULL, report);
}
