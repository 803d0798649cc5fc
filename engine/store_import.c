/*
** store_import.c -- cases into the store from JSON (one case or a list),
** JSON Lines, or CSV.
**
** Every record is checked against the rule set's schema exactly as an
** evaluation would check it (th_eval with TH_EVAL_VALIDATE), and needs a
** string id. Good records are stored as canonical JSON under their SHA-256;
** a re-imported id whose content changed becomes a new version. Bad records
** are reported with their record and line number, path and message. The
** import is one transaction: an interruption leaves the store as it was.
**
** CSV: the header row names schema paths, with list positions counted from
** 1 (child.dob, concerns.1.subtype, carers.2.mental_health). Empty cells
** are not recorded. Booleans are true/false (or yes/no); numbers as usual.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <lauxlib.h>

#include "store.h"

typedef struct importer {
  th_store *s;
  th_engine *e;
  const char *at;
  json_t *errors;
  json_t *seen;               /* id -> record number, within this import */
  long records, imported, updated, unchanged, rejected;
  int fatal;                  /* a store error: stop */
} importer;

static void reject(importer *im, long record, long line, const char *path,
                   const char *msg) {
  json_t *e = json_pack("{s:I, s:s}", "record", (json_int_t)record, "message", msg);
  if (e && line > 0)
    json_object_set_new(e, "line", json_integer(line));
  if (e && path)
    json_object_set_new(e, "path", json_string(path));
  json_array_append_new(im->errors, e);
}

/* Insert or update the case; counts what happened. */
static int store_case(importer *im, const char *id, const char *doc,
                      const char *hash) {
  sqlite3_stmt *st = thi_store_stmt(im->s, THI_STMT_CASE_VERSION);
  long long version = 0;
  char curhash[65] = "";
  if (st == NULL)
    return TH_DB;
  sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW) {
    const char *cur = (const char *)sqlite3_column_text(st, 0);
    snprintf(curhash, sizeof curhash, "%s", cur ? cur : "");
    version = sqlite3_column_int64(st, 1);
  }
  sqlite3_reset(st);
  if (version > 0 && strcmp(curhash, hash) == 0) {
    im->unchanged++;
    return TH_OK;
  }
  static const enum thi_stmt writes[] = {
    THI_STMT_DOC_INSERT, THI_STMT_VERSION_INSERT, THI_STMT_CASE_UPSERT,
  };
  for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
    if ((st = thi_store_stmt(im->s, writes[i])) == NULL)
      return TH_DB;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, doc, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, version + 1);
    sqlite3_bind_text(st, 5, im->at, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int done = rc == SQLITE_DONE ? TH_OK : thi_store_dberr(im->s, "import");
    sqlite3_reset(st);
    if (done != TH_OK)
      return done;
  }
  if (version > 0)
    im->updated++;
  else
    im->imported++;
  return TH_OK;
}

/* Check one record (a JSON value) and store it if it is good. */
static void take(importer *im, json_t *rec, long record, long line) {
  im->records++;
  char *text = json_is_object(rec) ? thi_canonical(rec) : NULL;
  if (text == NULL) {
    reject(im, record, line, NULL, "a case must be a JSON object");
    im->rejected++;
    return;
  }
  th_result *r = NULL;
  int st = th_eval(im->e, text, strlen(text), TH_EVAL_VALIDATE, &r);
  int bad = 0;
  if (st != TH_OK) {
    reject(im, record, line, NULL, th_errmsg(im->e));
    bad = 1;
  } else if (th_result_status(r) == TH_RESULT_INVALID) {
    json_t *res = thi_result_doc(r);         /* the errors are in the document */
    size_t i;
    json_t *x;
    if (res == NULL)
      reject(im, record, line, NULL, "out of memory reading the case's errors");
    json_array_foreach(json_object_get(res, "case_errors"), i, x)
      reject(im, record, line, json_string_value(json_object_get(x, "path")),
             json_string_value(json_object_get(x, "message")));
    json_decref(res);
    bad = 1;
  }
  th_result_free(r);
  const char *id = json_string_value(json_object_get(rec, "id"));
  if (!bad && (id == NULL || *id == '\0')) {
    reject(im, record, line, "id", "required: a case needs a string id to be stored");
    bad = 1;
  }
  json_t *first = id ? json_object_get(im->seen, id) : NULL;
  if (!bad && first) {
    char msg[128];
    snprintf(msg, sizeof msg, "duplicate case id in this import (first at "
             "record %lld); this record is not stored",
             (long long)json_integer_value(first));
    reject(im, record, line, "id", msg);
    bad = 1;
  }
  char hash[65];
  if (!bad) {
    json_object_set_new(im->seen, id, json_integer(record));
    if (!thi_sha256_hex(text, strlen(text), hash) ||
        store_case(im, id, text, hash) != TH_OK)
      im->fatal = 1;
  } else {
    im->rejected++;
  }
  free(text);
}

