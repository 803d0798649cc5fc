-- The case: one child, as of one date (assessed_on). Paths in rules are
-- checked against these declarations when the rule set loads. A field
-- without a default that a rule needs but the case lacks is *unknown*:
-- the rule is undetermined and the result says what to record.

local FREQUENCY = { "occasional", "frequent", "persistent" }
local IMPACT = { "none", "some", "impairing_health_or_development", "significant_harm" }
local MISUSE = { "none", "historic", "current_no_impact", "current_impacting", "dependent" }
local PLAN_CATEGORY = { "neglect", "emotional", "physical", "sexual", "multiple" }
local SINGLE_CATEGORY = { "neglect", "emotional", "physical", "sexual" }

-- The child
field "child" { type = "object", doc = "the child the case is about" }
field "child.dob" { type = "date", doc = "date of birth (absent for an unborn baby)" }
field "child.unborn" { type = "boolean", default = false,
  doc = "true for a pre-birth assessment" }
field "child.expected_delivery" { type = "date", future = true, doc = "expected date of delivery, unborn baby" }
field "child.disability" { type = "boolean", worse = true,
  doc = "a disability or complex health need (disabled children are more likely to be neglected)" }

-- A professional's judgement, recorded: the child is at risk of (likely
-- to suffer) significant harm, the test for a s47 enquiry. Unrecorded is
-- no judgement recorded yet, never "not at risk": only true raises the
-- suggestion (core's s47 rule); false is a recorded judgement that the
-- child is not at risk, which lowers nothing either.
field "at_risk_of_significant_harm" { type = "boolean", worse = true,
  doc = "a professional has judged the child at risk of significant harm (Children Act 1989 s47)" }

-- Concerns: indicators of neglect, graded by frequency and impact, as the
-- threshold documents escalate them.
field "concerns" { type = "array", of = "object", default = {},
  doc = "indicators of neglect; an absent list means none recorded" }
field "concerns[].subtype" { type = "enum",
  values = { "medical", "nutritional", "emotional", "educational", "physical", "supervision" },
  doc = "the six sub-types of neglect (Northamptonshire strategy, after Horwath)" }
field "concerns[].indicator" { type = "string", doc = "what was seen, in the practitioner's words" }
field "concerns[].frequency" { type = "enum", ordered = true, values = FREQUENCY }
field "concerns[].impact" { type = "enum", ordered = true, values = IMPACT,
  doc = "impact on the child: none, some, impairing health or development, significant harm" }
field "concerns[].since" { type = "date", doc = "when the concern was first recorded" }
field "concerns[].source" { type = "enum",
  values = { "referrer", "practitioner_observation", "child_account", "parent_account", "record", "tool" } }

-- Parents and carers
field "carers" { type = "array", of = "object", default = {},
  doc = "parents and carers in the household" }
field "carers[].relationship" { type = "enum",
  values = { "mother", "father", "step_parent", "partner", "grandparent", "kinship_carer", "other" } }
field "carers[].mental_health" { type = "enum", ordered = true,
  values = { "none", "present_no_impact", "impacting_parenting", "severe_impacting" } }
field "carers[].substance_misuse" { type = "enum", ordered = true, values = MISUSE }
field "carers[].alcohol_misuse" { type = "enum", ordered = true, values = MISUSE }
field "carers[].domestic_abuse" { type = "enum", ordered = true,
  values = { "none", "historic", "current_standard", "current_medium", "current_high_marac" } }
field "carers[].learning_disability" { type = "enum", ordered = true, values = { "none", "suspected", "diagnosed" } }
field "carers[].engagement" { type = "enum", ordered = true,
  values = { "engaged", "partial", "sporadic", "disguised_compliance_suspected", "refuses" } }
field "carers[].consent_to_early_help" { type = "boolean", worse = false }

-- The home
field "household" { type = "object" }
field "household.home_conditions" { type = "enum", ordered = true,
  values = { "good", "cluttered", "unclean", "squalid", "dangerous" } }
field "household.food_in_home" { type = "enum", ordered = true,
  values = { "adequate", "inconsistent_no_routine", "often_none" } }
field "household.heating_lighting_absent" { type = "enum", ordered = true,
  values = { "never", "occasional", "frequent", "persistent" },
  doc = "how often the home is without heating or lighting" }
field "household.supervision" { type = "enum", ordered = true,
  values = { "appropriate", "inconsistent", "child_left_alone_age_inappropriate", "left_with_unsuitable_carers" } }
field "household.dangerous_adults_access" { type = "boolean", worse = true,
  doc = "adults who pose a risk to children have access to the child" }

-- School
field "school" { type = "object" }
field "school.attendance_pct" { type = "number", worse = "lower", min = 0, max = 100,
  doc = "attendance over the last 12 months, per cent" }
field "school.attendance_trend" { type = "enum", values = { "stable", "falling", "improving" } }

-- Health
field "health" { type = "object" }
field "health.was_not_brought" { type = "enum", ordered = true,
  values = { "none", "rebooked_and_attended", "repeated_no_contact", "chronic_harmful" },
  doc = "missed health appointments: the was-not-brought pattern" }
field "health.growth" { type = "enum", ordered = true,
  values = { "normal", "weight_concern", "faltering_no_organic_cause", "obese_health_impact" } }
field "health.dental" { type = "enum", ordered = true,
  values = { "good", "poorly_maintained", "untreated_decay", "severe_decay" } }
field "health.medication" { type = "enum", ordered = true,
  values = { "not_applicable", "consistent", "inconsistent", "critical_not_given" },
  doc = "whether prescribed medication or treatment is given" }

-- Assessment tools: Graded Care Profile and others, dated
field "tools" { type = "array", of = "object", default = {},
  doc = "completed assessment tools; absent means none recorded" }
field "tools[].tool" { type = "enum",
  values = { "gcp_original", "gcp2_nspcc", "gcp2a_nspcc", "local_gcp_variant",
             "neglect_assessment_tool", "home_conditions", "other" } }
field "tools[].completed_on" { type = "date" }
field "tools[].area_grades" { type = "object", doc = "GCP2 area grades, 1 (best) to 5 (worst)" }
field "tools[].area_grades.physical_care" { type = "integer", worse = "higher", min = 1, max = 5 }
field "tools[].area_grades.care_of_safety" { type = "integer", worse = "higher", min = 1, max = 5 }
field "tools[].area_grades.emotional_care" { type = "integer", worse = "higher", min = 1, max = 5 }
field "tools[].area_grades.developmental_care" { type = "integer", worse = "higher", min = 1, max = 5 }

-- History
field "history" { type = "object" }
field "history.previous_children_removed" { type = "boolean", worse = true,
  doc = "a parent has previously been unable to care for a child (removed or not cared for)" }
field "history.siblings_current_plan" { type = "enum", ordered = true,
  values = { "none", "cin", "cp", "looked_after" },
  doc = "the most intensive plan a sibling is on now" }
field "history.cp_plans" { type = "array", of = "object", default = {},
  doc = "previous (ended) child protection plans" }
field "history.cp_plans[].start" { type = "date" }
field "history.cp_plans[].end" { type = "date" }
field "history.cp_plans[].category" { type = "enum", values = PLAN_CATEGORY }
field "history.cp_plans[].categories" { type = "array", of = "enum", values = SINGLE_CATEGORY,
  doc = "the categories of a plan whose category is multiple" }
field "history.early_help_episodes" { type = "array", of = "object", default = {} }
field "history.early_help_episodes[].start" { type = "date" }
field "history.early_help_episodes[].end" { type = "date" }
field "history.early_help_episodes[].outcome" { type = "enum",
  values = { "ongoing", "closed_improved", "closed_disengaged", "closed_no_consent", "stepped_up" } }

-- Where the case is now
field "current" { type = "object" }
field "current.pathway" { type = "enum",
  values = { "none", "universal", "early_help", "child_in_need", "child_protection", "looked_after" } }
field "current.plan_category" { type = "enum", values = PLAN_CATEGORY }
field "current.plan_categories" { type = "array", of = "enum", values = SINGLE_CATEGORY,
  doc = "the categories of a plan whose category is multiple" }
field "current.plan_start" { type = "date", doc = "start of the current plan" }
field "current.referral_received" { type = "date" }
field "current.referral_decision" { type = "date" }
field "current.assessment_started" { type = "date" }
field "current.assessment_completed" { type = "date" }
field "current.strategy_discussion" { type = "date" }
field "current.icpc" { type = "date", doc = "initial child protection conference" }
field "current.last_review_conference" { type = "date" }

-- Checks across fields: a case that fails one is invalid, with the path.
check "Date of birth after the assessment date" {
  when = date_after("child.dob", "assessed_on"),
  path = "child.dob", message = "the date of birth is after assessed_on",
}
check "An unborn baby with a date of birth" {
  when = all { is("child.unborn", true), present("child.dob") },
  path = "child.dob", message = "an unborn baby has no date of birth (use expected_delivery)",
}
