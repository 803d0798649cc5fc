/*
** support.h -- helpers shared by the cmocka unit tests: small rule sets
** written to a temporary folder, and results read back as JSON.
*/
#ifndef THRESHOLD_TEST_SUPPORT_H
#define THRESHOLD_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "threshold.h"

/* Levels and a small schema most fixtures share. */
#define FIXTURE_LEVELS                                                        \
  "levels {\n"                                                                \
  "  { id = 'universal', pathway = 'universal', label = 'Level 1' },\n"     \
  "  { id = 'early_help', pathway = 'early_help', label = 'Level 2' },\n"   \
  "  { id = 'child_in_need', pathway = 'child_in_need', label = 'Level 3' },\n" \
  "  { id = 'child_protection', pathway = 'child_protection', label = 'Level 4' },\n" \
  "}\n"                                                                       \
  "field 'score' { type = 'integer', min = 0, max = 10 }\n"                   \
  "field 'risk' { type = 'boolean' }\n"                                       \
  "field 'kind' { type = 'enum', values = { 'a', 'b', 'c' } }\n"              \
  "field 'items' { type = 'array', of = 'object', default = {} }\n"           \
  "field 'items[].kind' { type = 'enum', values = { 'a', 'b', 'c' } }\n"      \
  "field 'child' { type = 'object' }\n"                                       \
  "field 'child.dob' { type = 'date' }\n"

static char fixture_root[64];

/* Create (once) the temporary folder that holds fixture rule sets. */
static inline const char *fixture_base(void) {
  if (fixture_root[0] == '\0') {
    strcpy(fixture_root, "/tmp/threshold-test-XXXXXX");
    assert_non_null(mkdtemp(fixture_root));
  }
  return fixture_root;
}

static inline void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

/*
** Write rule set `set`: the ruleset.lua text, then pairs of (file name,
** text), NULL-terminated. Returns the set's folder (static buffer).
*/
static inline const char *write_set(const char *set, const char *manifest, ...) {
  static char dir[256];
  char path[512];
  snprintf(dir, sizeof dir, "%s/%s", fixture_base(), set);
  mkdir(dir, 0700);
  snprintf(path, sizeof path, "%s/ruleset.lua", dir);
  write_text(path, manifest);
  va_list ap;
  va_start(ap, manifest);
  const char *name;
  while ((name = va_arg(ap, const char *)) != NULL) {
    const char *text = va_arg(ap, const char *);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (strchr(name, '/')) {                     /* tests/x.lua */
      char sub[512];
      snprintf(sub, sizeof sub, "%s/tests", dir);
      mkdir(sub, 0700);
    }
    write_text(path, text);
  }
  va_end(ap);
  return dir;
}

/* A loaded engine for a set; fails the test with the message otherwise. */
static inline th_engine *load_set(const char *dir) {
  th_engine *e = NULL;
  assert_int_equal(th_engine_new(&e, 0), TH_OK);
  int st = th_engine_load(e, dir);
  if (st != TH_OK)
    fail_msg("loading %s: %s", dir, th_errmsg(e));
  return e;
}

/* The evaluation the helpers below call: th_eval, or a test's own that
   also takes the engine's internal flags (thi_eval_flags). */
#ifndef TEST_EVAL
#define TEST_EVAL th_eval
#endif

/* Evaluate and return the parsed result (caller json_decref's it). */
static inline json_t *eval_json(th_engine *e, const char *json, unsigned flags) {
  th_result *r = NULL;
  int st = TEST_EVAL(e, json, strlen(json), flags, &r);
  if (st != TH_OK)
    fail_msg("th_eval: %s", th_errmsg(e));
  json_error_t err;
  json_t *j = json_loads(th_result_json(r), 0, &err);
  assert_non_null(j);
  th_result_free(r);
  return j;
}

/* TH_EVAL_SUMMARY writes no JSON, and its accessors answer as those of a
   full result evaluated with full_flags do. */
static inline void same_summary(th_engine *e, const char *c, unsigned full_flags) {
  th_result *full = NULL, *sum = NULL;
  assert_int_equal(TEST_EVAL(e, c, strlen(c), full_flags, &full), TH_OK);
  assert_int_equal(TEST_EVAL(e, c, strlen(c), TH_EVAL_SUMMARY, &sum), TH_OK);
  assert_null(th_result_json(sum));
  assert_null(th_result_text(sum));
  assert_non_null(th_result_json(full));
  assert_int_equal(th_result_status(sum), th_result_status(full));
  assert_int_equal(th_result_pathway(sum), th_result_pathway(full));
  assert_int_equal(th_result_rank(sum), th_result_rank(full));
  assert_int_equal(th_result_error_count(sum), th_result_error_count(full));
  const char *id = th_result_case_id(full);
  if (id == NULL)
    assert_null(th_result_case_id(sum));
  else
    assert_string_equal(th_result_case_id(sum), id);
  assert_int_equal(th_result_finding_count(sum), th_result_finding_count(full));
  for (int i = 0; i < th_result_finding_count(full); i++)
    assert_string_equal(th_result_finding_rule(sum, i), th_result_finding_rule(full, i));
  th_result_free(full);
  th_result_free(sum);
}

static inline const char *jstr(json_t *o, const char *path) {
  /* "suggestion.pathway" style lookups */
  char buf[128];
  snprintf(buf, sizeof buf, "%s", path);
  json_t *cur = o;
  for (char *tok = strtok(buf, "."); tok && cur; tok = strtok(NULL, "."))
    cur = json_object_get(cur, tok);
  return json_string_value(cur);
}

/* Does array `arr` hold an object whose `key` is `value`? */
static inline int has_entry(json_t *arr, const char *key, const char *value) {
  size_t i;
  json_t *x;
  json_array_foreach(arr, i, x) {
    const char *v = json_string_value(json_object_get(x, key));
    if (v && strcmp(v, value) == 0)
      return 1;
  }
  return 0;
}

/* Does the string s contain needle? */
static inline int contains(const char *s, const char *needle) {
  return s && strstr(s, needle) != NULL;
}

/* Does the JSON text of j contain needle? */
static inline int json_has(const json_t *j, const char *needle) {
  char *s = json_dumps(j, JSON_SORT_KEYS | JSON_ENCODE_ANY);
  int yes = contains(s, needle);
  free(s);
  return yes;
}

/* Remove the fixture folder; a cmocka group teardown. */
static inline int remove_fixtures(void **state) {
  (void)state;
  if (fixture_root[0]) {
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fixture_root);
    if (system(cmd) != 0)
      return -1;
    fixture_root[0] = '\0';
  }
  return 0;
}

#endif