static void take_text(importer *im, const char *p, size_t n, long record,
                      long line) {
  json_error_t err;
  json_t *rec = json_loadb(p, n, JSON_REJECT_DUPLICATES, &err);
  if (rec == NULL) {
    char msg[256];
    snprintf(msg, sizeof msg, "malformed JSON at column %d: %s", err.column,
             thi_json_error_text(&err));
    reject(im, record, line, NULL, msg);
    im->records++;
    im->rejected++;
    return;
  }
  take(im, rec, record, line);
  json_decref(rec);
}

static void import_json(importer *im, const char *data, size_t len) {
  json_error_t err;
  json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
  if (root == NULL) {
    char msg[256];
    snprintf(msg, sizeof msg, "malformed JSON: %s", thi_json_error_text(&err));
    reject(im, 1, err.line, NULL, msg);
    im->records++;
    im->rejected++;
    return;
  }
  if (json_is_array(root)) {
    size_t i;
    json_t *x;
    json_array_foreach(root, i, x) {
      take(im, x, (long)i + 1, 0);
      if (im->fatal)
        break;
    }
  } else {
    take(im, root, 1, 1);
  }
  json_decref(root);
}

static void import_jsonl(importer *im, const char *data, size_t len) {
  long line = 0, record = 0;
  for (size_t i = 0; i < len && !im->fatal;) {
    const char *nl = memchr(data + i, '\n', len - i);
    size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
    line++;
    size_t m = n;
    while (m > 0 && (data[i + m - 1] == '\r' || data[i + m - 1] == ' ' ||
                     data[i + m - 1] == '\t'))
      m--;
    if (m > 0)
      take_text(im, data + i, m, ++record, line);
    i += n + 1;
  }
}

/* ---- CSV --------------------------------------------------------------- */

typedef struct csv_state {
  importer *im;
  json_t *header;        /* column paths */
  json_t *types;         /* column types */
  json_t *row;           /* cells of the current row */
  long rows;             /* rows seen, the header included */
  char *bad_header;      /* why the header cannot be used */
} csv_state;

static json_t *cell_value(const char *type, const char *cell, const char **why) {
  char *end;
  *why = NULL;
  if (strcmp(type, "integer") == 0 || strcmp(type, "number") == 0) {
    errno = 0;
    double d = strtod(cell, &end);
    if (*cell == '\0' || *end != '\0' || errno) {
      *why = "expected a number";
      return NULL;
    }
    if (strcmp(type, "integer") == 0 && d == (double)(json_int_t)d)
      return json_integer((json_int_t)d);
    return json_real(d);
  }
  if (strcmp(type, "boolean") == 0) {
    if (!strcmp(cell, "true") || !strcmp(cell, "yes")) return json_true();
    if (!strcmp(cell, "false") || !strcmp(cell, "no")) return json_false();
    *why = "expected true, false, yes or no";
    return NULL;
  }
  return json_string(cell);
}

