/*
** test_doc.c -- th_engine_doc, the rule set as a document (`threshold doc`):
**  - misuse (NULL arguments, no rule set) is refused with TH_MISUSE;
**  - core's document lists every rule under its level, every flag with the
**    timescale it reads, and the schema's fields with their doc and what
**    reads each (untraced Lua code named as such);
**  - a set extending core says what it inherits, what it changed (an
**    override, with each key's inherited and new value) and what it
**    removed (a disable, with its cite), and a function(c) condition is
**    shown with where it is written, the fields its body names and the
**    rule's own words.
*/
#include "support.h"

static char rules_dir[1024];

static json_t *doc_of(th_engine *e) {
  char *text = NULL;
  assert_int_equal(th_engine_doc(e, &text), TH_OK);
  assert_non_null(text);
  json_error_t err;
  json_t *j = json_loads(text, 0, &err);
  if (j == NULL)
    fail_msg("th_engine_doc: not JSON: %s", err.text);
  th_free(text);
  return j;
}

static json_t *named(json_t *list, const char *name) {
  size_t i;
  json_t *x;
  json_array_foreach(list, i, x) {
    const char *n = json_string_value(json_object_get(x, "name"));
    if (n && strcmp(n, name) == 0)
      return x;
  }
  return NULL;
}

static json_t *named_string(json_t *list, const char *s) {
  size_t i;
  json_t *x;
  json_array_foreach(list, i, x)
    if (json_string_value(x) && strcmp(json_string_value(x), s) == 0)
      return x;
  return NULL;
}

/* The level entry holding rule `name`, or NULL. */
static json_t *level_of_rule(json_t *doc, const char *name, json_t **rule) {
  size_t i;
  json_t *lv;
  json_array_foreach(json_object_get(doc, "levels"), i, lv) {
    json_t *r = named(json_object_get(lv, "rules"), name);
    if (r) {
      *rule = r;
      return lv;
    }
  }
  return NULL;
}

/* The words of a condition's lines, as one string. */
static void line_text(json_t *lines, char *buf, size_t n) {
  buf[0] = '\0';
  size_t i, k;
  json_t *l, *w;
  json_array_foreach(lines, i, l) {
    json_array_foreach(json_object_get(l, "w"), k, w) {
      strncat(buf, json_string_value(json_array_get(w, 1)), n - strlen(buf) - 1);
      strncat(buf, " ", n - strlen(buf) - 1);
    }
    strncat(buf, "\n", n - strlen(buf) - 1);
  }
}

static void misuse_is_refused(void **state) {
  (void)state;
  static char mark[] = "x";
  char *json = mark;
  assert_int_equal(th_engine_doc(NULL, &json), TH_MISUSE);
  assert_null(json);
  th_engine *e = NULL;
  assert_int_equal(th_engine_new(&e, 0), TH_OK);
  assert_int_equal(th_engine_doc(e, NULL), TH_MISUSE);
  json = mark;
  assert_int_equal(th_engine_doc(e, &json), TH_MISUSE);
  assert_null(json);
  assert_true(contains(th_errmsg(e), "no rule set loaded"));
  th_engine_free(e);
}

static void core_document(void **state) {
  (void)state;
  if (rules_dir[0] == '\0')
    skip();
  char dir[1100];
  snprintf(dir, sizeof dir, "%s/core", rules_dir);
  th_engine *e = load_set(dir);
  json_t *doc = doc_of(e);
  json_t *levels = json_object_get(doc, "levels");
  assert_int_equal(json_array_size(levels), 4);
  assert_string_equal(json_string_value(json_object_get(json_array_get(levels, 0), "id")),
                      "universal");
  size_t i, n = 0;
  json_t *lv;
  json_array_foreach(levels, i, lv) n += json_array_size(json_object_get(lv, "rules"));
  assert_true(n > 20);
  assert_int_equal(n, json_integer_value(json_object_get(json_object_get(doc, "counts"), "rules")));
  json_t *r = NULL;
  lv = level_of_rule(doc, "Neglect causing significant harm", &r);
  assert_non_null(lv);
  assert_string_equal(json_string_value(json_object_get(lv, "id")), "child_protection");
  assert_string_equal(json_string_value(json_object_get(r, "basis")), "national");
  assert_string_equal(json_string_value(json_object_get(r, "status")), "local");
  char words[4096];
  line_text(json_object_get(r, "when"), words, sizeof words);
  assert_true(contains(words, "at least one entry in  concerns"));
  assert_true(contains(words, "impact"));
  assert_true(contains(words, "significant_harm"));
  /* a flag with its timescale */
  json_t *f = named(json_object_get(doc, "flags"), "Referral decision not made within one working day");
  assert_non_null(f);
  json_t *t = json_array_get(json_object_get(f, "timescales"), 0);
  assert_non_null(t);
  assert_string_equal(json_string_value(json_object_get(t, "path")), "current.referral_received");
  assert_int_equal(json_integer_value(json_object_get(t, "n")), 2);
  assert_string_equal(json_string_value(json_object_get(t, "unit")), "working days");
  /* the data dictionary */
  int dob = 0;
  json_t *fld;
  json_array_foreach(json_object_get(doc, "fields"), i, fld) {
    if (strcmp(json_string_value(json_object_get(fld, "path")), "child.dob") == 0) {
      dob = 1;
      assert_string_equal(json_string_value(json_object_get(fld, "type")), "date");
      assert_true(contains(json_string_value(json_object_get(fld, "doc")), "date of birth"));
    }
  }
  assert_true(dob);
  /* what reads a field: a data condition, and a function that names it */
  json_array_foreach(json_object_get(doc, "fields"), i, fld) {
    const char *p = json_string_value(json_object_get(fld, "path"));
    json_t *users = json_object_get(fld, "used_by");
    if (strcmp(p, "child.disability") == 0)
      assert_non_null(named_string(users, "Disabled child with additional needs"));
    if (strcmp(p, "tools[].completed_on") == 0)      /* read in a loop over c.tools */
      assert_non_null(named_string(users, "Graded Care Profile dated after the assessment"));
  }
  /* a function that hands the case to a helper is said to be untraced */
  assert_non_null(named_string(json_object_get(doc, "untraced"), "gcp_worst_grade"));
  /* the decision table, its rows by level */
  json_t *tab = json_array_get(json_object_get(doc, "tables"), 0);
  assert_non_null(tab);
  assert_true(json_array_size(json_object_get(tab, "rows")) >= 5);
  assert_int_equal(json_array_size(json_object_get(json_object_get(doc, "changes"), "overrides")), 0);
  json_decref(doc);
  th_engine_free(e);
}

