/*
** test_compiled.c -- the fast paths against the general ones. Data
** conditions are inlined into one chunk and compiled into closures at load,
** and a case is checked against the schema by the reader as it reads it
** (engine/case_schema.c) or by per-field checkers; explain mode, why-not
** and THI_EVAL_INTERPRET use the interpreter and the general validator.
** For every rule set, over a generated caseload (with its
** missing fields, so unknowns are exercised) and over mutations of it
** (values of the wrong type, null, out of range, unknown fields, so the
** checkers must hand over to the validator), both ways must give
** byte-identical results.
*/
#include "internal.h"
#define TEST_EVAL thi_eval_flags   /* the helpers take THI_EVAL_INTERPRET */
#include "support.h"

/* Every value in j, with where it sits, for mutate(). */
typedef struct slot {
  json_t *parent;
  const char *key;     /* NULL: an array index */
  size_t index;
} slot;

static void collect(json_t *j, slot *v, size_t *n, size_t cap) {
  const char *key;
  json_t *x;
  size_t i;
  if (json_is_object(j)) {
    json_object_foreach(j, key, x) {
      if (*n < cap)
        v[(*n)++] = (slot){j, key, 0};
      collect(x, v, n, cap);
    }
  } else if (json_is_array(j)) {
    json_array_foreach(j, i, x) {
      if (*n < cap)
        v[(*n)++] = (slot){j, NULL, i};
      collect(x, v, n, cap);
    }
  }
}

/* The case with one value replaced or removed (or a field added), chosen
** by seed. */
static char *mutate(const char *line, size_t len, unsigned seed) {
  json_t *j = json_loadb(line, len, 0, NULL);
  assert_non_null(j);
  slot v[512];
  size_t n = 0;
  collect(j, v, &n, 512);
  json_t *(*const make[])(void) = {json_null, json_true, json_object, json_array};
  unsigned kind = seed % 10;
  json_t *x = kind < 4 ? make[kind]()
            : kind == 4 ? json_string("x")
            : kind == 5 ? json_real(1.5)
            : kind == 6 ? json_integer(-1)
            : json_integer(100000);
  if (kind == 8 || n == 0) {
    json_object_set_new(j, "not_a_field", x);
  } else if (kind == 9) {         /* not recorded: what reads it is unknown */
    slot *s = &v[(seed / 10) % n];
    json_decref(x);
    if (s->key)
      json_object_del(s->parent, s->key);
    else
      json_array_remove(s->parent, s->index);
  } else {
    slot *s = &v[(seed / 9) % n];
    if (s->key)
      json_object_set_new(s->parent, s->key, x);
    else
      json_array_set_new(s->parent, s->index, x);
  }
  char *out = json_dumps(j, JSON_COMPACT);
  json_decref(j);
  return out;
}

/* Full results, and brief ones (no why_not) and summaries, which a case
** read flat (engine/case_reader.c) can give. */
static void same_both_ways(th_engine *e, const char *set, const char *json, long line,
                           const char *what) {
  size_t len = strlen(json);
  for (unsigned brief = 0; brief <= TH_EVAL_BRIEF; brief += TH_EVAL_BRIEF) {
    th_result *a = NULL, *b = NULL;
    assert_int_equal(th_eval(e, json, len, brief, &a), TH_OK);
    assert_int_equal(thi_eval_flags(e, json, len, brief | THI_EVAL_INTERPRET, &b), TH_OK);
    if (strcmp(th_result_json(a), th_result_json(b)) != 0)
      fail_msg("%s, case line %ld%s%s: the fast and general ways differ", set, line, what,
               brief ? ", brief" : "");
    th_result_free(a);
    th_result_free(b);
  }
  same_summary(e, json, THI_EVAL_INTERPRET);
}

