/*
** test_case_reader.c -- the single-pass case reader agrees with jansson
** (tests/fuzz/reader_diff.h), on inputs chosen for each rule of the
** grammar, on every example and hostile case and 2,000 generated ones, and
** on deterministic mutations of them (truncations, bytes replaced,
** inserted and deleted). Valid cases must take the fast path: a reader
** that declined everything would agree with jansson and be useless.
** Every input is read twice: plain, and with the core rule set's case
** schema in the engine's own state, where the reader also checks the
** case; a generated case must pass that check.
*/
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include <lualib.h>

#include "../fuzz/reader_diff.h"

static lua_State *L;
static th_engine *E;        /* the core rule set, its case schema made */
static long checked, accepted, passed;

/* The reader's answer on the bytes with the schema (0, 1 or 2), after it
** and jansson were found to agree both ways. */
static int read_both_ways(const char *data, size_t size) {
  char why[256];
  int plain = 0, fast = 0;
  if (reader_diff(L, NULL, data, size, &plain, why, sizeof why) ||
      reader_diff(E->L, E->case_schema, data, size, &fast, why, sizeof why)) {
    fprintf(stderr, "input (%zu bytes): %.*s\n", size, (int)(size < 300 ? size : 300), data);
    fail_msg("%s", why);
  }
  if ((plain != 0) != (fast != 0))
    fail_msg("the schema changed what the reader accepts: %.*s", (int)size, data);
  return fast;
}

static void check(const char *data, size_t size) {
  int fast = read_both_ways(data, size);
  checked++;
  accepted += fast != 0;
  passed += fast == 2;
}

static int check_is_fast(const char *s) {
  return read_both_ways(s, strlen(s)) != 0;
}

/* Each: valid JSON jansson accepts and the reader must take itself. */
static const char *const valid[] = {
  "{}", "[]", " \t\r\n{ } \n", "{\"a\":1}", "[1,2,3]", "{\"\":\"\"}",
  "[0, -0, 1, -1, 9223372036854775807, -9223372036854775808]",
  "[0.5, -0.0, 1e5, 1E+5, 1e-5, 2.5e-308, 4.9e-324, 1e-400, 1.7976931348623157e308]",
  "[true, false, null, \"x\"]",
  "{\"s\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"}",
  "[\"\\u00e9\", \"\\u20AC\", \"\\ud83d\\ude00\", \"\\uFFFF\", \"\\u0001\"]",
  "[\"caf\xc3\xa9\", \"\xe2\x82\xac\", \"\xf0\x9f\x98\x80\", \"\xf4\x8f\xbf\xbf\", \"\x7f\"]",
  "{\"a\":{\"b\":{\"c\":[[[]]]}},\"A\":[{},{}]}",
  "{\"1\":1,\"01\":2}",
};

/* Each: input jansson rejects, so the reader must decline it. */
static const char *const invalid[] = {
  "", " ", "1", "\"s\"", "true", "null", "{", "[", "}", "]", "{]", "[}",
  "{\"a\":1,}", "[1,]", "[,1]", "{,}", "{\"a\"}", "{\"a\" 1}", "{a:1}", "{'a':1}",
  "{\"a\":1}{}", "{\"a\":1} x", "[1 2]", "{\"a\":1 \"b\":2}",
  "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}",
  "[01]", "[-01]", "[1.]", "[.5]", "[-]", "[+1]", "[1e]", "[1e+]", "[0x10]",
  "[1.5e3x]", "[NaN]", "[Infinity]", "[-Infinity]", "[1e400]", "[-1e400]",
  "[9223372036854775808]", "[-9223372036854775809]",
  "[tru]", "[truex]", "[nul]", "[nulll]", "[True]", "[FALSE]",
  "[\"\\u0000\"]", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]",
  "[\"\\ud800x\"]", "[\"\\u12\"]", "[\"\\u12g4\"]", "[\"\\x41\"]", "[\"\\a\"]", "[\"\\",
  "[\"a\tb\"]", "[\"a\nb\"]", "[\"unterminated]",
  "[\"\xc0\x80\"]", "[\"\xc1\xbf\"]", "[\"\xe0\x80\x80\"]", "[\"\xed\xa0\x80\"]",
  "[\"\xf0\x80\x80\x80\"]", "[\"\xf4\x90\x80\x80\"]", "[\"\xf5\x80\x80\x80\"]",
  "[\"\xff\"]", "[\"\x80\"]", "[\"\xc3\"]", "[\"\xe2\x82\"]", "[\"\xc3(\"]",
  "\xef\xbb\xbf{}", "[1]\xc3\xa9",
};

