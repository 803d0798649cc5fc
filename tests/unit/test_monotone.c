/*
** test_monotone.c -- a worse fact never lowers a suggestion. For every rule
** set, over the generated caseload, each graded field is worsened by one
** step (an enumeration to its next value, least to most concern; a
** boolean to its concerning value; a number one step in its worse
** direction) and the suggested pathway must not drop. A field the case
** does not record is set to a value and then to the next one, so the new
** parts of the schema are exercised too. A counter-example is printed as
** the case that lowered the suggestion, with the field and both pathways.
**
** The table of graded fields below is the schema's order of concern
** (rules/core/schema*.lua lists each enumeration least to most concern):
** a field added there with a graded meaning belongs here too.
*/
#include "support.h"

typedef enum { ENUM, WORSE_TRUE, WORSE_FALSE, HIGHER, LOWER } grade_kind;

typedef struct graded {
  const char *path;          /* "a.b" or "list[].field" (the first entry) */
  grade_kind kind;
  const char *values[8];     /* ENUM: least to most concern, NULL-ended */
  double step, lo, hi;       /* HIGHER/LOWER: one step, and the field's range */
} graded;

#define E(p, ...) {p, ENUM, {__VA_ARGS__, NULL}, 0, 0, 0}
#define TRUE_WORSE(p) {p, WORSE_TRUE, {NULL}, 0, 0, 0}
#define FALSE_WORSE(p) {p, WORSE_FALSE, {NULL}, 0, 0, 0}
#define NUM(p, kind, step, lo, hi) {p, kind, {NULL}, step, lo, hi}

static const graded GRADED[] = {
  E("concerns[].frequency", "occasional", "frequent", "persistent"),
  E("concerns[].impact", "none", "some", "impairing_health_or_development", "significant_harm"),
  E("carers[].mental_health", "none", "present_no_impact", "impacting_parenting", "severe_impacting"),
  E("carers[].substance_misuse", "none", "historic", "current_no_impact", "current_impacting", "dependent"),
  E("carers[].alcohol_misuse", "none", "historic", "current_no_impact", "current_impacting", "dependent"),
  E("carers[].domestic_abuse", "none", "historic", "current_standard", "current_medium", "current_high_marac"),
  E("carers[].learning_disability", "none", "suspected", "diagnosed"),
  E("carers[].engagement", "engaged", "partial", "sporadic", "disguised_compliance_suspected", "refuses"),
  FALSE_WORSE("carers[].consent_to_early_help"),
  E("carers[].capacity_to_change", "good", "some", "limited", "none_evident"),
  E("carers[].willingness_to_change", "willing", "ambivalent", "unwilling"),
  NUM("carers[].age", LOWER, 1, 10, 100),
  TRUE_WORSE("child.disability"),
  E("child.missing_episodes", "none", "once", "repeated"),
  E("child.violence_at_home", "none", "occasional", "repeated", "causing_injury"),
  E("household.home_conditions", "good", "cluttered", "unclean", "squalid", "dangerous"),
  E("household.food_in_home", "adequate", "inconsistent_no_routine", "often_none"),
  E("household.heating_lighting_absent", "never", "occasional", "frequent", "persistent"),
  E("household.supervision", "appropriate", "inconsistent", "child_left_alone_age_inappropriate", "left_with_unsuitable_carers"),
  TRUE_WORSE("household.dangerous_adults_access"),
  E("household.domestic_abuse_exposure", "none", "aware", "witnessed", "involved_or_injured"),
  E("household.sibling_violence", "none", "occasional", "repeated", "causing_injury"),
  E("household.support_network", "good", "some", "little", "none"),
  E("household.housing", "stable", "insecure", "temporary", "homeless"),
  NUM("household.moves_12_months", HIGHER, 1, 0, 1000),
  NUM("school.attendance_pct", LOWER, 10, 0, 100),
  E("school.attendance", "good", "occasional_absence", "persistent_absence", "severe_absence", "missing_education"),
  E("health.was_not_brought", "none", "rebooked_and_attended", "repeated_no_contact", "chronic_harmful"),
  E("health.growth", "normal", "weight_concern", "obese_health_impact", "faltering_no_organic_cause"),
  E("health.dental", "good", "poorly_maintained", "untreated_decay", "severe_decay"),
  E("health.medication", "not_applicable", "consistent", "inconsistent", "critical_not_given"),
  E("health.injuries", "none", "explained_minor", "unexplained_or_inconsistent"),
  E("health.treatment_refused", "none", "routine", "essential"),
  E("health.antenatal_care", "attending", "some_missed", "late_booking_or_most_missed", "concealed_or_none"),
  E("abuse[].concern", "harsh_parenting", "suspected", "disclosed", "evidenced"),
  E("abuse[].impact", "none", "some", "impairing_health_or_development", "significant_harm"),
  E("exploitation[].risk", "low", "medium", "high"),
  TRUE_WORSE("history.previous_children_removed"),
  E("history.siblings_current_plan", "none", "cin", "cp", "looked_after"),
  TRUE_WORSE("current.police_protection"),
  TRUE_WORSE("current.emergency_protection_order"),
  E("assessment.developmental_needs", "met", "some_unmet", "significantly_unmet", "severely_unmet"),
  E("assessment.parenting_capacity", "adequate", "some_concern", "significant_concern", "severe_concern"),
  E("assessment.family_environment", "supportive", "some_concern", "significant_concern", "severe_concern"),
  NUM("tools[].area_grades.physical_care", HIGHER, 1, 1, 5),
  NUM("tools[].area_grades.care_of_safety", HIGHER, 1, 1, 5),
  NUM("tools[].area_grades.emotional_care", HIGHER, 1, 1, 5),
  NUM("tools[].area_grades.developmental_care", HIGHER, 1, 1, 5),
};