/* Explained results (each finding with the facts it read): the compiled
** closures and why-not's leaves against the interpreter, byte for byte. */
static void same_explained(th_engine *e, const char *set, const char *json, long line) {
  th_result *a = NULL, *b = NULL;
  assert_int_equal(th_eval(e, json, strlen(json), TH_EVAL_EXPLAIN, &a), TH_OK);
  assert_int_equal(thi_eval_flags(e, json, strlen(json), TH_EVAL_EXPLAIN | THI_EVAL_INTERPRET, &b),
                   TH_OK);
  if (strcmp(th_result_json(a), th_result_json(b)) != 0)
    fail_msg("%s, case line %ld: explained, the fast and general ways differ", set, line);
  th_result_free(a);
  th_result_free(b);
}

static void same_results_compiled_and_interpreted(void **state) {
  (void)state;
  const char *path = getenv("THRESHOLD_CASELOAD");
  const char *rules = getenv("THRESHOLD_RULES");
  if (path == NULL || rules == NULL)
    fail_msg("THRESHOLD_CASELOAD and THRESHOLD_RULES must be set (make unit sets them)");
  static const char *const sets[] = {"core", "peterborough", "northamptonshire",
                                     "rotherham", "staffordshire"};
  for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s/%s", rules, sets[s]);
    th_engine *e = load_set(dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long n = 0;
    long invalid = 0;
    long checked = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
      line[len - 1] = '\0';
      long before = e->cases_checked;
      same_both_ways(e, sets[s], line, n + 1, "");
      checked += e->cases_checked > before;
      if (n % 4 == 0)                 /* explained: slower, so a quarter */
        same_explained(e, sets[s], line, n + 1);
      char *m = mutate(line, (size_t)len - 1, (unsigned)(n * 2654435761u + s));
      th_result *r = NULL;
      assert_int_equal(th_eval(e, m, strlen(m), 0, &r), TH_OK);
      invalid += th_result_status(r) == TH_RESULT_INVALID;
      th_result_free(r);
      same_both_ways(e, sets[s], m, n + 1, ", mutated");
      free(m);
      n++;
    }
    assert_true(invalid >= n / 4);   /* the mutations do reach the validator */
    if (checked < n * 99 / 100)        /* the unmutated cases, in the reader */
      fail_msg("%s: the reader passed %ld of %ld valid cases against the schema",
               sets[s], checked, n);
    assert_true(n >= 1000);
    free(line);
    fclose(f);
    th_engine_free(e);
  }
}

/* The benchmark's rule set, with the date its samples are evaluated as of,
** and its sample cases opened in *samples. */
static th_engine *bench_engine(FILE **samples) {
  const char *path = getenv("THRESHOLD_BENCH_SAMPLES");
  const char *rules = getenv("THRESHOLD_BENCH_RULES");
  if (path == NULL || rules == NULL)
    fail_msg("THRESHOLD_BENCH_SAMPLES and THRESHOLD_BENCH_RULES must be set (make unit sets them)");
  th_engine *e = load_set(rules);
  assert_int_equal(th_engine_set_default_date(e, "2026-01-01"), TH_OK);
  *samples = fopen(path, "r");
  assert_non_null(*samples);
  return e;
}

/* The benchmark's rule set, whose facts are how_many and largest computed
** in the chunk, falling back to the general way when a value they need is
** not recorded: its sample cases, each mutated many ways, both ways. */
static void bench_set_same_both_ways(void **state) {
  (void)state;
  FILE *f;
  th_engine *e = bench_engine(&f);
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  long n = 0;
  while ((len = getline(&line, &cap, f)) > 0) {
    line[len - 1] = '\0';
    same_both_ways(e, "bench", line, n + 1, "");
    for (unsigned k = 0; k < 400; k++) {
      char *m = mutate(line, (size_t)len - 1, (unsigned)n * 7919u + k);
      same_both_ways(e, "bench", m, n + 1, ", mutated");
      free(m);
    }
    n++;
  }
  assert_true(n >= 14);
  free(line);
  fclose(f);
  th_engine_free(e);
}

/* How many inlined declarations and facts the last evaluation sent the
** general way (the prelude's last_slow); -1 if it did not use the chunk. */
static long last_slow(th_engine *e) {
  thi_sandbox_pushapi(e->L, "last_slow");
  if (lua_pcall(e->L, 0, 1, 0) != LUA_OK)
    fail_msg("last_slow: %s", lua_tostring(e->L, -1));
  long n = lua_isinteger(e->L, -1) ? (long)lua_tointeger(e->L, -1) : -1;
  lua_pop(e->L, 1);
  return n;
}