static void grammar(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof valid / sizeof *valid; i++)
    if (!check_is_fast(valid[i]))
      fail_msg("the reader declined valid input: %s", valid[i]);
  for (size_t i = 0; i < sizeof invalid / sizeof *invalid; i++)
    if (check_is_fast(invalid[i]))
      fail_msg("the reader accepted: %s", invalid[i]);
  /* NUL bytes: jansson rejects them in strings and after a container, and
     skips one after a number or literal; the reader declines them all */
  check("[\"a\0b\"]", 7);
  check("{}\0", 3);
  check("[true\0]", 7);
  check("[1\0]", 4);
}

static void depth(void **state) {
  (void)state;
  /* jansson stops at 2048 nested containers; the reader too */
  for (int n = 2046; n <= 2050; n++) {
    char *s = malloc((size_t)n * 2 + 1);
    memset(s, '[', (size_t)n);
    memset(s + n, ']', (size_t)n);
    check(s, (size_t)n * 2);
    free(s);
  }
  static const thi_case_limits tight = {3, 2, 4, 100};
  lua_settop(L, 0);
  assert_int_equal(thi_case_read(L, "{\"a\":{\"b\":1}}", 13, &tight, NULL), 1);
  assert_int_equal(thi_case_read(L, "{\"a\":{\"b\":[1]}}", 15, &tight, NULL), 0);   /* depth 4 */
  assert_int_equal(thi_case_read(L, "[1,2,3]", 7, &tight, NULL), 0);             /* 3 items */
  assert_int_equal(thi_case_read(L, "[\"abcde\"]", 9, &tight, NULL), 0);         /* 5 bytes */
  assert_int_equal(thi_case_read(L, "[\"\\u00e9\\u00e9\\u00e9\"]", 22, &tight, NULL), 0);
  assert_int_equal(thi_case_read(L, "[101]", 5, &tight, NULL), 0);               /* > 100 */
  assert_int_equal(thi_case_read(L, "[-100.5]", 8, &tight, NULL), 0);
  assert_int_equal(thi_case_read(L, "[100, -100]", 11, &tight, NULL), 1);
  lua_settop(L, 0);
}

/* Deterministic mutations of one input: every truncation (up to 4 KB),
** then byte replacements, insertions and deletions at random places. */
static void mutate(const char *s, size_t n, unsigned *seed, int rounds,
                   void (*each)(const char *, size_t)) {
  static const char bytes[] = "{}[]\",:\\u0123456789-+.eEtrufalsn \t\n\x80\xc3\xed\xf0\xff\x00";
  char *buf = malloc(n + 2);
  for (size_t cut = 0; cut < n && cut < 4096; cut++)
    each(s, cut);
  for (int i = 0; i < rounds && n > 0; i++) {
    *seed = *seed * 1103515245u + 12345u;
    size_t at = (*seed >> 8) % n;
    char b = bytes[(*seed >> 3) % (sizeof bytes - 1)];
    size_t m = n;
    memcpy(buf, s, n);
    switch (*seed % 3) {
    case 0: buf[at] = b; break;
    case 1: memmove(buf + at + 1, buf + at, n - at); buf[at] = b; m++; break;
    default: memmove(buf + at, buf + at + 1, n - at - 1); m--; break;
    }
    each(buf, m);
  }
  free(buf);
}

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  char *s = malloc(1 << 20);
  *n = fread(s, 1, 1 << 20, f);
  fclose(f);
  return s;
}

static void corpus_dir(const char *dir, unsigned *seed) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (strstr(de->d_name, ".json") == NULL)
      continue;
    char path[512];
    size_t n = 0;
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    char *s = slurp(path, &n);
    assert_non_null(s);
    check(s, n);
    mutate(s, n, seed, 400, check);
    free(s);
  }
  closedir(d);
}

static void corpus(void **state) {
  (void)state;
  unsigned seed = 20261122;
  const char *root = getenv("THRESHOLD_SOURCE");
  char dir[512];
  snprintf(dir, sizeof dir, "%s/examples/cases", root ? root : ".");
  corpus_dir(dir, &seed);
  snprintf(dir, sizeof dir, "%s/tests/hostile/cases", root ? root : ".");
  corpus_dir(dir, &seed);
  const char *caseload = getenv("THRESHOLD_CASELOAD");
  assert_non_null(caseload);
  FILE *f = fopen(caseload, "rb");
  assert_non_null(f);
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  long lines = 0;
  while ((len = getline(&line, &cap, f)) > 0) {
    check(line, (size_t)len);
    if (lines++ < 200)
      mutate(line, (size_t)len, &seed, 200, check);
  }
  free(line);
  fclose(f);
  assert_true(lines >= 2000);
  print_message("reader and jansson agree on %ld inputs (%ld taken by the reader, "
                "%ld passed by the schema)\n", checked, accepted, passed);
}

