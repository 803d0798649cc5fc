/*
** gen_caseload.c -- a deterministic synthetic caseload, as JSON Lines, in
** the shape of rules/core/schema.lua.
**
**   gen_caseload N [SEED] > cases.jsonl
**
** Case i depends only on (SEED, i), never on N. The mix is calibrated to
** the published figures in shared/DOMAIN.md section 4.3, for a local
** authority's referred and open cases (not the whole child population):
**  - about 30% of referrals are assessed as not in need (SACPA 2023:
**    29.9%) and a further 7% have no further action;
**  - abuse or neglect is the primary need in about half of assessments
**    (SFR 2014-15: 47-49%); neglect is the category of about 45-48% of
**    child protection plans (WP 2015, 2017);
**  - domestic abuse is a factor at the end of 48% of assessments, parental
**    mental health in 32.5% (WP 2015);
**  - 16.6% of child protection plans are a second or later plan (BROOKMAN
**    2015); about 22% of referrals are re-referrals within 12 months
**    (SACPA 2023: 143,770 of 640,430).
** Some fields are left out on purpose (about 1 in 12), as real records
** are incomplete, so results exercise unknown facts.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

typedef struct rng { uint64_t s; } rng;

/* splitmix64: small, fast, and the same on every platform */
static uint64_t next64(rng *r) {
  uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static double uniform(rng *r) { return (double)(next64(r) >> 11) / 9007199254740992.0; }
static int chance(rng *r, double p) { return uniform(r) < p; }
static int pick(rng *r, int n) { return (int)(uniform(r) * n); }

/* Index into weights[] chosen with those relative weights. */
static int weighted(rng *r, const double *w, int n) {
  double total = 0, x;
  for (int i = 0; i < n; i++)
    total += w[i];
  x = uniform(r) * total;
  for (int i = 0; i < n; i++) {
    if (x < w[i])
      return i;
    x -= w[i];
  }
  return n - 1;
}

static const char *const SUBTYPES[] = {"medical", "nutritional", "emotional",
                                       "educational", "physical", "supervision"};
static const char *const FREQ[] = {"occasional", "frequent", "persistent"};
static const char *const IMPACT[] = {"none", "some", "impairing_health_or_development",
                                     "significant_harm"};

/* Need tiers: 0 universal, 1 early help, 2 child in need, 3 child protection. */
static const double TIER_MIX[] = {0.37, 0.30, 0.23, 0.10};

/* Civil date <-> days since 1970-01-01 (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The date days_before days before 1 November of base_y. */
static void date_str(char out[16], int days_before, int base_y) {
  int y, m, d;
  civil_from_days(days_from_civil(base_y, 11, 1) - days_before, &y, &m, &d);
  snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

static void set_date(json_t *o, const char *key, int days_before) {
  char buf[16];
  date_str(buf, days_before, 2026);
  json_object_set_new(o, key, json_string(buf));
}

static json_t *concerns(rng *r, int tier) {
  json_t *a = json_array();
  int n = tier == 0 ? pick(r, 2) : 1 + pick(r, tier + 1);
  for (int i = 0; i < n; i++) {
    double fw[3] = {tier < 1 ? 0.7 : 0.3, 0.4, tier >= 2 ? 0.5 : 0.1};
    double iw[4] = {0.3, 0.5, tier >= 2 ? 0.5 : 0.05, tier == 3 ? 0.35 : 0.01};
    json_t *c = json_object();
    json_object_set_new(c, "subtype", json_string(SUBTYPES[pick(r, 6)]));
    json_object_set_new(c, "frequency", json_string(FREQ[weighted(r, fw, 3)]));
    if (!chance(r, 0.06))
      json_object_set_new(c, "impact", json_string(IMPACT[weighted(r, iw, 4)]));
    set_date(c, "since", 30 + pick(r, 700));
    json_object_set_new(c, "source", json_string(chance(r, 0.5) ? "referrer" : "practitioner_observation"));
    json_array_append_new(a, c);
  }
  return a;
}

static const char *misuse(rng *r, double p) {
  static const char *const v[] = {"none", "historic", "current_no_impact",
                                  "current_impacting", "dependent"};
  if (!chance(r, p))
    return chance(r, 0.1) ? v[1] : v[0];
  return v[2 + pick(r, 3)];
}

static json_t *carers(rng *r, int tier, int *trio) {
  json_t *a = json_array();
  int n = 1 + chance(r, 0.55);
  for (int i = 0; i < n; i++) {
    json_t *c = json_object();
    json_object_set_new(c, "relationship", json_string(i == 0 ? "mother" : chance(r, 0.6) ? "father" : "partner"));
    double mh = 0.15 + 0.08 * tier, da = 0.25 + 0.1 * tier, sm = 0.08 + 0.07 * tier;
    static const char *const MH[] = {"none", "present_no_impact", "impacting_parenting", "severe_impacting"};
    static const char *const DA[] = {"none", "historic", "current_standard", "current_medium", "current_high_marac"};
    static const char *const ENG[] = {"engaged", "partial", "sporadic", "disguised_compliance_suspected", "refuses"};
    json_object_set_new(c, "mental_health", json_string(chance(r, mh) ? MH[1 + pick(r, 3)] : "none"));
    json_object_set_new(c, "substance_misuse", json_string(misuse(r, sm)));
    json_object_set_new(c, "alcohol_misuse", json_string(misuse(r, sm)));
    if (!chance(r, 0.08))
      json_object_set_new(c, "domestic_abuse", json_string(chance(r, da) ? DA[2 + pick(r, 3)] : DA[pick(r, 2)]));
    json_object_set_new(c, "engagement", json_string(ENG[tier == 0 ? 0 : pick(r, 2 + tier)]));
    json_object_set_new(c, "consent_to_early_help", json_boolean(!chance(r, 0.12)));
    *trio |= strcmp(json_string_value(json_object_get(c, "mental_health")), "none") != 0;
    json_array_append_new(a, c);
  }
  return a;
}

static json_t *household(rng *r, int tier) {
  json_t *h = json_object();
  double t = tier / 3.0;
  static const char *const HOME[] = {"good", "cluttered", "unclean", "squalid", "dangerous"};
  static const char *const FOOD[] = {"adequate", "inconsistent_no_routine", "often_none"};
  static const char *const HEAT[] = {"never", "occasional", "frequent", "persistent"};
  static const char *const SUP[] = {"appropriate", "inconsistent", "child_left_alone_age_inappropriate",
                                    "left_with_unsuitable_carers"};
  double hw[5] = {1.0 - t * 0.6, 0.4, 0.3 * t + 0.05, 0.2 * t, 0.04 * t};
  double fw[3] = {1.0, 0.3 * t + 0.05, 0.12 * t};
  double ew[4] = {1.0, 0.2, 0.1 * t, 0.05 * t};
  double sw[4] = {1.0, 0.3 * t + 0.05, 0.1 * t, 0.06 * t};
  json_object_set_new(h, "home_conditions", json_string(HOME[weighted(r, hw, 5)]));
  json_object_set_new(h, "food_in_home", json_string(FOOD[weighted(r, fw, 3)]));
  if (!chance(r, 0.08))
    json_object_set_new(h, "heating_lighting_absent", json_string(HEAT[weighted(r, ew, 4)]));
  json_object_set_new(h, "supervision", json_string(SUP[weighted(r, sw, 4)]));
  json_object_set_new(h, "dangerous_adults_access", json_boolean(chance(r, 0.02 + 0.05 * t)));
  return h;
}

static json_t *health(rng *r, int tier) {
  json_t *h = json_object();
  double t = tier / 3.0;
  static const char *const WNB[] = {"none", "rebooked_and_attended", "repeated_no_contact", "chronic_harmful"};
  static const char *const GROWTH[] = {"normal", "weight_concern", "faltering_no_organic_cause", "obese_health_impact"};
  static const char *const DENT[] = {"good", "poorly_maintained", "untreated_decay", "severe_decay"};
  static const char *const MED[] = {"not_applicable", "consistent", "inconsistent", "critical_not_given"};
  double ww[4] = {1.0, 0.3, 0.3 * t + 0.03, 0.1 * t};
  double gw[4] = {1.0, 0.15, 0.06 * t, 0.05};
  double dw[4] = {1.0, 0.3, 0.15 * t + 0.03, 0.05 * t};
  double mw[4] = {1.0, 0.15, 0.06 * t, 0.02 * t};
  json_object_set_new(h, "was_not_brought", json_string(WNB[weighted(r, ww, 4)]));
  json_object_set_new(h, "growth", json_string(GROWTH[weighted(r, gw, 4)]));
  if (!chance(r, 0.1))
    json_object_set_new(h, "dental", json_string(DENT[weighted(r, dw, 4)]));
  json_object_set_new(h, "medication", json_string(MED[weighted(r, mw, 4)]));
  return h;
}

static json_t *gcp(rng *r, int tier) {
  json_t *tools = json_array();
  if (!chance(r, tier >= 2 ? 0.45 : 0.15))
    return tools;
  json_t *t = json_object(), *g = json_object();
  static const char *const AREAS[] = {"physical_care", "care_of_safety", "emotional_care", "developmental_care"};
  json_object_set_new(t, "tool", json_string("gcp2_nspcc"));
  set_date(t, "completed_on", 5 + pick(r, 120));
  for (int i = 0; i < 4; i++) {
    int grade = 1 + pick(r, 2) + (tier >= 2 ? pick(r, tier) : 0);
    json_object_set_new(g, AREAS[i], json_integer(grade > 5 ? 5 : grade));
  }
  json_object_set_new(t, "area_grades", g);
  json_array_append_new(tools, t);
  return tools;
}

static json_t *history_and_current(rng *r, int tier, json_t *c) {
  json_t *h = json_object(), *cur = json_object();
  static const char *const SIB[] = {"none", "cin", "cp", "looked_after"};
  double sw[4] = {1.0, 0.08 + 0.05 * tier, 0.03 + 0.05 * tier, 0.02};
  json_object_set_new(h, "previous_children_removed", json_boolean(chance(r, 0.01 + 0.02 * tier)));
  json_object_set_new(h, "siblings_current_plan", json_string(SIB[weighted(r, sw, 4)]));
  json_t *plans = json_array();
  if (tier == 3 && chance(r, 0.166)) {
    json_t *p = json_object();
    set_date(p, "start", 900 + pick(r, 700));
    set_date(p, "end", 500 + pick(r, 300));
    json_object_set_new(p, "category", json_string(chance(r, 0.6) ? "neglect" : "emotional"));
    json_array_append_new(plans, p);
  }
  json_object_set_new(h, "cp_plans", plans);
  static const char *const PATH[] = {"none", "early_help", "child_in_need", "child_protection"};
  json_object_set_new(cur, "pathway", json_string(PATH[tier]));
  set_date(cur, "referral_received", 2 + pick(r, 60));
  if (!chance(r, 0.03))
    json_object_set_new(cur, "referral_decision", json_incref(json_object_get(cur, "referral_received")));
  if (tier >= 2) {
    int start = 20 + pick(r, 520);
    set_date(cur, "plan_start", start);
    json_object_set_new(cur, "plan_category", json_string(chance(r, 0.47) ? "neglect" : "multiple"));
    if (tier == 3) {
      set_date(cur, "icpc", start);
      if (start > 95)
        set_date(cur, "last_review_conference", start > 280 ? pick(r, 200) : start - 90);
    }
  }
  json_object_set_new(c, "history", h);
  json_object_set_new(c, "current", cur);
  return c;
}

static json_t *make_case(uint64_t seed, long i) {
  rng r = {seed ^ (0xA5A5A5A5ULL * (uint64_t)(i + 1))};
  for (int k = 0; k < 4; k++)
    next64(&r);
  int tier = weighted(&r, TIER_MIX, 4);
  json_t *c = json_object();
  char id[32];
  snprintf(id, sizeof id, "C%07ld", i);
  json_object_set_new(c, "id", json_string(id));
  json_object_set_new(c, "assessed_on", json_string("2026-11-02"));
  json_t *child = json_object();
  if (chance(&r, 0.03)) {
    json_object_set_new(child, "unborn", json_true());
    char edd[16];
    date_str(edd, 0, 2027);
    json_object_set_new(child, "expected_delivery", json_string(edd));
  } else {
    set_date(child, "dob", 30 + pick(&r, 17 * 365));   /* 0-17 years */
  }
  json_object_set_new(child, "disability", json_boolean(chance(&r, 0.08)));
  json_object_set_new(c, "child", child);
  json_object_set_new(c, "concerns", concerns(&r, tier));
  int trio = 0;
  json_object_set_new(c, "carers", carers(&r, tier, &trio));
  json_object_set_new(c, "household", household(&r, tier));
  if (!chance(&r, 0.05))
    json_object_set_new(c, "health", health(&r, tier));
  json_t *school = json_object();
  json_object_set_new(school, "attendance_pct",
                      json_real((double)(700 + pick(&r, 300 - 40 * tier)) / 10.0));
  json_object_set_new(c, "school", school);
  json_object_set_new(c, "tools", gcp(&r, tier));
  return history_and_current(&r, tier, c);
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: gen_caseload N [SEED] > cases.jsonl\n");
    return 2;
  }
  long n = strtol(argv[1], NULL, 10);
  uint64_t seed = argc == 3 ? strtoull(argv[2], NULL, 10) : 20261122u;
  static char buf[1 << 16];
  setvbuf(stdout, buf, _IOFBF, sizeof buf);
  for (long i = 0; i < n; i++) {
    json_t *c = make_case(seed, i);
    json_dumpf(c, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    fputc('\n', stdout);
    json_decref(c);
  }
  return fflush(stdout) == 0 ? 0 : 1;
}