/* An engine makes its fast paths before its second evaluation: one empty
** case evaluated, so that the cases after it take them. */
static void prepare_fast_paths(th_engine *e) {
  th_result *r = NULL;
  assert_int_equal(th_eval(e, "{\"assessed_on\":\"2026-11-02\"}", 28, 0, &r), TH_OK);
  th_result_free(r);
}

/* json evaluated with no declaration or fact sent the general way. */
static void decided_inline(th_engine *e, const char *json) {
  th_result *r = NULL;
  assert_int_equal(th_eval(e, json, strlen(json), 0, &r), TH_OK);
  th_result_free(r);
  if (last_slow(e) != 0)
    fail_msg("case %s: %ld declarations went the general way", json, last_slow(e));
}

/* The benchmark's cases are valid and record every field, so the reader
** must pass each against the schema (and read it flat when no why_not is
** asked for), and every declaration and fact of its set must be decided
** inline: a fast path that quietly reads
** nothing (a wrong read, a fact that always falls back) still gives the
** right answer the slow way, and only this notices. A case missing a field
** must go the general way for what reads it. */
static void bench_set_takes_the_fast_path(void **state) {
  (void)state;
  FILE *f;
  th_engine *e = bench_engine(&f);
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  long n = 0;
  th_result *r = NULL;
  while ((len = getline(&line, &cap, f)) > 0) {
    for (int pass = 0; pass < 2; pass++) {     /* the first prepares the fast paths */
      long before = e->cases_checked;
      assert_int_equal(th_eval(e, line, (size_t)len, 0, &r), TH_OK);
      th_result_free(r);
      if (pass == 1 && e->cases_checked != before + 1)
        fail_msg("sample %ld: the reader did not pass it against the schema", n + 1);
    }
    for (unsigned brief = TH_EVAL_BRIEF; brief <= TH_EVAL_SUMMARY; brief <<= 1) {
      long flat = e->cases_flat;               /* no table needed */
      assert_int_equal(th_eval(e, line, (size_t)len, brief, &r), TH_OK);
      th_result_free(r);
      if (e->cases_flat != flat + 1)
        fail_msg("sample %ld: not read and decided flat", n + 1);
      if (last_slow(e) != 0)
        fail_msg("sample %ld: %ld declarations or facts went the general way", n + 1,
                 last_slow(e));
    }
    n++;
  }
  assert_true(n >= 14);
  json_t *j = json_loads(line, 0, NULL);        /* a field the rules read, removed */
  assert_non_null(j);
  assert_int_equal(json_object_del(j, "domestic_abuse"), 0);
  char *m = json_dumps(j, JSON_COMPACT);
  assert_int_equal(th_eval(e, m, strlen(m), 0, &r), TH_OK);
  th_result_free(r);
  assert_true(last_slow(e) > 0);
  free(m);
  json_decref(j);
  free(line);
  fclose(f);
  th_engine_free(e);
}

