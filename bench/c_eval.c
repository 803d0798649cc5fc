/*
** c_eval.c -- shared/bench/SPEC.md hand-written in C with jansson, the
** same JSON library the engine uses: the practical limit the engine is
** measured against (issue: "within 3x of a straightforward hand-written C
** evaluator"). JSON Lines on stdin, one {"id","level","fired"} line per case
** on stdout, and the BENCH line on stderr (eval time includes parsing each
** line, as the engine's does).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

static const char *const TYPES[6] = {"nutritional", "physical", "medical",
                                     "emotional", "educational", "supervision"};
enum { NUT, PHY, MED, EMO, EDU, SUP };
static const char *const GRADES[4] = {"physical_care", "safety", "love_and_care",
                                      "stimulation_education"};

typedef struct rule { const char *name; int level; } rule;

/* The 43 rules, sorted by name (the output order). */
static const rule RULES[] = {
  {"cp_plan_concerns_continuing", 4}, {"cumulative_neglect", 3},
  {"disabled_child_unmet_care_needs", 3}, {"early_help_declined", 3},
  {"educational_concern", 2}, {"educational_significant", 3},
  {"emotional_concern", 2}, {"emotional_severe", 4}, {"emotional_significant", 3},
  {"gcp2_area_grade_3", 2}, {"gcp2_area_grade_4", 3}, {"gcp2_area_grade_5", 4},
  {"gcp2_multiple_areas_of_concern", 3}, {"infant_severe_concern", 4},
  {"legal_planning_meeting", 4}, {"medical_concern", 2}, {"medical_severe", 4},
  {"medical_significant", 3}, {"missed_health_appointments", 2},
  {"multiple_severe_concerns", 4}, {"nutritional_concern", 2},
  {"nutritional_severe", 4}, {"nutritional_significant", 3},
  {"parental_non_engagement", 3}, {"parental_risk_factor", 2},
  {"parental_risk_with_significant_neglect", 4}, {"partial_engagement_with_concerns", 2},
  {"persistent_absence", 2}, {"persistent_low_level_neglect", 3},
  {"physical_care_concern", 2}, {"physical_care_severe", 4},
  {"physical_care_significant", 3}, {"prebirth_concern", 3}, {"prebirth_high_risk", 4},
  {"previous_cp_plan_for_neglect", 3}, {"repeat_cp_plan_neglect", 4},
  {"sibling_subject_to_cp_plan", 3}, {"supervision_concern", 2},
  {"supervision_severe", 4}, {"supervision_significant", 3}, {"toxic_trio", 4},
  {"two_parental_risk_factors", 3}, {"universal_health_follow_up", 1},
};
#define NRULES (sizeof RULES / sizeof RULES[0])

static int fired_index(const char *name) {
  for (size_t i = 0; i < NRULES; i++)
    if (strcmp(RULES[i].name, name) == 0)
      return (int)i;
  abort();
}

static long long ival(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }
static int bval(json_t *o, const char *k) { return json_is_true(json_object_get(o, k)); }