/* Put v at a path like concerns.1.subtype inside obj (steals v). */
static int place(json_t *obj, const char *path, json_t *v) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", path);
  json_t *cur = obj;
  char *save = NULL, *seg = strtok_r(buf, ".", &save);
  while (seg) {
    char *next = strtok_r(NULL, ".", &save);
    char *end;
    long idx = strtol(seg, &end, 10);
    int is_index = *end == '\0' && idx > 0;
    json_t *child = NULL;
    if (is_index) {
      if (!json_is_array(cur))
        return -1;
      while (json_array_size(cur) < (size_t)idx)
        json_array_append_new(cur, json_null());
      child = json_array_get(cur, (size_t)idx - 1);
    } else {
      if (!json_is_object(cur))
        return -1;
      child = json_object_get(cur, seg);
    }
    if (next == NULL) {
      return is_index ? json_array_set_new(cur, (size_t)idx - 1, v)
                      : json_object_set_new(cur, seg, v);
    }
    if (child == NULL || json_is_null(child)) {
      /* what the next segment needs: a list for a position, else an object */
      char *e2;
      long nidx = strtol(next, &e2, 10);
      child = *e2 == '\0' && nidx > 0 ? json_array() : json_object();
      if (is_index)
        json_array_set_new(cur, (size_t)idx - 1, child);
      else
        json_object_set_new(cur, seg, child);
    }
    cur = child;
    seg = next;
  }
  json_decref(v);
  return -1;
}

/* The schema type of a column's path into type[16], or NULL with a hint. */
static const char *column_type(th_engine *e, const char *path, char type[16],
                               char *hint, size_t hlen) {
  lua_State *L = e->L;
  const char *t = NULL;
  thi_sandbox_pushapi(L, "field_type");
  lua_pushstring(L, path);
  if (thi_pcall(L, 1, 2) == LUA_OK) {
    if (lua_isstring(L, -2)) {
      snprintf(type, 16, "%s", lua_tostring(L, -2));
      t = type;
    } else {
      snprintf(hint, hlen, "%s", luaL_optstring(L, -1, ""));
    }
  }
  lua_settop(L, 0);
  return t;
}

static void csv_field(void *p, size_t n, void *ud) {
  csv_state *cs = ud;
  json_array_append_new(cs->row, json_stringn((const char *)p, n));
}

static void csv_header(csv_state *cs) {
  size_t i;
  json_t *h;
  cs->header = json_incref(cs->row);
  cs->types = json_array();
  json_array_foreach(cs->header, i, h) {
    char hint[128] = "", type[16];
    const char *path = json_string_value(h);
    const char *t = path ? column_type(cs->im->e, path, type, hint, sizeof hint) : NULL;
    if (t == NULL || !strcmp(t, "object") || !strcmp(t, "array")) {
      char msg[512];
      snprintf(msg, sizeof msg, t ? "column %zu '%s' names a %s; name its fields"
                                  : "column %zu '%s' is not a field of the case schema%s",
               i + 1, path ? path : "?", t ? t : hint);
      free(cs->bad_header);
      cs->bad_header = strdup(msg);
      return;
    }
    json_array_append_new(cs->types, json_string(t));
  }
}