/* A set whose rules alone decide a case, with a flag among rules of three
** levels declared lowest first. Read flat, the rules run highest level
** first and the flag after them, and a summary takes the rules that held
** as its findings: they must be those of the general way, in its order. */
static void flat_set_with_a_flag(void **state) {
  (void)state;
  th_engine *e = load_set(write_set("flagged", "ruleset { id = 'flagged', version = 't' }\n",
    "base.lua", FIXTURE_LEVELS, "rules.lua",
    "rule 'Low' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('risk', true) }\n"
    "flag 'Watch' { cite = 'c', basis = 'quoted', reason = 'w', when = at_least('score', 3) }\n"
    "rule 'High' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = at_least('score', 5) }\n"
    "rule 'Mid' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r', when = is('kind', 'a') }\n"
    "rule 'Also_low' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r', when = is('kind', 'b') }\n",
    (const char *)NULL));
  static const char *const cases[] = {
    "{\"id\":\"c1\",\"assessed_on\":\"2026-11-02\",\"risk\":true,\"score\":6,\"kind\":\"b\"}",
    "{\"id\":\"c2\",\"assessed_on\":\"2026-11-02\",\"risk\":false,\"score\":3,\"kind\":\"c\"}",
    "{\"id\":\"c3\",\"assessed_on\":\"2026-11-02\",\"risk\":true,\"score\":4,\"kind\":\"a\"}",
    "{\"id\":\"c4\",\"assessed_on\":\"2026-11-02\",\"risk\":false,\"score\":0,\"kind\":\"c\"}",
  };
  th_result *r = NULL;
  assert_int_equal(th_eval(e, cases[0], strlen(cases[0]), 0, &r), TH_OK);  /* prepares */
  th_result_free(r);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    long flat = e->cases_flat;
    same_both_ways(e, "flagged", cases[i], (long)i + 1, "");
    if (e->cases_flat != flat + 2)                   /* brief and summary */
      fail_msg("case %zu: not read and decided flat", i + 1);
  }
  /* High, then the two early_help rules in the order declared */
  assert_int_equal(th_eval(e, cases[0], strlen(cases[0]), TH_EVAL_SUMMARY, &r), TH_OK);
  assert_int_equal(th_result_finding_count(r), 3);
  assert_string_equal(th_result_finding_rule(r, 0), "High");
  assert_string_equal(th_result_finding_rule(r, 1), "Low");
  assert_string_equal(th_result_finding_rule(r, 2), "Also_low");
  th_result_free(r);
  th_engine_free(e);
}

/* Why-not tests a failed rule's leaves one by one, and shares the entry
** of each outcome (which leaves failed) up to a bound, past which entries
** are made per case. A rule of eleven leaves (ten fields, two through
** facts, and a function condition) is evaluated over all 1,024 outcomes of
** its fields, twice (the second time from the kept entries), and with
** fields left out (unknown) and a fact that errs: every result must be
** the general way's, byte for byte. A second rule at the level, inlined,
** has the level's leaves tested in one compiled function (fast/why_not),
** which the erring fact stops, so its rules are then tested one by one. */
static void why_not_every_outcome(void **state) {
  (void)state;
  th_engine *e = load_set(write_set("outcomes", "ruleset { id = 'outcomes', version = 't' }\n",
    "base.lua", FIXTURE_LEVELS,
    "fields.lua",
    "for i = 1, 10 do field('f' .. i) { type = 'integer', min = 0, max = 9 } end\n"
    "fact 'twice_f1' { type = 'integer', value = function(c) return c.f1 * 2 end }\n"
    "fact 'f3_checked' { type = 'integer',\n"
    "  value = function(c) if c.f3 == 9 then error('f3 out of range') end return c.f3 end }\n",
    "rules.lua",
    "rule 'Many' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = all { at_least('twice_f1', 2), at_least('f2', 1), at_least('f3_checked', 1), at_least('f4', 1),\n"
    "    at_least('f5', 1), at_least('f6', 1), at_least('f7', 1), at_least('f8', 1),\n"
    "    at_least('f9', 1), at_least('f10', 1), function(c) return c.f1 + c.f2 > 0 end } }\n"
    "rule 'Plain' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = all { at_least('f4', 1), at_least('f5', 1) } }\n",
    (const char *)NULL));
  char json[512];
  prepare_fast_paths(e);
  for (int pass = 0; pass < 2; pass++) {      /* the second: entries kept */
    for (int bits = 0; bits < 1024; bits++) {
      int n = snprintf(json, sizeof json, "{\"id\":\"o%d\",\"assessed_on\":\"2026-11-02\"", bits);
      for (int i = 0; i < 10; i++)
        n += snprintf(json + n, sizeof json - (size_t)n, ",\"f%d\":%d", i + 1, (bits >> i) & 1);
      snprintf(json + n, sizeof json - (size_t)n, "}");
      same_both_ways(e, "outcomes", json, bits + 1, pass ? ", again" : "");
      same_explained(e, "outcomes", json, bits + 1);
    }
  }
  static const char *const odd[] = {
    "{\"assessed_on\":\"2026-11-02\",\"f1\":1,\"f2\":0}",                   /* unknowns */
    "{\"assessed_on\":\"2026-11-02\",\"f2\":0,\"f3\":0,\"f4\":0,\"f5\":0,\"f6\":0,"
    "\"f7\":0,\"f8\":0,\"f9\":0,\"f10\":0}",            /* the fact and function fail */
    "{\"assessed_on\":\"2026-11-02\",\"f1\":0,\"f2\":0,\"f3\":9,\"f4\":0,\"f5\":0,\"f6\":0,"
    "\"f7\":0,\"f8\":0,\"f9\":0,\"f10\":0}",                 /* a fact errs */
  };
  for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
    same_both_ways(e, "outcomes", odd[i], (long)i + 1, ", odd");
    same_explained(e, "outcomes", odd[i], (long)i + 1);
  }
  th_engine_free(e);
}

