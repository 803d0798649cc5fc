-- Peterborough: tests argued from the scrutiny report (14 Nov 2016, "000")
-- and the JTAI self-assessment (June 2017, "001").

local FAMILY = {
  id = "T-pb", assessed_on = "2026-11-02",
  child = { dob = "2020-06-15", disability = false },
  concerns = {},
  carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
               alcohol_misuse = "none", domestic_abuse = "none", engagement = "engaged",
               consent_to_early_help = true } },
  household = { home_conditions = "good", food_in_home = "adequate",
                heating_lighting_absent = "never", supervision = "appropriate",
                dangerous_adults_access = false },
  school = { attendance_pct = 97 },
  health = { was_not_brought = "none", growth = "normal", dental = "good", medication = "not_applicable" },
  history = { previous_children_removed = false, siblings_current_plan = "none" },
  current = { pathway = "none" },
}

local ON_PLAN = with(FAMILY, {
  concerns = { { subtype = "physical", frequency = "frequent", impact = "some", source = "child_account" } },
  tools = { { tool = "gcp2_nspcc", completed_on = "2026-10-01",
    area_grades = { physical_care = 3, care_of_safety = 2, emotional_care = 2, developmental_care = 2 } } },
  current = { pathway = "child_protection", plan_category = "neglect", plan_start = "2026-05-20",
              icpc = "2026-05-20", last_review_conference = "2026-08-20" },
})

-- Levels: 001 ESN 24, universal / targeted / specialist services.
test "No concerns: universal services" {
  case = FAMILY,
  expect = { level = "universal", status = "complete" },
}

-- 000 s4.14: below the social care definition, neglect is for early help
-- (targeted services) -- a recurring concern with some impact.
test "Recurring concern with some impact: targeted early help" {
  case = with(FAMILY, { concerns = { { subtype = "nutritional", frequency = "frequent", impact = "some",
                                       source = "child_account" } } }),
  expect = { level = "targeted", fired = { "Repeated neglect with some impact" } },
}

-- 000 s4.4: Working Together's definition, persistent failure seriously
-- impairing health or development, reaches children's social care (core's
-- rule, cited to the definition the report quotes).
test "Persistent failures impairing development: specialist services" {
  case = with(FAMILY, { concerns = { { subtype = "nutritional", frequency = "persistent",
    impact = "impairing_health_or_development", source = "child_account" } },
    tools = ON_PLAN.tools }),
  expect = { level = "specialist_cin", fired = { "Persistent neglect impairing health or development" },
             actions = { "Refer to children's social care (MASH) for an assessment" } },
}

-- Near miss: persistent but not yet impairing stays with targeted services.
test "Persistent but not impairing: not the social care definition" {
  case = with(FAMILY, { concerns = { { subtype = "nutritional", frequency = "persistent", impact = "some",
                                       source = "child_account" } } }),
  expect = { level = "targeted", not_fired = { "Persistent neglect impairing health or development" } },
}

-- 000 s4.16: children's social care "when a child is felt to be at risk
-- of significant harm through persistent failures attributable to
-- parental care", with "tight planning and decisive action". A social
-- worker judges a seven-year-old at risk; the failures are persistent,
-- their impact so far only "some". At risk of significant harm is the s47
-- test (core's national rule): specialist services, child protection, and
-- s4.16's flag asks for the tight plan.
test "At risk of significant harm through persistent failures: specialist services, child protection" {
  case = with(FAMILY, { at_risk_of_significant_harm = true,
    concerns = { { subtype = "supervision", frequency = "persistent", impact = "some", source = "child_account" } } }),
  expect = { level = "specialist_cp", fired = { "Judged at risk of significant harm (s47)" },
             flags = { "At risk of significant harm through persistent failures of parental care" } },
}

-- Judged at risk, but the failures are frequent, not persistent. s4.16's
-- persistent failures describe the neglect route to social care; they do
-- not narrow the statute, which obliges enquiries whenever there is
-- reasonable cause to suspect significant harm (Children Act 1989
-- s47(1)(b)). So still child protection, without s4.16's flag.
test "At risk, failures frequent but not persistent: child protection, not s4.16's flag" {
  case = with(FAMILY, { at_risk_of_significant_harm = true,
    concerns = { { subtype = "supervision", frequency = "frequent", impact = "some", source = "child_account" } } }),
  expect = { level = "specialist_cp", fired = { "Judged at risk of significant harm (s47)" },
             no_flags = { "At risk of significant harm through persistent failures of parental care" } },
}

-- Near miss: persistent failures, but the recorded judgement is that the
-- child is not at risk of significant harm.
test "Persistent failures, judged not at risk of significant harm: not s4.16" {
  case = with(FAMILY, { at_risk_of_significant_harm = false,
    concerns = { { subtype = "supervision", frequency = "persistent", impact = "some", source = "child_account" } } }),
  expect = { level = "targeted", status = "complete",
             not_fired = { "Judged at risk of significant harm (s47)" },
             no_flags = { "At risk of significant harm through persistent failures of parental care" } },
}

-- Significant harm: specialist services, child protection (core rule).
test "Significant harm: specialist services, child protection" {
  case = with(FAMILY, { concerns = { { subtype = "supervision", frequency = "frequent",
    impact = "significant_harm", source = "referrer" } } }),
  expect = { level = "specialist_cp", fired = { "Neglect causing significant harm" } },
}

-- 000 s4.14: consent is the basis of effective early help.
test "Mother has not consented to early help: flag" {
  case = with(FAMILY, { carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
    alcohol_misuse = "none", domestic_abuse = "none", engagement = "partial", consent_to_early_help = false } } }),
  expect = { flags = { "Early help without the family's consent" } },
}