static void what_a_set_changes(void **state) {
  (void)state;
  if (rules_dir[0] == '\0')
    skip();
  const char *dir = write_set("docfix",
    "ruleset { id = \"docfix\", title = \"Doc fixture\", version = \"1\", extends = \"core\",\n"
    "  files = { \"rules.lua\" } }\n",
    "rules.lua",
    "override \"Persistent neglect impairing health or development\" {\n"
    "  level = \"early_help\", cite = \"Local doc p.3\", basis = \"judgement\",\n"
    "  why = \"the local document puts it lower\" }\n"
    "disable \"Toxic trio\" { cite = \"Local doc p.9\", reason = \"the panel handles it\" }\n"
    "rule \"Local custom test\" {\n"
    "  level = \"child_in_need\", cite = \"Local doc p.4\", basis = \"quoted\",\n"
    "  reason = \"The home is unsafe in the local sense\",\n"
    "  when = function(c) return c.child.unborn end,\n"
    "}\n",
    NULL);
  th_engine *e = load_set(dir);
  json_t *doc = doc_of(e);
  json_t *ch = json_object_get(doc, "changes");
  json_t *ov = named(json_object_get(ch, "overrides"), "Persistent neglect impairing health or development");
  assert_non_null(ov);
  assert_string_equal(json_string_value(json_object_get(ov, "origin_set")), "core");
  assert_string_equal(json_string_value(json_object_get(ov, "cite")), "Local doc p.3");
  int saw_level = 0;
  size_t i;
  json_t *k;
  json_array_foreach(json_object_get(ov, "keys"), i, k) {
    if (strcmp(json_string_value(json_object_get(k, "key")), "level") == 0) {
      saw_level = 1;
      assert_string_equal(json_string_value(json_object_get(json_object_get(k, "was"), "text")),
                          "child_in_need");
      assert_string_equal(json_string_value(json_object_get(json_object_get(k, "now"), "text")),
                          "early_help");
    }
  }
  assert_true(saw_level);
  json_t *r = NULL, *lv = level_of_rule(doc, "Persistent neglect impairing health or development", &r);
  assert_non_null(lv);
  assert_string_equal(json_string_value(json_object_get(lv, "id")), "early_help");
  assert_string_equal(json_string_value(json_object_get(r, "status")), "changed");
  assert_true(contains(json_string_value(json_object_get(r, "origin")), "core/"));
  json_t *dis = named(json_object_get(ch, "disables"), "Toxic trio");
  assert_non_null(dis);
  assert_string_equal(json_string_value(json_object_get(dis, "reason")), "the panel handles it");
  assert_null(named(json_object_get(doc, "flags"), "Toxic trio"));
  assert_non_null(level_of_rule(doc, "Neglect causing significant harm", &r));
  assert_string_equal(json_string_value(json_object_get(r, "status")), "inherited");
  assert_non_null(level_of_rule(doc, "Local custom test", &r));
  char words[4096];
  line_text(json_object_get(r, "when"), words, sizeof words);
  assert_true(contains(words, "a test written in Lua (docfix/rules.lua:8)"));
  assert_true(contains(words, "The home is unsafe in the local sense"));
  assert_true(contains(words, "its code names  child.unborn"));   /* what its body reads */
  assert_int_equal(json_array_size(json_object_get(doc, "chain")), 2);
  assert_true(json_integer_value(json_object_get(json_object_get(doc, "inherited"), "rules")) > 20);
  json_decref(doc);
  th_engine_free(e);
}

int main(void) {
  const char *rules = getenv("THRESHOLD_RULES");
  if (rules) {
    snprintf(rules_dir, sizeof rules_dir, "%s", rules);
    setenv("THRESHOLD_RULES_PATH", rules, 1);
  }
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(misuse_is_refused),
    cmocka_unit_test(core_document),
    cmocka_unit_test(what_a_set_changes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