/* The inlined rule set decides a condition three-valued: a value the case
** does not record makes its leaf unknown, named as missing, without the
** general way, and a value with a default is read as the default. Groups
** of every kind over four optional booleans, an integer and an enum with a
** default, each absent, true or false (3^5 cases, the enum too): every
** result must be the general way's, byte for byte, and no declaration may
** go the general way. */
static void unknown_values_decided_inline(void **state) {
  (void)state;
  th_engine *e = load_set(write_set("unknowns", "ruleset { id = 'unknowns', version = 't' }\n",
    "base.lua", FIXTURE_LEVELS,
    "fields.lua",
    "for _, n in ipairs { 'a', 'b', 'c', 'd' } do field(n) { type = 'boolean' } end\n"
    "field 'q' { type = 'integer', min = 0, max = 9 }\n"
    "field 'p' { type = 'enum', values = { 'x', 'y' }, default = 'y' }\n",
    "rules.lua",
    "rule 'All' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = all { is('a', true), any { is('b', true), is('c', false) } } }\n"
    "rule 'None' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = none { is('a', true), at_least('q', 3) } }\n"
    "rule 'Two' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = at_least_n_of(2, { is('a', true), is('b', true), is('d', true), present('q') }) }\n"
    "rule 'Any' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = any { all { is('d', true), is('c', false) }, is('p', 'x') } }\n"
    "flag 'Watch' { cite = 'c', basis = 'quoted', reason = 'w',\n"
    "  when = all { present('d'), is('d', false), below('q', 5) } }\n",
    (const char *)NULL));
  prepare_fast_paths(e);
  static const char *const names[] = {"a", "b", "c", "d"};
  char json[256];
  for (int code = 0; code < 3 * 3 * 3 * 3 * 3 * 3; code++) {
    int n = snprintf(json, sizeof json, "{\"id\":\"u%d\",\"assessed_on\":\"2026-11-02\"", code);
    int rest = code;
    for (int i = 0; i < 4; i++, rest /= 3)
      if (rest % 3)
        n += snprintf(json + n, sizeof json - (size_t)n, ",\"%s\":%s", names[i],
                      rest % 3 == 1 ? "true" : "false");
    if (rest % 3)
      n += snprintf(json + n, sizeof json - (size_t)n, ",\"q\":%d", rest % 3 == 1 ? 1 : 6);
    rest /= 3;
    if (rest % 3)
      n += snprintf(json + n, sizeof json - (size_t)n, ",\"p\":\"%s\"", rest % 3 == 1 ? "x" : "y");
    snprintf(json + n, sizeof json - (size_t)n, "}");
    same_both_ways(e, "unknowns", json, code + 1, "");
    same_explained(e, "unknowns", json, code + 1);
    decided_inline(e, json);
  }
  th_engine_free(e);
}

