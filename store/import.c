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
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "store.h"

typedef struct importer {
  th_store *s;
  th_engine *e;
  const char *at;
  json_t *errors;
  long records, imported, updated, unchanged, rejected;
  int fatal;                  /* a store or input error: stop */
  size_t max_record;          /* the engine's limit on one case's bytes */
  long long max_items;        /* and on one list's entries */
} importer;

/*
** The input, read through the caller's function into one buffer that holds
** the unread bytes: a line at a time for JSON Lines, so memory does not
** grow with the input (only with its longest line).
*/
#define SOURCE_CHUNK (64 * 1024)

typedef struct source {
  th_read_fn *read;
  void *ud;
  char *buf;
  size_t off, len, cap;       /* buf[off..len) not yet taken */
  int eof;
  int failed;                 /* 1 the read function failed, 2 no memory */
} source;

/* Read more after the unread bytes. Returns how many, 0 at the end. */
static size_t fill(source *in) {
  if (in->eof)
    return 0;
  if (in->off > 0) {
    memmove(in->buf, in->buf + in->off, in->len - in->off);
    in->len -= in->off;
    in->off = 0;
  }
  if (in->cap - in->len < SOURCE_CHUNK) {
    size_t cap = in->cap ? in->cap * 2 : SOURCE_CHUNK;
    while (cap - in->len < SOURCE_CHUNK)
      cap *= 2;
    char *b = realloc(in->buf, cap);
    if (b == NULL) {
      in->failed = 2;
      in->eof = 1;
      return 0;
    }
    in->buf = b;
    in->cap = cap;
  }
  long n = in->read(in->ud, in->buf + in->len, in->cap - in->len);
  if (n <= 0) {
    in->failed = n < 0;
    in->eof = 1;
    return 0;
  }
  in->len += (size_t)n;
  return (size_t)n;
}

/*
** The next line without its newline, or NULL at the end of the input. A
** line longer than max is not kept: its bytes are skipped as they come, so
** memory stays bounded, and it is returned empty with *too_long set.
*/
static const char *next_line(source *in, size_t max, size_t *n, int *too_long) {
  size_t scanned = 0;                     /* of the unread bytes */
  *too_long = 0;
  if (in->buf == NULL && fill(in) == 0)   /* nothing read yet: no buffer */
    return NULL;
  for (;;) {
    const char *from = in->buf + in->off;
    const char *nl = in->len > in->off
        ? memchr(from + scanned, '\n', in->len - in->off - scanned) : NULL;
    if (nl != NULL && (size_t)(nl - from) <= max && !*too_long) {
      *n = (size_t)(nl - from);
      in->off += *n + 1;
      return from;
    }
    if (nl != NULL) {                     /* the end of a line too long */
      in->off += (size_t)(nl - from) + 1;
      *n = 0;
      return in->buf + in->off;
    }
    scanned = in->len - in->off;
    if (scanned > max) {                  /* drop what is read of it */
      *too_long = 1;
      in->off = in->len;
      scanned = 0;
    }
    if (fill(in) == 0) {
      if (*too_long && !in->failed) {
        *n = 0;
        return in->buf + in->off;
      }
      if (in->failed || in->len == in->off)
        return NULL;
      *n = in->len - in->off;             /* a last line without a newline */
      in->off = in->len;
      return in->buf + in->off - *n;
    }
  }
}

/* Everything left, for a format read whole. */
static const char *rest(source *in, size_t *n) {
  while (fill(in) > 0)
    ;
  *n = in->len - in->off;
  return in->buf ? in->buf + in->off : "";
}

/* Reads from a buffer, for th_store_import. */
typedef struct bytes {
  const char *p;
  size_t left;
} bytes;