/* Every generated case takes the fast path, and passes the schema there. */
static void caseload_is_fast(void **state) {
  (void)state;
  FILE *f = fopen(getenv("THRESHOLD_CASELOAD"), "rb");
  assert_non_null(f);
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, f)) > 0) {
    line[len - 1] = '\0';
    int fast = read_both_ways(line, strlen(line));
    if (fast == 0)
      fail_msg("a generated case was declined: %.200s", line);
    if (fast != 2)
      fail_msg("a generated case did not pass the schema in the reader: %.200s", line);
  }
  free(line);
  fclose(f);
}

/* The schema's part: known keys are matched by their bytes and their
** duplicates caught without a lookup, so a key spelled with an escape must
** still be caught as the same key, in either order; a value the schema
** does not pass leaves the case to the prelude (1), without declining. */
static void schema(void **state) {
  (void)state;
  static const char *const declined[] = {
    "{\"id\":\"a\",\"id\":\"b\"}",
    "{\"id\":\"a\",\"\\u0069d\":\"b\"}",
    "{\"\\u0069d\":\"a\",\"id\":\"b\"}",
    "{\"x\":1,\"id\":\"a\",\"id\":\"b\"}",
    "{\"child\":{\"dob\":\"2020-01-01\",\"dob\":\"2020-01-02\"}}",
    "{\"child\":{\"dob\":\"2020-01-01\",\"d\\u006fb\":\"2020-01-02\"}}",
  };
  for (size_t i = 0; i < sizeof declined / sizeof *declined; i++)
    if (read_both_ways(declined[i], strlen(declined[i])) != 0)
      fail_msg("the reader accepted: %s", declined[i]);
  static const struct { const char *json; int answer; } read[] = {
    {"{\"id\":\"a\",\"assessed_on\":\"2026-01-01\"}", 2},
    {"{\"id\":\"a\",\"child\":{\"dob\":\"2020-02-29\"}}", 2},
    {"{\"\\u0069d\":\"a\"}", 1},                          /* escaped: the prelude's */
    {"{\"id\":1}", 1},                                     /* wrong type */
    {"{\"id\":null}", 1},                                  /* null: dropped there */
    {"{\"id\":\"a\",\"not_a_field\":1}", 1},              /* a warning */
    {"{\"child\":{\"dob\":\"2019-02-29\"}}", 1},           /* not a date */
    {"{\"child\":{\"dob\":\"1899-12-31\"}}", 1},
    {"{\"child\":[]}", 1},                                 /* a list for an object */
    {"[]", 1},
  };
  for (size_t i = 0; i < sizeof read / sizeof *read; i++)
    if (read_both_ways(read[i].json, strlen(read[i].json)) != read[i].answer)
      fail_msg("%s: expected the reader's answer %d", read[i].json, read[i].answer);
}

static void expect_answer(thi_case_schema *s, const char *json, int answer) {
  char why[256];
  int fast;
  if (reader_diff(L, s, json, strlen(json), &fast, why, sizeof why))
    fail_msg("%s: %s", json, why);
  if (fast != answer)
    fail_msg("%s: the reader answered %d, not %d", json, fast, answer);
}

/* An object of more than 64 fields (past the 64th, duplicates are found
** by lookups): every field given once passes; any given twice, declined. */
static void schema_of_many_fields(void **state) {
  (void)state;
  assert_int_equal(luaL_dostring(L, "local f = {} for i = 1, 70 do f['f' .. i] = { type = 'integer' } end "
                                    "return { type = 'object', fields = f }, {}"), LUA_OK);
  thi_case_schema *many = thi_case_schema_build(L, 1, 2);
  assert_non_null(many);
  lua_settop(L, 0);
  char all[1024], twice[64];
  size_t n = 0;
  for (int i = 1; i <= 70; i++)
    n += (size_t)snprintf(all + n, sizeof all - n, "%c\"f%d\":%d", i == 1 ? '{' : ',', i, i);
  snprintf(all + n, sizeof all - n, "}");
  expect_answer(many, all, 2);
  for (int i = 1; i <= 70; i++) {
    snprintf(twice, sizeof twice, "{\"f%d\":1,\"f1%d\":1,\"f%d\":2}", i, i, i);
    expect_answer(many, twice, 0);
  }
  expect_answer(many, "{\"f1\":1.5}", 1);
  thi_case_schema_free(L, many);
}