/* A value in an object the case leaves out is not recorded, as it is in an
** object the case records empty: the general way reads a missing object as
** an empty one. The inlined chunk decides both without the general way:
** present() is false, any other leaf unknown with the value's path, in a
** rule's condition and in an inlined fact's (two-valued). Every shape of a
** two-deep object -- absent, empty, each field absent or recorded -- must
** give the general way's result, byte for byte, with nothing sent there. */
static void absent_objects_decided_inline(void **state) {
  (void)state;
  th_engine *e = load_set(write_set("objects", "ruleset { id = 'objects', version = 't' }\n",
    "base.lua", FIXTURE_LEVELS,
    "fields.lua",
    "field 'o' { type = 'object' }\n"
    "field 'o.s' { type = 'string' }\n"
    "field 'o.i' { type = 'object' }\n"
    "field 'o.i.b' { type = 'boolean' }\n"
    "field 'o.i.e' { type = 'enum', values = { 'p', 'q' } }\n",
    "rules.lua",
    "fact 'noted' { doc = 'd', when = any { present('o.s'), present('o.i.e') } }\n"
    "fact 'unnoted' { doc = 'd', when = none { present('o.s'), present('o.i.b') } }\n"
    "rule 'Deep' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = all { is('o.i.b', true), present('o.s') } }\n"
    "rule 'Noted' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = any { is('noted', true), is('unnoted', true) } }\n"
    "rule 'Kind' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = any { is('o.i.e', 'p'), none { present('o.i.b') } } }\n"
    "flag 'Watch' { cite = 'c', basis = 'quoted', reason = 'w', when = is('o.i.b', false) }\n",
    (const char *)NULL));
  prepare_fast_paths(e);
  static const char *const inner_b[] = {"", "\"b\":true", "\"b\":false"};
  static const char *const inner_e[] = {"", "\"e\":\"p\""};
  char json[256], inner[64];
  int code = 0;
  for (int has_o = 0; has_o < 2; has_o++)
    for (int s = 0; s < (has_o ? 2 : 1); s++)            /* s: o.s absent or recorded */
      for (int i = 0; i < (has_o ? 7 : 1); i++) {      /* i: absent, or b x e */
        int n = snprintf(json, sizeof json, "{\"id\":\"o%d\",\"assessed_on\":\"2026-11-02\"", code);
        if (has_o) {
          inner[0] = '\0';
          if (i > 0) {
            const char *b = inner_b[(i - 1) % 3], *x = inner_e[(i - 1) / 3];
            snprintf(inner, sizeof inner, "\"i\":{%s%s%s}", b, *b && *x ? "," : "", x);
          }
          n += snprintf(json + n, sizeof json - (size_t)n, ",\"o\":{%s%s%s}", s ? "\"s\":\"x\"" : "",
                        s && *inner ? "," : "", inner);
        }
        snprintf(json + n, sizeof json - (size_t)n, "}");
        code++;
        same_both_ways(e, "objects", json, code, "");
        same_explained(e, "objects", json, code);
        decided_inline(e, json);
      }
  assert_int_equal(code, 15);
  th_engine_free(e);
}

/* Facts no inlined condition reads, read only by a function fact, are
** computed by the chunk before the rules; one over a list the case does not
** record is left to the general way, which reads the list's default (with
** a warning) only if the function asks. Every combination of the gate the
** function reads first, the list (absent, empty, a match, no match, an
** entry missing the field) and a plain value must give the general way's
** result, byte for byte, full and explained. */
static void facts_before_the_rules(void **state) {
  (void)state;
  th_engine *e = load_set(write_set("before", "ruleset { id = 'before', version = 't' }\n",
    "base.lua", FIXTURE_LEVELS,
    "fields.lua",
    "field 'gate' { type = 'boolean' }\n"
    "field 'x' { type = 'string' }\n",
    "rules.lua",
    "fact 'has_a' { doc = 'd', when = at_least(count('items', is('kind', 'a')), 1) }\n"
    "fact 'x_recorded' { doc = 'd', when = present('x') }\n"
    "fact 'points' { doc = 'd', type = 'integer', value = function(c)\n"
    "  if not c.gate then return c.x_recorded and 1 or 0 end\n"
    "  return c.has_a and 3 or 2 end }\n"
    "rule 'Score' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = at_least('points', 2) }\n"
    "rule 'Some' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = at_least('points', 1) }\n",
    (const char *)NULL));
  prepare_fast_paths(e);
  static const char *const gates[] = {"", ",\"gate\":true", ",\"gate\":false"};
  static const char *const lists[] = {"", ",\"items\":[]", ",\"items\":[{\"kind\":\"b\"},{\"kind\":\"a\"}]",
                                      ",\"items\":[{\"kind\":\"b\"}]", ",\"items\":[{}]"};
  static const char *const xs[] = {"", ",\"x\":\"y\""};
  char json[256];
  int code = 0;
  for (size_t g = 0; g < 3; g++)
    for (size_t l = 0; l < 5; l++)
      for (size_t x = 0; x < 2; x++) {
        snprintf(json, sizeof json, "{\"id\":\"b%d\",\"assessed_on\":\"2026-11-02\"%s%s%s}", ++code,
                 gates[g], lists[l], xs[x]);
        same_both_ways(e, "before", json, code, "");
        same_explained(e, "before", json, code);
      }
  th_engine_free(e);
}