static long read_bytes(void *ud, char *buf, size_t cap) {
  bytes *b = ud;
  size_t n = b->left < cap ? b->left : cap;
  if (n > 0x40000000)
    n = 0x40000000;                       /* fits a long everywhere */
  memcpy(buf, b->p, n);
  b->p += n;
  b->left -= n;
  return (long)n;
}

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
  sqlite3_stmt *st = ths_stmt(im->s, THS_STMT_CASE_VERSION);
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
  static const enum ths_stmt writes[] = {
    THS_STMT_DOC_INSERT, THS_STMT_VERSION_INSERT, THS_STMT_CASE_UPSERT,
  };
  for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
    if ((st = ths_stmt(im->s, writes[i])) == NULL)
      return TH_DB;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, doc, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, version + 1);
    sqlite3_bind_text(st, 5, im->at, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int done = rc == SQLITE_DONE ? TH_OK : ths_dberr(im->s, "import");
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

/*
** The ids of this import are kept in a temporary table (SQLite's, on disk
** past its cache), not in memory. Notes id at record if it is new; returns
** 0 then, the record it first came at if not, or -1 on a store error
** (fatal). Record numbers only grow, so the record the table holds for id
** is this one exactly when it was new.
*/
static long long first_record(importer *im, const char *id, long record) {
  sqlite3_stmt *st = ths_stmt(im->s, THS_STMT_IMPORT_ID);
  long long first = -1;
  if (st != NULL) {
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, record);
    if (sqlite3_step(st) == SQLITE_ROW)
      first = sqlite3_column_int64(st, 0);
    else
      ths_dberr(im->s, "import");
    sqlite3_reset(st);
  }
  if (first < 0) {
    im->fatal = 1;
    return -1;
  }
  return first == record ? 0 : first;
}

