/*
** test_store_import.c -- importing through a read function
** (th_store_import_from) gives the report and the store that importing
** the same bytes whole gives, however the reads split the input: lines,
** CRLF endings and CSV rows cut across reads, reads of one byte, a last
** line without a newline. A read that fails imports nothing.
*/
#include "support.h"
#include "threshold_store.h"

#include <sqlite3.h>

#define AT "2026-12-01T00:00:00Z"

static th_engine *core_engine(void) {
  const char *rules = getenv("THRESHOLD_RULES");
  if (rules == NULL)
    fail_msg("THRESHOLD_RULES must be set (make unit sets it)");
  char dir[512];
  snprintf(dir, sizeof dir, "%s/core", rules);
  th_engine *e = NULL;
  assert_int_equal(th_engine_new(&e, 0), TH_OK);
  assert_int_equal(th_engine_load(e, dir), TH_OK);
  return e;
}

static th_store *new_store(const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s.db", fixture_base(), name);
  unlink(path);
  th_store *s = NULL;
  assert_int_equal(th_store_open(&s, path, TH_STORE_CREATE), TH_OK);
  return s;
}

/* The first n lines of the generated caseload, with a duplicate id and a
** malformed line among them, CRLF endings on some lines and none after
** the last: what a caller may hand over. */
static char *caseload_text(long n, size_t *len) {
  const char *path = getenv("THRESHOLD_CASELOAD");
  if (path == NULL)
    fail_msg("THRESHOLD_CASELOAD must be set (make unit sets it)");
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  size_t cap = 1 << 20, used = 0;
  char *out = malloc(cap), *line = NULL, *first = NULL;
  size_t lcap = 0;
  ssize_t got;
  for (long i = 0; i < n && (got = getline(&line, &lcap, f)) > 0; i++) {
    while (used + (size_t)got + 64 > cap)
      out = realloc(out, cap *= 2);
    assert_non_null(out);
    if (i == 0)
      first = strdup(line);
    memcpy(out + used, line, (size_t)got);
    used += (size_t)got;
    if (i % 3 == 1) {                              /* a CRLF ending */
      out[used - 1] = '\r';
      out[used++] = '\n';
    }
    if (i == n / 2) {                              /* noise half way */
      memcpy(out + used, "{\"id\": \n", 8);
      used += 8;
      while (used + strlen(first) + 1 > cap)
        out = realloc(out, cap *= 2);
      memcpy(out + used, first, strlen(first));    /* the first id again */
      used += strlen(first);
    }
  }
  if (used > 0 && out[used - 1] == '\n')
    used--;                                        /* no final newline */
  free(line);
  free(first);
  fclose(f);
  *len = used;
  return out;
}

/* Reads of 1, 2, ... up to `most` bytes, as a pipe or socket may give. */
typedef struct dribble {
  const char *p;
  size_t left, step, most;
  size_t fail_after;          /* fail once this many bytes are given (0: never) */
  size_t given;
} dribble;

static long read_dribble(void *ud, char *buf, size_t cap) {
  dribble *d = ud;
  if (d->fail_after && d->given >= d->fail_after)
    return -1;
  size_t n = d->step % d->most + 1;
  d->step++;
  if (n > cap)
    n = cap;
  if (n > d->left)
    n = d->left;
  memcpy(buf, d->p, n);
  d->p += n;
  d->left -= n;
  d->given += n;
  return (long)n;
}

/* Import text into a new store `name` in reads of 1 to `most` bytes,
** failing once fail_after bytes are given (0: never). */
static int import_in_pieces(th_engine *e, const char *name, const char *text,
                            size_t len, int format, size_t most, size_t fail_after,
                            char **report) {
  th_store *s = new_store(name);
  dribble d = {text, len, 0, most, fail_after, 0};
  int st = th_store_import_from(s, e, read_dribble, &d, format, 0, AT, report);
  if (st != TH_OK)
    assert_non_null(strstr(th_store_errmsg(s), "nothing was imported"));
  th_store_close(s);
  return st;
}