test "Consent given: no consent flag" {
  case = FAMILY,
  expect = { no_flags = { "Early help without the family's consent" } },
}

-- 001 ESN 24, 28: the child's lived experience and voice.
test "Concerns only from the referrer: lived experience not recorded" {
  case = with(FAMILY, { concerns = { { subtype = "emotional", frequency = "frequent", impact = "some", source = "referrer" } } }),
  expect = { flags = { "The child's lived experience is not recorded" } },
}

-- An unborn baby cannot give an account of its life: the referrer's
-- concerns about the mother's care in pregnancy do not call for the
-- baby's views (ESN 28 asks for "the views of the child").
test "Unborn baby: no lived-experience flag" {
  case = with(FAMILY, { child = { unborn = true, dob = null, expected_delivery = "2027-01-30" },
    concerns = { { subtype = "medical", frequency = "frequent", impact = "some", source = "referrer" } } }),
  expect = { no_flags = { "The child's lived experience is not recorded" } },
}

test "The child's own account is recorded: no lived-experience flag" {
  case = with(FAMILY, { concerns = {
    { subtype = "emotional", frequency = "frequent", impact = "some", source = "referrer" },
    { subtype = "emotional", frequency = "occasional", impact = "some", source = "child_account" } } }),
  expect = { no_flags = { "The child's lived experience is not recorded" } },
}

-- 000 s4.22: a Quality of Care tool in every neglect assessment.
test "Neglect assessment without the Quality of Care tool" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "persistent", impact = "some", source = "child_account" } } }),
  expect = { flags = { "Neglect concerns without a Graded Care Profile" },
             actions = { "Complete a Quality of Care (Graded Care Profile) assessment with the family" } },
}

test "Quality of Care tool on file: no flag" {
  case = with(ON_PLAN, { current = { pathway = "child_in_need" } }),
  expect = { no_flags = { "Neglect concerns without a Graded Care Profile" } },
}

-- 000 s4.22: repeated before each review child protection conference.
test "Quality of Care tool older than the last review conference" {
  case = with(ON_PLAN, { current = { last_review_conference = "2026-10-15" } }),
  expect = { flags = { "Quality of Care tool not repeated since the last review conference" } },
}

test "Quality of Care tool repeated after the last review conference" {
  case = ON_PLAN,
  expect = { no_flags = { "Quality of Care tool not repeated since the last review conference" } },
}

-- 001 ESN 24: Head of Service review at 9 months. Plan started 20 Jan.
test "Plan at 9 months, no Head of Service review: flag" {
  case = with(ON_PLAN, { current = { plan_start = "2026-01-20", icpc = "2026-01-20" } }),
  expect = { flags = { "Child protection plan at 9 months: Head of Service review" },
             no_flags = { "Child protection plan of 12 months or more" } },
}

test "Plan at 9 months with the Head of Service review done" {
  case = with(ON_PLAN, { current = { plan_start = "2026-01-20", icpc = "2026-01-20",
                                     head_of_service_review = "2026-10-21" } }),
  expect = { no_flags = { "Child protection plan at 9 months: Head of Service review" } },
}

test "Plan at 5 months: no Head of Service flag yet" {
  case = ON_PLAN,
  expect = { no_flags = { "Child protection plan at 9 months: Head of Service review" } },
}

-- 001 ESN 24: legal planning meeting at 12 months.
test "Plan at 12 months, no legal planning meeting: flag" {
  case = with(ON_PLAN, { current = { plan_start = "2025-10-30", icpc = "2025-10-30",
                                     head_of_service_review = "2026-07-30" } }),
  expect = { flags = { "Child protection plan of 12 months or more" },
             actions = { "Convene a legal planning meeting to test the legal threshold for intervention" } },
}