/* Check one record (a JSON value) and store it if it is good. */
static void take(importer *im, json_t *rec, long record, long line) {
  im->records++;
  char *text = json_is_object(rec) ? ths_canonical(rec) : NULL;
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
    const char *doc = th_result_json(r);     /* the errors are in the document */
    json_t *res = doc ? json_loads(doc, 0, NULL) : NULL;
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
  long long first;
  if (!bad && (first = first_record(im, id, record)) != 0) {
    if (first > 0) {
      char msg[128];
      snprintf(msg, sizeof msg, "duplicate case id in this import (first at "
               "record %lld); this record is not stored", first);
      reject(im, record, line, "id", msg);
    }
    bad = 1;
  }
  char hash[65];
  if (!bad) {
    if (!ths_sha256_hex(text, strlen(text), hash) ||
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
             ths_json_error(&err));
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
    snprintf(msg, sizeof msg, "malformed JSON: %s", ths_json_error(&err));
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

static void import_jsonl(importer *im, source *in) {
  long line = 0, record = 0;
  const char *p;
  size_t n;
  int too_long;
  while (!im->fatal && (p = next_line(in, im->max_record, &n, &too_long)) != NULL) {
    line++;
    if (too_long) {
      char msg[160];
      snprintf(msg, sizeof msg, "the line is longer than the limit of one case "
               "(%zu bytes); it was not read", im->max_record);
      reject(im, ++record, line, NULL, msg);
      im->records++;
      im->rejected++;
      continue;
    }
    while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
      n--;
    if (n > 0)
      take_text(im, p, n, ++record, line);
  }
}

/* ---- CSV --------------------------------------------------------------- */

typedef struct csv_state {
  importer *im;
  size_t row_bytes;      /* fed to the parser since the last row ended */
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

/* Put v at path buf (split in place) inside obj (steals v). */
static int place_at(json_t *obj, char *buf, json_t *v) {
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
        break;
      while (json_array_size(cur) < (size_t)idx)
        json_array_append_new(cur, json_null());
      child = json_array_get(cur, (size_t)idx - 1);
    } else {
      if (!json_is_object(cur))
        break;
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

/* Put v at a path like concerns.1.subtype inside obj (steals v). */
static int place(json_t *obj, const char *path, json_t *v) {
  char *buf = strdup(path);
  if (buf == NULL) {
    json_decref(v);
    return -1;
  }
  int rc = place_at(obj, buf, v);
  free(buf);
  return rc;
}

/* A message of any length, malloc'ed: a column's path or the engine's
   reason quoted whole. NULL when memory runs out. */
static char *msgf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *msgf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *m = n < 0 ? NULL : malloc((size_t)n + 1);
  if (m != NULL) {
    va_start(ap, fmt);
    vsnprintf(m, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  return m;
}

static void csv_field(void *p, size_t n, void *ud) {
  csv_state *cs = ud;
  json_array_append_new(cs->row, json_stringn((const char *)p, n));
}

/* The largest list position a column path names (0 for none). A number
   too large for a long counts as LONG_MAX. */
static long largest_position(const char *path) {
  long most = 0;
  for (const char *p = path; *p; ) {
    const char *dot = strchr(p, '.');
    size_t n = dot ? (size_t)(dot - p) : strlen(p);
    if (n > 0 && strspn(p, "0123456789") == n) {
      errno = 0;
      long v = strtol(p, NULL, 10);
      v = errno == ERANGE ? LONG_MAX : v;
      most = v > most ? v : most;
    }
    p += n + (dot != NULL);
  }
  return most;
}

/*
** A column's path as place() reads it: list positions without leading
** zeros ("concerns.01.subtype" is "concerns.1.subtype"), so two spellings
** of one field are seen as one. NULL: no memory.
*/
static char *canonical_path(const char *path) {
  size_t n = strlen(path);
  char *out = malloc(n + 1), *o = out;
  if (out == NULL)
    return NULL;
  for (const char *p = path; *p;) {
    const char *end = strchr(p, '.');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    size_t digits = strspn(p, "0123456789");
    if (digits == len && len > 1)
      while (len > 1 && *p == '0') { p++; len--; }
    memcpy(o, p, len);
    o += len;
    p += len;
    if (*p == '.')
      *o++ = *p++;
  }
  *o = '\0';
  return out;
}

/*
** A second column for a field a column already names would leave one of
** the two cells unread (the later one won): refused, naming both columns.
** seen maps each canonical path to its column number. 0: a new column.
*/
static size_t repeated_column(json_t *seen, const char *path, size_t col) {
  char *key = canonical_path(path);
  if (key == NULL)
    return 0;
  json_t *prev = json_object_get(seen, key);
  size_t first = prev ? (size_t)json_integer_value(prev) : 0;
  if (!prev)
    json_object_set_new(seen, key, json_integer((json_int_t)col));
  free(key);
  return first;
}

static void csv_header(csv_state *cs) {
  size_t i;
  json_t *h, *seen = json_object();
  cs->header = json_incref(cs->row);
  cs->types = json_array();
  json_array_foreach(cs->header, i, h) {
    const char *path = json_string_value(h);
    /* Refused before any row is read: a position past the list limit
       would only allocate its nulls before the case is refused. */
    long pos = path ? largest_position(path) : 0;
    char *msg = NULL;
    const char *t = NULL;
    size_t first = 0;
    if (pos > cs->im->max_items) {
      msg = msgf("column %zu names list position %ld, past the limit of %lld entries "
                 "in a list", i + 1, pos, cs->im->max_items);
    } else if (path && (first = repeated_column(seen, path, i + 1)) != 0) {
      msg = msgf("column %zu '%s' names the same field as column %zu; give each field "
                 "one column", i + 1, path, first);
    } else if (path == NULL) {
      msg = msgf("column %zu has no name", i + 1);
    } else if (th_engine_field_type(cs->im->e, path, &t) != TH_OK) {
      msg = msgf("column %zu %s", i + 1, th_errmsg(cs->im->e));   /* names path */
    } else if (!strcmp(t, "object") || !strcmp(t, "array")) {
      msg = msgf("column %zu '%s' names a %s; name its fields", i + 1, path, t);
    } else {
      json_array_append_new(cs->types, json_string(t));
      continue;
    }
    free(cs->bad_header);
    cs->bad_header = msg;
    if (msg == NULL)
      cs->im->fatal = ths_err(cs->im->s, TH_NOMEM, "out of memory") != TH_OK;
    break;
  }
  json_decref(seen);
}

static void csv_row(int c, void *ud) {
  csv_state *cs = ud;
  (void)c;
  cs->rows++;
  cs->row_bytes = 0;
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

static void import_csv(importer *im, source *in) {
  struct csv_parser p;
  csv_state cs = {im, 0, NULL, NULL, json_array(), 0, NULL};
  if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
    im->fatal = ths_err(im->s, TH_NOMEM, "out of memory") != TH_OK;
    json_decref(cs.row);
    return;
  }
  /* A cell's buffer grows by this much at a time, not libcsv's 128 bytes:
     a long cell is thousands of reallocations fewer. */
  csv_set_blk_size(&p, SOURCE_CHUNK);
  int broken = 0, too_long = 0;
  while (!broken && !im->fatal && fill(in) > 0) {
    size_t n = in->len - in->off;
    broken = csv_parse(&p, in->buf + in->off, n, csv_field, csv_row, &cs) != n;
    in->off = in->len;
    /* A row still open after more than a case's bytes (one chunk of
       slack: the row may have begun inside it) is refused before the
       parser holds more of it. */
    cs.row_bytes += n;
    if (!broken && cs.row_bytes > im->max_record + SOURCE_CHUNK)
      broken = too_long = 1;
  }
  if (too_long) {
    char msg[160];
    snprintf(msg, sizeof msg, "CSV: row %ld is longer than the limit of one case "
             "(%zu bytes); the rest of the input was not read", cs.rows + 1,
             im->max_record);
    reject(im, cs.rows, cs.rows + 1, NULL, msg);
    im->rejected++;
  } else if (broken || csv_fini(&p, csv_field, csv_row, &cs) != 0) {
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

static void import_from(importer *im, source *in, int format) {
  if (format == TH_FORMAT_JSONL) {
    import_jsonl(im, in);
  } else if (format == TH_FORMAT_CSV) {
    import_csv(im, in);
  } else {
    size_t n;
    const char *all = rest(in, &n);
    if (!in->failed)
      import_json(im, all, n);
  }
}

int th_store_import_from(th_store *s, th_engine *e, th_read_fn *read, void *ud,
                         int format, unsigned flags, const char *at, char **report) {
  if (report)
    *report = NULL;
  if (s == NULL || e == NULL || read == NULL || report == NULL || at == NULL ||
      format < TH_FORMAT_JSON || format > TH_FORMAT_CSV)
    return s ? ths_err(s, TH_MISUSE, "import: bad arguments") : TH_MISUSE;
  if (th_engine_ruleset_id(e) == NULL)
    return ths_err(s, TH_MISUSE, "import: the engine has no rule set");
  long long case_bytes = th_engine_limit(e, TH_LIMIT_CASE_BYTES, -1);
  importer im = {s, e, at, json_array(), 0, 0, 0, 0, 0, 0,
                 case_bytes > 0 ? (size_t)case_bytes : (size_t)-1 / 2,
                 th_engine_limit(e, TH_LIMIT_LIST_ITEMS, -1)};
  if (im.max_items <= 0)
    im.max_items = LLONG_MAX;
  source in = {read, ud, NULL, 0, 0, 0, 0, 0};
  int st = ths_exec(s, "CREATE TEMP TABLE IF NOT EXISTS import_ids"
                             "(id TEXT PRIMARY KEY, record INTEGER) WITHOUT ROWID");
  if (st == TH_OK)
    st = ths_exec(s, "DELETE FROM temp.import_ids");
  if (st == TH_OK)
    st = ths_exec(s, "BEGIN IMMEDIATE");
  if (st == TH_OK) {
    import_from(&im, &in, format);
    int strict_fail = (flags & TH_IMPORT_STRICT) && json_array_size(im.errors) > 0;
    if (im.fatal || in.failed) {
      st = im.fatal ? TH_DB               /* message already set */
         : in.failed == 2 ? ths_err(s, TH_NOMEM, "import: out of memory "
                                          "reading the input; nothing was imported")
         : ths_err(s, TH_IO, "import: the input could not be read; "
                         "nothing was imported");
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    } else if (strict_fail) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      im.imported = im.updated = im.unchanged = 0;
    } else if ((st = ths_exec(s, "COMMIT")) != TH_OK) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    if (st == TH_OK) {
      json_t *rep = json_pack("{s:I, s:I, s:I, s:I, s:I, s:b, s:O}",
        "records", (json_int_t)im.records, "imported", (json_int_t)im.imported,
        "updated", (json_int_t)im.updated, "unchanged", (json_int_t)im.unchanged,
        "rejected", (json_int_t)im.rejected, "written", !strict_fail,
        "errors", im.errors);
      st = ths_give(s, rep, report);
    }
  }
  sqlite3_exec(s->db, "DELETE FROM temp.import_ids", NULL, NULL, NULL);
  json_decref(im.errors);
  free(in.buf);
  return st;
}

int th_store_import(th_store *s, th_engine *e, const char *data, size_t len,
                    int format, unsigned flags, const char *at, char **report) {
  if (data == NULL && len > 0) {
    if (report)
      *report = NULL;
    return s ? ths_err(s, TH_MISUSE, "import: bad arguments") : TH_MISUSE;
  }
  bytes b = {data ? data : "", len};
  return th_store_import_from(s, e, read_bytes, &b, format, flags, at, report);
}