/* Every stored case (id, hash, version), in order, as one text. */
static char *store_cases(const char *name) {
  char path[512], *text = NULL;
  snprintf(path, sizeof path, "%s/%s.db", fixture_base(), name);
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  sqlite3_stmt *st = NULL;
  assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(id || ' ' || hash || ' '"
                                      " || version, ';') FROM (SELECT * FROM cases"
                                      " ORDER BY id)", -1, &st, NULL), SQLITE_OK);
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    text = strdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return text ? text : strdup("");
}

static void jsonl_read_in_pieces_as_whole(void **state) {
  (void)state;
  th_engine *e = core_engine();
  size_t len;
  char *text = caseload_text(400, &len);
  assert_true(len > 3 * 64 * 1024);      /* more than the reader's chunk */

  th_store *whole = new_store("whole");
  char *want = NULL;
  assert_int_equal(th_store_import(whole, e, text, len, TH_FORMAT_JSONL, 0, AT, &want),
                   TH_OK);
  json_t *w = json_loads(want, 0, NULL);
  assert_int_equal(json_integer_value(json_object_get(w, "imported")), 400);
  assert_int_equal(json_integer_value(json_object_get(w, "rejected")), 2);
  assert_non_null(strstr(want, "duplicate case id in this import (first at record 1)"));
  json_decref(w);
  char *want_cases = store_cases("whole");

  static const size_t most[] = {1, 7, 4096, 200000};
  for (size_t i = 0; i < sizeof most / sizeof most[0]; i++) {
    char name[32];
    snprintf(name, sizeof name, "pieces-%zu", most[i]);
    char *got = NULL;
    assert_int_equal(import_in_pieces(e, name, text, len, TH_FORMAT_JSONL, most[i], 0, &got),
                     TH_OK);
    assert_string_equal(got, want);
    char *cases = store_cases(name);
    assert_string_equal(cases, want_cases);
    free(cases);
    free(got);
  }
  free(want_cases);
  free(want);
  th_store_close(whole);
  free(text);
  th_engine_free(e);
}

static void csv_read_in_pieces_as_whole(void **state) {
  (void)state;
  th_engine *e = core_engine();
  const char *csv =
      "id,assessed_on,child.dob\r\n"
      "K1,2026-11-02,2019-05-01\r\n"
      "K2,2026-11-02,\"2018-01-01\"\n"
      "K3,2026-11-02,2026-02-30\n"
      "K1,2026-11-02,2019-05-01";
  th_store *whole = new_store("csv-whole");
  char *want = NULL;
  assert_int_equal(th_store_import(whole, e, csv, strlen(csv), TH_FORMAT_CSV, 0, AT, &want),
                   TH_OK);
  assert_non_null(strstr(want, "\"imported\":2"));
  assert_non_null(strstr(want, "child.dob"));
  assert_non_null(strstr(want, "duplicate case id"));
  char *got = NULL;
  assert_int_equal(import_in_pieces(e, "csv-pieces", csv, strlen(csv), TH_FORMAT_CSV, 3, 0,
                                    &got), TH_OK);
  assert_string_equal(got, want);
  free(got);
  free(want);
  th_store_close(whole);
  th_engine_free(e);
}

static void failed_read_imports_nothing(void **state) {
  (void)state;
  th_engine *e = core_engine();
  size_t len;
  char *jsonl = caseload_text(50, &len);
  char *csv = malloc(64 * 1024);
  assert_non_null(csv);
  size_t clen = (size_t)sprintf(csv, "id,assessed_on,child.dob\n");
  for (int i = 0; i < 2000; i++)
    clen += (size_t)sprintf(csv + clen, "K%d,2026-11-02,2019-05-01\n", i);
  static const int formats[] = {TH_FORMAT_JSONL, TH_FORMAT_JSON, TH_FORMAT_CSV};
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    const char *text = formats[i] == TH_FORMAT_CSV ? csv : jsonl;
    size_t n = formats[i] == TH_FORMAT_CSV ? clen : len;
    char *got = NULL;
    assert_int_equal(import_in_pieces(e, "failing", text, n, formats[i], 5000, n / 2, &got),
                     TH_IO);
    assert_null(got);
    char *cases = store_cases("failing");
    assert_string_equal(cases, "");
    free(cases);
  }
  free(csv);
  free(jsonl);
  th_engine_free(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(jsonl_read_in_pieces_as_whole),
    cmocka_unit_test(csv_read_in_pieces_as_whole),
    cmocka_unit_test(failed_read_imports_nothing),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