static void csv_row(int c, void *ud) {
  csv_state *cs = ud;
  (void)c;
  cs->rows++;
  if (cs->rows == 1) {
    csv_header(cs);
  } else if (!cs->bad_header && !cs->im->fatal) {
    long record = cs->rows - 1, line = cs->rows;
    importer *im = cs->im;
    if (json_array_size(cs->row) != json_array_size(cs->header)) {
      char msg[128];
      snprintf(msg, sizeof msg, "the row has %zu cells; the header has %zu",
               json_array_size(cs->row), json_array_size(cs->header));
      reject(im, record, line, NULL, msg);
      im->records++;
      im->rejected++;
    } else {
      json_t *rec = json_object(), *cell;
      size_t i;
      int bad = 0;
      json_array_foreach(cs->row, i, cell) {
        const char *text = json_string_value(cell), *why;
        if (text == NULL || *text == '\0')
          continue;
        const char *path = json_string_value(json_array_get(cs->header, i));
        json_t *v = cell_value(json_string_value(json_array_get(cs->types, i)), text, &why);
        if (v == NULL || place(rec, path, v) != 0) {
          reject(im, record, line, path, why ? why : "cannot be placed at this path");
          bad = 1;
        }
      }
      if (bad) {
        im->records++;
        im->rejected++;
      } else {
        take(im, rec, record, line);
      }
      json_decref(rec);
    }
  }
  json_decref(cs->row);
  cs->row = json_array();
}

static void import_csv(importer *im, const char *data, size_t len) {
  struct csv_parser p;
  csv_state cs = {im, NULL, NULL, json_array(), 0, NULL};
  if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
    im->fatal = thi_store_err(im->s, TH_NOMEM, "out of memory") != TH_OK;
    json_decref(cs.row);
    return;
  }
  size_t done = csv_parse(&p, data, len, csv_field, csv_row, &cs);
  if (done != len || csv_fini(&p, csv_field, csv_row, &cs) != 0) {
    char msg[160];
    snprintf(msg, sizeof msg, "CSV: %s after row %ld", csv_strerror(csv_error(&p)), cs.rows);
    reject(im, cs.rows, cs.rows + 1, NULL, msg);
    im->rejected++;
  }
  if (cs.bad_header) {
    reject(im, 0, 1, NULL, cs.bad_header);
    im->rejected += cs.rows > 1 ? cs.rows - 1 : 0;
  }
  csv_free(&p);
  free(cs.bad_header);
  json_decref(cs.header);
  json_decref(cs.types);
  json_decref(cs.row);
}

int th_store_import(th_store *s, th_engine *e, const char *data, size_t len,
                    int format, unsigned flags, const char *at, char **report) {
  if (report)
    *report = NULL;
  if (s == NULL || e == NULL || report == NULL || at == NULL ||
      (data == NULL && len > 0) || format < TH_FORMAT_JSON || format > TH_FORMAT_CSV)
    return s ? thi_store_err(s, TH_MISUSE, "import: bad arguments") : TH_MISUSE;
  if (th_engine_ruleset_id(e) == NULL)
    return thi_store_err(s, TH_MISUSE, "import: the engine has no rule set");
  importer im = {s, e, at, json_array(), json_object(), 0, 0, 0, 0, 0, 0};
  int st = thi_store_exec(s, "BEGIN IMMEDIATE");
  if (st == TH_OK) {
    if (format == TH_FORMAT_JSON)
      import_json(&im, data ? data : "", len);
    else if (format == TH_FORMAT_JSONL)
      import_jsonl(&im, data ? data : "", len);
    else
      import_csv(&im, data ? data : "", len);
    int strict_fail = (flags & TH_IMPORT_STRICT) && json_array_size(im.errors) > 0;
    if (im.fatal) {
      st = TH_DB;                         /* message already set */
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    } else if (strict_fail) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      im.imported = im.updated = im.unchanged = 0;
    } else if ((st = thi_store_exec(s, "COMMIT")) != TH_OK) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    if (st == TH_OK) {
      json_t *rep = json_pack("{s:I, s:I, s:I, s:I, s:I, s:b, s:O}",
        "records", (json_int_t)im.records, "imported", (json_int_t)im.imported,
        "updated", (json_int_t)im.updated, "unchanged", (json_int_t)im.unchanged,
        "rejected", (json_int_t)im.rejected, "written", !strict_fail,
        "errors", im.errors);
      st = thi_store_give(s, rep, report);
    }
  }
  json_decref(im.errors);
  json_decref(im.seen);
  return st;
}