/* A list entry to add when the list has none, so its fields can be graded. */
static json_t *seed_entry(const char *list) {
  if (strcmp(list, "abuse") == 0)
    return json_pack("{s:s}", "type", "physical");
  if (strcmp(list, "exploitation") == 0)
    return json_pack("{s:s}", "type", "criminal");
  return NULL;                 /* concerns, carers, tools: graded where recorded */
}

/* The object holding the path's last key in case j, made where missing;
** NULL when a list the path goes through is absent and has no seed. */
static json_t *holder(json_t *j, const char *path, const char **key) {
  char buf[128];
  snprintf(buf, sizeof buf, "%s", path);
  json_t *at = j;
  char *seg = buf, *dot;
  while ((dot = strchr(seg, '.')) != NULL) {
    *dot = '\0';
    size_t n = strlen(seg);
    if (n > 2 && strcmp(seg + n - 2, "[]") == 0) {
      seg[n - 2] = '\0';
      json_t *list = json_object_get(at, seg);
      if (!json_is_array(list) || json_array_size(list) == 0) {
        json_t *e = seed_entry(seg);
        if (e == NULL)
          return NULL;
        if (!json_is_array(list)) {
          list = json_array();
          json_object_set_new(at, seg, list);
        }
        json_array_append_new(list, e);
      }
      at = json_array_get(list, 0);
    } else {
      json_t *o = json_object_get(at, seg);
      if (o == NULL) {
        o = json_object();
        json_object_set_new(at, seg, o);
      }
      at = o;
    }
    if (!json_is_object(at))
      return NULL;
    seg = dot + 1;
  }
  *key = path + (seg - buf);
  return at;
}

static int enum_index(const graded *g, const char *v) {
  for (int i = 0; g->values[i]; i++)
    if (strcmp(g->values[i], v) == 0)
      return i;
  return -1;
}

static int enum_count(const graded *g) {
  int n = 0;
  while (g->values[n])
    n++;
  return n;
}

/* Set the field in `base` and `worse` to a value and the next worse one.
** Returns 0 when the field cannot be graded in this case. */
static int grade(const graded *g, json_t *base, json_t *worse, unsigned seed) {
  const char *kb, *kw;
  json_t *hb = holder(base, g->path, &kb), *hw = holder(worse, g->path, &kw);
  if (hb == NULL || hw == NULL)
    return 0;
  json_t *v = json_object_get(hb, kb);
  switch (g->kind) {
  case ENUM: {
    int n = enum_count(g), i = json_is_string(v) ? enum_index(g, json_string_value(v)) : -1;
    if (v == NULL)
      i = (int)(seed % (unsigned)(n - 1));
    if (i < 0 || i >= n - 1)
      return 0;
    json_object_set_new(hb, kb, json_string(g->values[i]));
    json_object_set_new(hw, kw, json_string(g->values[i + 1]));
    return 1;
  }
  case WORSE_TRUE:
  case WORSE_FALSE: {
    int bad = g->kind == WORSE_TRUE;
    if (v != NULL && (!json_is_boolean(v) || json_is_true(v) == bad))
      return 0;
    json_object_set_new(hb, kb, json_boolean(!bad));
    json_object_set_new(hw, kw, json_boolean(bad));
    return 1;
  }
  case HIGHER:
  case LOWER: {
    double x = v ? json_number_value(v) : g->lo + (double)(seed % 7) * g->step;
    if (v != NULL && !json_is_number(v))
      return 0;
    double y = g->kind == HIGHER ? x + g->step : x - g->step;
    if (y < g->lo || y > g->hi || x < g->lo || x > g->hi)
      return 0;
    int integral = v == NULL || json_is_integer(v);
    json_object_set_new(hb, kb, integral ? json_integer((json_int_t)x) : json_real(x));
    json_object_set_new(hw, kw, integral ? json_integer((json_int_t)y) : json_real(y));
    return 1;
  }
  }
  return 0;
}