test "Plan at 12 months, legal planning meeting held: no flag" {
  case = with(ON_PLAN, { current = { plan_start = "2025-10-30", icpc = "2025-10-30",
    head_of_service_review = "2026-07-30", legal_planning_meeting = "2026-10-31",
    legal_threshold_met = false, legal_stage = "none" } }),
  expect = { no_flags = { "Child protection plan of 12 months or more", "Legal threshold met: escalate into pre-proceedings" } },
}

-- 001 ESN 24: escalation into pre-proceedings where criteria are met.
test "Legal threshold met but not in pre-proceedings: flag" {
  case = with(ON_PLAN, { current = { plan_start = "2025-10-30", icpc = "2025-10-30",
    head_of_service_review = "2026-07-30", legal_planning_meeting = "2026-10-31",
    legal_threshold_met = true, legal_stage = "none" } }),
  expect = { flags = { "Legal threshold met: escalate into pre-proceedings" } },
}

test "Legal threshold met and in pre-proceedings: no flag" {
  case = with(ON_PLAN, { current = { legal_threshold_met = true, legal_stage = "pre_proceedings" } }),
  expect = { no_flags = { "Legal threshold met: escalate into pre-proceedings" } },
}

-- 001 ESN 24: plans of 18-23 months are scrutinised.
test "Plan at 19 months: flag" {
  case = with(ON_PLAN, { current = { plan_start = "2025-04-01", icpc = "2025-04-01",
    head_of_service_review = "2026-01-05", legal_planning_meeting = "2026-04-02", legal_stage = "none",
    legal_threshold_met = false } }),
  expect = { flags = { "Child protection plan of 18 months or more" } },
}

test "Plan at 17 months: no 18-month flag" {
  case = with(ON_PLAN, { current = { plan_start = "2025-06-10", icpc = "2025-06-10" } }),
  expect = { no_flags = { "Child protection plan of 18 months or more" } },
}

-- 001 ESN 23: unresolved early help goes to the Multi-Agency Support Group.
-- 001 ESN 25: "families where improvements are not sustained following
-- an intervention at, for example, an early help level, and where early
-- referral to more specialist services is therefore indicated". Early
-- help closed improved in March; the concern is back. The issue was not
-- resolved, so ESN 23's support group applies too.
test "Early help closed improved, concerns back: early specialist referral and MASG" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "frequent", impact = "some", source = "child_account" } },
    history = { early_help_episodes = { { start = "2025-09-01", ["end"] = "2026-03-01", outcome = "closed_improved" } } } }),
  expect = { level = "specialist_cin", fired = { "Improvements after early help not sustained" },
             flags = { "Unresolved early help: Multi-Agency Support Group" } },
}

-- Near miss: closed improved and the improvement has held (an occasional
-- lapse only).
test "Early help closed improved, improvement held: neither" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "occasional", impact = "some", source = "child_account" } },
    history = { early_help_episodes = { { start = "2025-09-01", ["end"] = "2026-03-01", outcome = "closed_improved" } } } }),
  -- Core's floor (issue 16): an occasional lapse already affecting the
  -- child is early help (targeted), by core's rule, not the ESN 25 one.
  expect = { level = "targeted", fired = { "Occasional lapses affecting the child" },
             not_fired = { "Improvements after early help not sustained" },
             no_flags = { "Unresolved early help: Multi-Agency Support Group" } },
}

-- Near miss for ESN 25: the family disengaged, so there was no improvement
-- to sustain; ESN 23's support group, not the ESN 25 referral.
test "Early help closed disengaged: MASG, not the ESN 25 referral" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "frequent", impact = "some", source = "child_account" } },
    history = { early_help_episodes = { { start = "2025-09-01", ["end"] = "2026-03-01", outcome = "closed_disengaged" } } } }),
  expect = { level = "targeted", not_fired = { "Improvements after early help not sustained" },
             flags = { "Unresolved early help: Multi-Agency Support Group" } },
}

-- 001 ESN 28: the Unborn Baby Panel for unborn babies likely to face
-- significant risk; here the mother's dependent drug use (core's pre-birth
-- rule, Working Together: neglect in pregnancy through maternal substance
-- abuse).
test "Unborn baby, mother dependent on drugs: Unborn Baby Panel" {
  case = with(FAMILY, { child = { unborn = true, dob = null, expected_delivery = "2027-01-30" },
    carers = { { relationship = "mother", mental_health = "none", substance_misuse = "dependent",
                 alcohol_misuse = "none", domestic_abuse = "none", engagement = "partial" } } }),
  expect = { level = "specialist_cin", flags = { "Unborn baby: refer to the Unborn Baby Panel" } },
}

test "Unborn baby with no risk recorded: no panel referral" {
  case = with(FAMILY, { child = { unborn = true, dob = null, expected_delivery = "2027-01-30" } }),
  expect = { level = "universal", no_flags = { "Unborn baby: refer to the Unborn Baby Panel" } },
}