/* Date leaves, present() in a count's where and a list-valued fact compared
** by its length are decided in the chunk. Each date leaf over a date
** absent, null, today, days, weeks and years before and after assessed_on
** (a Monday; working days skip the weekends), and one over 50 years before
** (an error the general way names), with a list whose entries have the
** date or not: every result must be the general way's, byte for byte, and
** only the dates the general way must decide, or a fact it makes unknown,
** may leave the chunk. */
static void dates_decided_inline(void **state) {
  (void)state;
  th_engine *e = load_set(write_set("dates", "ruleset { id = 'dates', version = 't' }\n",
    "base.lua", FIXTURE_LEVELS,
    "fields.lua",
    "field 'd' { type = 'date', nullable = true, future = true }\n"
    "field 'items[].since' { type = 'date' }\n",
    "rules.lua",
    "fact 'kinds' { doc = 'd', value = function(c)\n"
    "  local seen, list = {}, {}\n"
    "  for _, it in ipairs(c.items) do\n"
    "    if not seen[it.kind] then seen[it.kind] = true; list[#list + 1] = it.kind end\n"
    "  end\n"
    "  return list end }\n"
    "rule 'Recent' { level = 'child_protection', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = all { within_days('d', 30), none { at_least_working_days_ago('d', 10) } } }\n"
    "rule 'Old' { level = 'child_in_need', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = any { at_least_days_ago('d', 365), at_least_months_ago('d', 6) } }\n"
    "rule 'Since' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = at_least(count('items', all { present('since'), within_days('since', 30) }), 1) }\n"
    "rule 'Kinds' { level = 'early_help', cite = 'c', basis = 'quoted', reason = 'r',\n"
    "  when = at_least('kinds', 2) }\n"
    "flag 'Working' { cite = 'c', basis = 'quoted', reason = 'w',\n"
    "  when = at_least_working_days_ago('d', 3) }\n",
    (const char *)NULL));
  prepare_fast_paths(e);
  static const char *const ds[] = {"", ",\"d\":null", ",\"d\":\"2026-11-02\"", ",\"d\":\"2026-10-30\"",
                                   ",\"d\":\"2026-10-27\"", ",\"d\":\"2026-10-19\"", ",\"d\":\"2026-10-13\"",
                                   ",\"d\":\"2026-05-03\"", ",\"d\":\"2025-10-01\"", ",\"d\":\"2027-01-01\"",
                                   ",\"d\":\"1950-01-02\""};
  static const char *const lists[] = {"", ",\"items\":[]",
                                      ",\"items\":[{\"kind\":\"a\",\"since\":\"2026-10-20\"}]",
                                      ",\"items\":[{\"kind\":\"a\"},{\"kind\":\"b\",\"since\":\"2025-01-01\"}]",
                                      ",\"items\":[{}]"};
  char json[256];
  int code = 0;
  for (size_t d = 0; d < sizeof ds / sizeof *ds; d++)
    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++) {
      snprintf(json, sizeof json, "{\"id\":\"d%d\",\"assessed_on\":\"2026-11-02\"%s%s}", ++code, ds[d],
               lists[l]);
      same_both_ways(e, "dates", json, code, "");
      same_explained(e, "dates", json, code);
      th_result *r = NULL;
      assert_int_equal(th_eval(e, json, strlen(json), 0, &r), TH_OK);
      json_t *j = json_loads(th_result_json(r), 0, NULL);
      assert_non_null(j);
      size_t errors = json_array_size(json_object_get(j, "errors"));
      json_decref(j);
      th_result_free(r);
      int general = d == sizeof ds / sizeof *ds - 1 || l == sizeof lists / sizeof *lists - 1;
      if (general ? errors == 0 && d == sizeof ds / sizeof *ds - 1 : last_slow(e) != 0)
        fail_msg("case %s: %ld went the general way, %zu errors", json, last_slow(e), errors);
    }
  th_engine_free(e);
}