/* The pathway suggested for a case, or -1 when it is invalid or has none. */
static int pathway_of(th_engine *e, json_t *j) {
  char *s = json_dumps(j, JSON_COMPACT);
  th_result *r = NULL;
  assert_int_equal(th_eval(e, s, strlen(s), TH_EVAL_SUMMARY, &r), TH_OK);
  int p = th_result_status(r) == TH_RESULT_INVALID ? -1 : th_result_pathway(r);
  th_result_free(r);
  free(s);
  return p < 0 || p > TH_CHILD_PROTECTION ? -1 : p;
}

static void monotone_in_every_set(void **state) {
  (void)state;
  const char *path = getenv("THRESHOLD_CASELOAD");
  const char *rules = getenv("THRESHOLD_RULES");
  if (path == NULL || rules == NULL)
    fail_msg("THRESHOLD_CASELOAD and THRESHOLD_RULES must be set (make unit sets them)");
  static const char *const sets[] = {"core", "peterborough", "northamptonshire",
                                     "rotherham", "staffordshire"};
  enum { CASES = 40 };
  for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s/%s", rules, sets[s]);
    th_engine *e = load_set(dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long n = 0, compared = 0;
    while (n < CASES && (len = getline(&line, &cap, f)) > 0) {
      json_t *c = json_loadb(line, (size_t)len, 0, NULL);
      assert_non_null(c);
      for (size_t g = 0; g < sizeof GRADED / sizeof GRADED[0]; g++) {
        json_t *base = json_deep_copy(c), *worse = json_deep_copy(c);
        if (grade(&GRADED[g], base, worse, (unsigned)(n * 31 + (long)g))) {
          int pb = pathway_of(e, base), pw = pathway_of(e, worse);
          if (pb >= 0 && pw >= 0) {
            compared++;
            if (pw < pb) {
              char *cs = json_dumps(worse, JSON_COMPACT | JSON_SORT_KEYS);
              fail_msg("%s is not monotone in %s: worsening it one step lowers the "
                       "suggestion from %s to %s. The worse case:\n%s", sets[s],
                       GRADED[g].path, th_pathway_name(pb), th_pathway_name(pw), cs);
            }
          }
        }
        json_decref(base);
        json_decref(worse);
      }
      json_decref(c);
      n++;
    }
    free(line);
    fclose(f);
    th_engine_free(e);
    assert_true(n == CASES);
    assert_true(compared > n * 10);      /* the fields do reach the rules */
  }
}

/* The property test can fail: a set where a worse impact lowers the level. */
static void a_non_monotone_set_is_caught(void **state) {
  (void)state;
  const char *dir = write_set("nonmono", "ruleset { id = 'nonmono', files = { 'r.lua' } }",
    "r.lua", FIXTURE_LEVELS
    "rule 'Some' { level = 'early_help', cite = 'x', basis = 'quoted', reason = 'y', when = is('kind', 'b') }\n",
    NULL);
  th_engine *e = load_set(dir);
  static const graded kind = E("kind", "a", "b", "c");
  json_t *base = json_pack("{s:s}", "assessed_on", "2026-01-01");
  json_t *worse = json_deep_copy(base);
  assert_int_equal(grade(&kind, base, worse, 1), 1);      /* b, then c */
  assert_true(pathway_of(e, worse) < pathway_of(e, base));
  json_decref(base);
  json_decref(worse);
  th_engine_free(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(monotone_in_every_set),
    cmocka_unit_test(a_non_monotone_set_is_caught),
  };
  return cmocka_run_group_tests(tests, NULL, remove_fixtures);
}