/* Reading flat (the benchmark's set, whose rules are all inlined): when
** the flat reader takes the bytes, the reader into tables must pass them
** against the schema, and every value read flat must be the one at its
** field in the tables, none where the tables have none (or an object). */
static th_engine *B;        /* the benchmark's rule set, reading flat */
static long flat_taken;

static void check_flat(const char *data, size_t size) {
  char why[256];
  int taken;
  if (reader_diff_flat(B, data, size, &taken, why, sizeof why))
    fail_msg("%s: %.*s", why, (int)size, data);
  flat_taken += taken;
}

static void reading_flat(void **state) {
  (void)state;
  FILE *f = fopen(getenv("THRESHOLD_BENCH_SAMPLES"), "rb");
  assert_non_null(f);
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  unsigned seed = 7;
  long lines = 0;
  while ((len = getline(&line, &cap, f)) > 0) {
    check_flat(line, (size_t)len);
    mutate(line, (size_t)len, &seed, 2000, check_flat);
    /* a key given twice, at the top and inside an object: never flat */
    static const char *const twice[][2] = {{"{", "{\"id\":\"x\","}, {"\"gcp2\":{", "\"gcp2\":{\"safety\":2,"}};
    for (size_t k = 0; k < 2; k++) {
      const char *at = strstr(line, twice[k][0]);
      assert_non_null(at);
      char *dup = malloc((size_t)len + 64);
      size_t head = (size_t)(at - line);
      snprintf(dup, (size_t)len + 64, "%.*s%s%s", (int)head, line, twice[k][1],
               at + strlen(twice[k][0]));
      long before = flat_taken;
      check_flat(dup, strlen(dup));
      if (flat_taken != before)
        fail_msg("read flat with a key given twice: %s", dup);
      free(dup);
    }
    /* an id whose string needs decoding: read into tables, not flat */
    const char *id = strstr(line, "\"id\":\"");
    assert_non_null(id);
    char *escaped = malloc((size_t)len + 16);
    snprintf(escaped, (size_t)len + 16, "%.*sC\\u00e9%s", (int)(id - line + 6), line, id + 6);
    long before = flat_taken;
    check_flat(escaped, strlen(escaped));
    if (flat_taken != before)
      fail_msg("read flat with a string to decode: %s", escaped);
    free(escaped);
    lines++;
  }
  free(line);
  fclose(f);
  assert_true(B->case_schema->nslots > 0);
  assert_true(flat_taken >= lines);       /* every sample, and some mutations */
  print_message("%ld inputs read flat\n", flat_taken);
}

/* The core rule set's engine, warmed on the caseload so that the nodes of
** every table its cases hold are made. */
static th_engine *core_engine(void) {
  const char *rules = getenv("THRESHOLD_RULES"), *caseload = getenv("THRESHOLD_CASELOAD");
  if (rules == NULL || caseload == NULL) {
    fprintf(stderr, "THRESHOLD_RULES and THRESHOLD_CASELOAD must be set (make unit sets them)\n");
    exit(1);
  }
  char dir[512];
  snprintf(dir, sizeof dir, "%s/core", rules);
  th_engine *e = reader_diff_engine_warmed(dir, caseload);
  if (e == NULL) {
    fprintf(stderr, "cannot load %s or read %s\n", dir, caseload);
    exit(1);
  }
  if (e->case_schema == NULL) {
    fprintf(stderr, "the engine made no case schema\n");
    exit(1);
  }
  return e;
}

/* The benchmark's rule set, warmed on its samples: its fast paths made. */
static th_engine *bench_engine(void) {
  th_engine *e = reader_diff_engine_warmed(getenv("THRESHOLD_BENCH_RULES"),
                                           getenv("THRESHOLD_BENCH_SAMPLES"));
  if (e == NULL) {
    fprintf(stderr, "THRESHOLD_BENCH_RULES and THRESHOLD_BENCH_SAMPLES must name the benchmark's "
                    "set and samples (make unit sets them)\n");
    exit(1);
  }
  return e;
}

int main(void) {
  L = luaL_newstate();
  E = core_engine();
  B = bench_engine();
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(grammar),
    cmocka_unit_test(schema),
    cmocka_unit_test(schema_of_many_fields),
    cmocka_unit_test(reading_flat),
    cmocka_unit_test(depth),
    cmocka_unit_test(caseload_is_fast),
    cmocka_unit_test(corpus),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  lua_close(L);
  th_engine_free(E);
  th_engine_free(B);
  return failed;
}