static void evaluate(json_t *c, char fired[NRULES]) {
  memset(fired, 0, NRULES);
  json_t *cs = json_object_get(c, "concerns"), *g = json_object_get(c, "gcp2");
  int sev[6], per[6], max_sev = 0, n1 = 0, n2 = 0, n3 = 0, npers = 0;
  for (int t = 0; t < 6; t++) {
    json_t *x = json_object_get(cs, TYPES[t]);
    sev[t] = (int)ival(x, "severity");
    per[t] = bval(x, "persistent");
    if (sev[t] > max_sev) max_sev = sev[t];
    n1 += sev[t] >= 1; n2 += sev[t] >= 2; n3 += sev[t] == 3;
    npers += per[t] && sev[t] >= 1;
  }
  int gmax = 0, g3 = 0, g4 = 0, g5 = 0;
  for (int a = 0; a < 4; a++) {
    int v = (int)ival(g, GRADES[a]);
    if (v > gmax) gmax = v;
    g3 += v >= 3; g4 += v == 4; g5 += v == 5;
  }
  int da = bval(c, "domestic_abuse");
  int toxic = da + bval(c, "parental_substance_misuse") + bval(c, "parental_mental_health");
  long long age = ival(c, "age_months"), missed = ival(c, "missed_health_appointments");
  long long prev = ival(c, "previous_cp_plans_neglect");
  json_t *att = json_object_get(c, "school_attendance"), *cp = json_object_get(c, "cp_plan_months");
  int has_att = json_is_number(att), has_cp = json_is_integer(cp);
  double attendance = has_att ? json_number_value(att) : 0;
  long long cpm = has_cp ? json_integer_value(cp) : 0;
  const char *eng = json_string_value(json_object_get(c, "parental_engagement"));
  eng = eng ? eng : "";
#define FIRE(name, cond) do { if (cond) fired[fired_index(name)] = 1; } while (0)
  FIRE("universal_health_follow_up", age >= 0 && age < 60 && missed == 1);
  FIRE("nutritional_concern", sev[NUT] >= 1);
  FIRE("physical_care_concern", sev[PHY] >= 1);
  FIRE("medical_concern", sev[MED] >= 1);
  FIRE("emotional_concern", sev[EMO] >= 1);
  FIRE("educational_concern", sev[EDU] >= 1);
  FIRE("supervision_concern", sev[SUP] >= 1);
  FIRE("missed_health_appointments", missed >= 2);
  FIRE("persistent_absence", has_att && attendance < 0.9);
  FIRE("gcp2_area_grade_3", gmax == 3);
  FIRE("parental_risk_factor", toxic == 1);
  FIRE("partial_engagement_with_concerns", !strcmp(eng, "partial") && n1 >= 1);
  FIRE("nutritional_significant", sev[NUT] >= 2 || (sev[NUT] == 1 && per[NUT]));
  FIRE("physical_care_significant", sev[PHY] >= 2 && (per[PHY] || sev[PHY] == 3));
  FIRE("medical_significant", sev[MED] >= 2 || missed >= 4);
  FIRE("emotional_significant", sev[EMO] >= 2 && (per[EMO] || da));
  FIRE("educational_significant", sev[EDU] >= 2 || (has_att && attendance < 0.5));
  FIRE("supervision_significant", sev[SUP] >= 2 && age < 96);
  FIRE("cumulative_neglect", n2 >= 3);
  FIRE("persistent_low_level_neglect", npers >= 2 && max_sev == 1);
  FIRE("two_parental_risk_factors", toxic == 2);
  FIRE("gcp2_area_grade_4", g4 >= 1);
  FIRE("gcp2_multiple_areas_of_concern", g3 >= 3);
  FIRE("early_help_declined", json_is_false(json_object_get(c, "consent_to_early_help")) && n1 >= 2);
  FIRE("disabled_child_unmet_care_needs", bval(c, "disability") && (sev[PHY] >= 1 || sev[MED] >= 1));
  FIRE("parental_non_engagement", !strcmp(eng, "none") && max_sev >= 2);
  FIRE("sibling_subject_to_cp_plan", bval(c, "sibling_on_cp_plan"));
  FIRE("previous_cp_plan_for_neglect", prev >= 1 && n1 >= 1);
  FIRE("prebirth_concern", age < 0 && (toxic >= 1 || sev[MED] >= 1));
  FIRE("nutritional_severe", sev[NUT] == 3);
  FIRE("physical_care_severe", sev[PHY] == 3 && per[PHY]);
  FIRE("medical_severe", sev[MED] == 3 && (per[MED] || age < 60));
  FIRE("emotional_severe", sev[EMO] == 3 && toxic >= 1);
  FIRE("supervision_severe", sev[SUP] == 3 && age < 144);
  FIRE("infant_severe_concern", age >= 0 && age < 12 && n3 >= 1);
  FIRE("toxic_trio", toxic == 3);
  FIRE("parental_risk_with_significant_neglect", toxic >= 2 && n2 >= 2);
  FIRE("multiple_severe_concerns", n3 >= 2);
  FIRE("gcp2_area_grade_5", g5 >= 1);
  FIRE("repeat_cp_plan_neglect", prev >= 2 && n2 >= 1);
  FIRE("legal_planning_meeting", has_cp && cpm >= 12);
  FIRE("cp_plan_concerns_continuing", has_cp && cpm >= 3 && n2 >= 1);
  FIRE("prebirth_high_risk", age < 0 && (toxic >= 2 || prev >= 1));
#undef FIRE
}

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  long long n = 0;
  double wall = 0, cpu = 0;
  static char out[1 << 16];
  setvbuf(stdout, out, _IOFBF, sizeof out);
  while ((len = getline(&line, &cap, stdin)) > 0) {
    double c = clock_s(CLOCK_PROCESS_CPUTIME_ID);   /* a system call: outside */
    double w = clock_s(CLOCK_MONOTONIC);            /* the wall clock's span */
    json_error_t err;
    json_t *cs = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES, &err);
    char fired[NRULES];
    int level = 1;
    if (cs)
      evaluate(cs, fired);
    wall += clock_s(CLOCK_MONOTONIC) - w;
    cpu += clock_s(CLOCK_PROCESS_CPUTIME_ID) - c;
    if (cs == NULL) {
      fprintf(stderr, "line %lld: %s\n", n + 1, err.text);
      return 1;
    }
    printf("{\"id\":\"%s\",\"level\":", json_string_value(json_object_get(cs, "id")));
    for (size_t i = 0; i < NRULES; i++)
      if (fired[i] && RULES[i].level > level) level = RULES[i].level;
    printf("%d,\"fired\":[", level);
    for (size_t i = 0, k = 0; i < NRULES; i++)
      if (fired[i]) printf("%s\"%s\"", k++ ? "," : "", RULES[i].name);
    fputs("]}\n", stdout);
    json_decref(cs);
    n++;
  }
  free(line);
  fprintf(stderr, "BENCH impl=c-evaluator cases=%lld eval_s=%.4f eval_cpu_s=%.4f includes=json_parse\n",
          n, wall, cpu);
  return fflush(stdout) == 0 ? 0 : 1;
}
