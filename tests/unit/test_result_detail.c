/*
** test_result_detail.c -- the result accessors say what the result's JSON
** says: over the generated caseload (2,000 cases, every rule set feature
** core uses), the label, flags, actions, open questions and warnings read
** through the accessors equal the document's, in order; a summary result,
** a NULL result and an index out of range give 0 and NULL; a case with an
** unknown field gives its warning.
*/
#include "support.h"

static char core[1024];
static const char *caseload;

static const char *str_at(json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

static void same_string(const char *got, const char *want) {
  if (want == NULL)
    assert_null(got);
  else
    assert_string_equal(got, want);
}

/* Every accessor of r against doc. */
static void agrees(const th_result *r, json_t *doc) {
  same_string(th_result_local_label(r), str_at(json_object_get(doc, "suggestion"), "label"));
  json_t *flags = json_object_get(doc, "flags"), *x;
  size_t i;
  assert_int_equal(th_result_flag_count(r), (int)json_array_size(flags));
  json_array_foreach(flags, i, x) {
    same_string(th_result_flag(r, (int)i), str_at(x, "flag"));
    same_string(th_result_flag_reason(r, (int)i), str_at(x, "reason"));
  }
  json_t *actions = json_object_get(doc, "actions");
  assert_int_equal(th_result_action_count(r), (int)json_array_size(actions));
  json_array_foreach(actions, i, x)
    same_string(th_result_action(r, (int)i), json_string_value(x));
  json_t *qs = json_object_get(doc, "undetermined");
  assert_int_equal(th_result_question_count(r), (int)json_array_size(qs));
  json_array_foreach(qs, i, x) {
    same_string(th_result_question_rule(r, (int)i), str_at(x, "rule"));
    same_string(th_result_question_level(r, (int)i), str_at(x, "level"));
    json_t *missing = json_object_get(x, "missing"), *m;
    size_t j;
    assert_int_equal(th_result_question_missing_count(r, (int)i), (int)json_array_size(missing));
    json_array_foreach(missing, j, m)
      same_string(th_result_question_missing(r, (int)i, (int)j), json_string_value(m));
    assert_null(th_result_question_missing(r, (int)i, (int)json_array_size(missing)));
  }
  json_t *ws = json_object_get(doc, "warnings");
  assert_int_equal(th_result_warning_count(r), (int)json_array_size(ws));
  json_array_foreach(ws, i, x) {
    same_string(th_result_warning_path(r, (int)i), str_at(x, "path"));
    same_string(th_result_warning_message(r, (int)i), str_at(x, "message"));
  }
  /* out of range, either side */
  assert_null(th_result_flag(r, -1));
  assert_null(th_result_flag(r, th_result_flag_count(r)));
  assert_null(th_result_action(r, th_result_action_count(r)));
  assert_null(th_result_question_rule(r, th_result_question_count(r)));
  assert_int_equal(th_result_question_missing_count(r, -1), 0);
  assert_null(th_result_warning_path(r, th_result_warning_count(r)));
}

static void accessors_agree_with_the_document(void **state) {
  (void)state;
  if (core[0] == '\0' || caseload == NULL)
    skip();
  th_engine *e = load_set(core);
  FILE *f = fopen(caseload, "r");
  assert_non_null(f);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  int cases = 0, flagged = 0, asked = 0;
  while ((n = getline(&line, &cap, f)) > 0) {
    th_result *r = NULL;
    assert_int_equal(th_eval(e, line, (size_t)n, 0, &r), TH_OK);
    json_t *doc = json_loads(th_result_json(r), 0, NULL);
    assert_non_null(doc);
    agrees(r, doc);
    flagged += th_result_flag_count(r) > 0;
    asked += th_result_question_count(r) > 0;
    json_decref(doc);
    th_result_free(r);
    cases++;
  }
  free(line);
  fclose(f);
  assert_true(cases >= 1000);
  assert_true(flagged > 0 && asked > 0);      /* the comparison compared something */
  th_engine_free(e);
}

static void summaries_and_null_give_nothing(void **state) {
  (void)state;
  if (core[0] == '\0')
    skip();
  th_engine *e = load_set(core);
  static const char c[] = "{\"id\":\"d-1\",\"assessed_on\":\"2026-11-02\",\"zz\":1,"
                          "\"household\":{\"home_conditions\":\"dangerous\"}}";
  th_result *r = NULL;
  assert_int_equal(th_eval(e, c, strlen(c), TH_EVAL_SUMMARY, &r), TH_OK);
  assert_null(th_result_local_label(r));
  assert_int_equal(th_result_flag_count(r), 0);
  assert_int_equal(th_result_action_count(r), 0);
  assert_int_equal(th_result_question_count(r), 0);
  assert_int_equal(th_result_warning_count(r), 0);
  th_result_free(r);
  assert_null(th_result_local_label(NULL));
  assert_int_equal(th_result_flag_count(NULL), 0);
  assert_null(th_result_warning_message(NULL, 0));
  /* the full result: an unknown field's warning (beside those for the
     lists the case does not record), a child protection label */
  assert_int_equal(th_eval(e, c, strlen(c), 0, &r), TH_OK);
  int zz = -1;
  for (int i = 0; i < th_result_warning_count(r); i++)
    if (strcmp(th_result_warning_path(r, i), "zz") == 0)
      zz = i;
  assert_true(zz >= 0);
  assert_true(contains(th_result_warning_message(r, zz), "unknown field"));
  assert_true(contains(th_result_local_label(r), "protection"));
  assert_true(th_result_action_count(r) > 0);
  th_result_free(r);
  th_engine_free(e);
}

int main(void) {
  const char *rules = getenv("THRESHOLD_RULES");
  if (rules)
    snprintf(core, sizeof core, "%s/core", rules);
  caseload = getenv("THRESHOLD_CASELOAD");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(accessors_agree_with_the_document),
    cmocka_unit_test(summaries_and_null_give_nothing),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
