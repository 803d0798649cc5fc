/*
** test_public_schema.c -- the public calls a client such as the store uses
** instead of the engine's internals: th_engine_field_type (with its
** did-you-mean in th_errmsg), th_pathway_name, th_result_local_level.
*/
#include "support.h"

static th_engine *fixture(void) {
  return load_set(write_set("pub", "ruleset { id = 'pub', version = 't' }\n",
                            "base.lua", FIXTURE_LEVELS,
                            "rules.lua", "rule 'Risk' { level = 'child_in_need', cite = 'c', basis = 'quoted',"
                            " reason = 'r', when = is('risk', true) }\n",
                            (const char *)NULL));
}

static void field_types(void **state) {
  (void)state;
  th_engine *e = fixture();
  const char *t = "x";
  assert_int_equal(th_engine_field_type(e, "score", &t), TH_OK);
  assert_string_equal(t, "integer");
  assert_int_equal(th_engine_field_type(e, "child.dob", &t), TH_OK);
  assert_string_equal(t, "date");
  assert_int_equal(th_engine_field_type(e, "items.2.kind", &t), TH_OK);
  assert_string_equal(t, "enum");
  assert_int_equal(th_engine_field_type(e, "items", &t), TH_OK);
  assert_string_equal(t, "array");
  assert_int_equal(th_engine_field_type(e, "chlid.dob", &t), TH_MISUSE);
  assert_null(t);
  assert_string_equal(th_errmsg(e), "'chlid.dob' is not a field of the case schema"
                                    " (did you mean 'child'?)");
  assert_int_equal(th_engine_field_type(e, "score", NULL), TH_MISUSE);
  assert_int_equal(th_engine_field_type(NULL, "score", &t), TH_MISUSE);
  /* the engine still evaluates afterwards: the call left its state clean */
  json_t *r = eval_json(e, "{\"id\":\"c\",\"assessed_on\":\"2026-11-02\",\"risk\":true}", 0);
  assert_string_equal(jstr(r, "suggestion.local_level"), "child_in_need");
  json_decref(r);
  th_engine_free(e);
  th_engine *none = NULL;
  assert_int_equal(th_engine_new(&none, 0), TH_OK);
  assert_int_equal(th_engine_field_type(none, "score", &t), TH_MISUSE);
  assert_string_equal(th_errmsg(none), "no rule set loaded");
  th_engine_free(none);
}

static void pathway_and_local_level(void **state) {
  (void)state;
  assert_string_equal(th_pathway_name(TH_UNIVERSAL), "universal");
  assert_string_equal(th_pathway_name(TH_CHILD_PROTECTION), "child_protection");
  assert_null(th_pathway_name(TH_NO_PATHWAY));
  assert_null(th_pathway_name(4));
  th_engine *e = fixture();
  th_result *r = NULL;
  const char *c = "{\"id\":\"c\",\"assessed_on\":\"2026-11-02\",\"risk\":true}";
  assert_int_equal(th_eval(e, c, strlen(c), 0, &r), TH_OK);
  assert_string_equal(th_result_local_level(r), "child_in_need");
  assert_string_equal(th_pathway_name(th_result_pathway(r)), "child_in_need");
  th_result_free(r);
  c = "{\"id\":\"c\",\"assessed_on\":\"not a date\"}";
  assert_int_equal(th_eval(e, c, strlen(c), 0, &r), TH_OK);
  assert_null(th_result_local_level(r));
  th_result_free(r);
  assert_null(th_result_local_level(NULL));
  th_engine_free(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(field_types),
    cmocka_unit_test(pathway_and_local_level),
  };
  return cmocka_run_group_tests(tests, NULL, remove_fixtures);
}