/* A deadline reached inside the chunk for cases read flat stops it as any
** evaluation, and the result names the declaration running: the chunk
** keeps it in a local, which the limit hook copies out. The deadline is
** made to pass once the chunk is at its tenth declaration. */
static th_engine *tripped;
static int chunk_steps;

static void pass_deadline_in_flat_chunk(lua_State *L, lua_Debug *ar) {
  if (chunk_steps > 0 || !lua_getinfo(L, "S", ar) ||
      strcmp(ar->source, "=(the rule set, inlined for a case read flat)") != 0)
    return;
  const char *name;
  for (int i = 1; (name = lua_getlocal(L, ar, i)) != NULL; i++) {
    int at = strcmp(name, "at") == 0 ? (int)lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    if (at >= 10) {
      chunk_steps = at;
      thi_sandbox_arm_trip(tripped, THI_TRIP_TIME);
      return;
    }
  }
}

static void deadline_in_flat_chunk_names_the_rule(void **state) {
  (void)state;
  FILE *f;
  tripped = bench_engine(&f);
  char *line = NULL;
  size_t cap = 0;
  ssize_t len = getline(&line, &cap, f);
  assert_true(len > 0);
  th_result *r = NULL;
  for (int i = 0; i < 2; i++) {                /* the second reads it flat */
    assert_int_equal(th_eval(tripped, line, (size_t)len, TH_EVAL_BRIEF, &r), TH_OK);
    th_result_free(r);
  }
  assert_int_equal(tripped->cases_flat, 1);
  lua_sethook(tripped->L, pass_deadline_in_flat_chunk, LUA_MASKCOUNT, 1);
  assert_int_equal(th_eval(tripped, line, (size_t)len, TH_EVAL_BRIEF, &r), TH_OK);
  assert_true(chunk_steps >= 10);            /* it was passed there */
  json_t *j = json_loads(th_result_json(r), 0, NULL);
  assert_non_null(j);
  assert_string_equal(jstr(j, "status"), "incomplete");
  json_t *err = json_array_get(json_object_get(j, "errors"), 0);
  assert_string_equal(json_string_value(json_object_get(err, "kind")), "limit");
  const char *rule = json_string_value(json_object_get(err, "rule"));
  if (rule == NULL || json_string_value(json_object_get(err, "source")) == NULL)
    fail_msg("the stopped result names no declaration: %s", th_result_json(r));
  json_decref(j);
  th_result_free(r);
  /* the state is rebuilt, and the next case evaluated in full */
  assert_int_equal(th_eval(tripped, line, (size_t)len, TH_EVAL_BRIEF, &r), TH_OK);
  assert_int_equal(th_result_status(r), TH_RESULT_COMPLETE);
  th_result_free(r);
  free(line);
  fclose(f);
  th_engine_free(tripped);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(same_results_compiled_and_interpreted),
    cmocka_unit_test(bench_set_same_both_ways),
    cmocka_unit_test(bench_set_takes_the_fast_path),
    cmocka_unit_test(flat_set_with_a_flag),
    cmocka_unit_test(why_not_every_outcome),
    cmocka_unit_test(unknown_values_decided_inline),
    cmocka_unit_test(absent_objects_decided_inline),
    cmocka_unit_test(facts_before_the_rules),
    cmocka_unit_test(dates_decided_inline),
    cmocka_unit_test(deadline_in_flat_chunk_names_the_rule),
  };
  return cmocka_run_group_tests(tests, NULL, remove_fixtures);
}
