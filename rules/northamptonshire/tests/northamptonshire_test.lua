-- Northamptonshire: tests argued from the Multi-Agency Neglect Strategy
-- 2015-2017 ("the strategy") and its Thresholds & Pathways levels.

local FAMILY = {
  id = "T-nh", assessed_on = "2026-11-02",
  child = { dob = "2022-02-14", disability = false },
  concerns = {},
  carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
               alcohol_misuse = "none", domestic_abuse = "none", engagement = "engaged",
               consent_to_early_help = true } },
  household = { home_conditions = "good", food_in_home = "adequate",
                heating_lighting_absent = "never", supervision = "appropriate",
                dangerous_adults_access = false },
  health = { was_not_brought = "none", growth = "normal", dental = "good", medication = "not_applicable" },
  history = { previous_children_removed = false, siblings_current_plan = "none" },
  current = { pathway = "none" },
  tools = { { tool = "neglect_assessment_tool", completed_on = "2026-10-01" } },
}

local NEGLECT_PLAN = with(FAMILY, {
  concerns = { { subtype = "physical", frequency = "persistent", impact = "impairing_health_or_development" } },
  tools = { { tool = "neglect_assessment_tool", completed_on = "2026-10-01" },
            { tool = "gcp2_nspcc", completed_on = "2026-10-01",
              area_grades = { physical_care = 4, care_of_safety = 3, emotional_care = 3, developmental_care = 3 } } },
  child = { childrens_centre = "registered_engaged" },
  current = { pathway = "child_protection", plan_category = "neglect", plan_start = "2026-03-01",
              icpc = "2026-03-01", last_review_conference = "2026-06-01" },
})

-- Thresholds & Pathways level 1.
test "No concerns: level 1" {
  case = FAMILY,
  expect = { level = "level_1", status = "complete" },
}

-- The strategy, objective 2a: level 2 is the Early Help Assessment and the
-- Team Around the Family.
test "Recurring concerns in two areas: level 2 with EHA and TAF" {
  case = with(FAMILY, { concerns = { { subtype = "nutritional", frequency = "frequent", impact = "none" },
                                     { subtype = "educational", frequency = "frequent", impact = "none" } } }),
  expect = { level = "level_2", flags = { "Early help: Early Help Assessment and Team Around the Family" },
             actions = { "Complete an Early Help Assessment (EHA)", "Co-ordinate support through a Team Around the Family" } },
}

-- Near miss: at level 3 the early help pathway flag does not apply, though
-- an early help rule fires too.
test "At level 3 the early help pathway flag is not raised" {
  case = with(FAMILY, { concerns = {
    { subtype = "nutritional", frequency = "persistent", impact = "impairing_health_or_development" },
    { subtype = "educational", frequency = "frequent", impact = "some" } } }),
  expect = { level = "level_3", fired = { "Repeated neglect with some impact" },
             no_flags = { "Early help: Early Help Assessment and Team Around the Family" } },
}

-- Level 4: significant harm (core's rule; the strategy quotes Working Together).
test "Significant harm: level 4" {
  case = with(FAMILY, { concerns = { { subtype = "medical", frequency = "frequent", impact = "significant_harm" } } }),
  expect = { level = "level_4" },
}

-- Objective 2a: the Neglect Assessment Tool is the agreed multi-agency tool.
test "Recurring neglect without the Neglect Assessment Tool" {
  case = with(FAMILY, { tools = {}, concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } } }),
  expect = { flags = { "Neglect concerns without the Neglect Assessment Tool" } },
}

test "Neglect Assessment Tool on file: no flag" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } } }),
  expect = { no_flags = { "Neglect concerns without the Neglect Assessment Tool" } },
}

-- Objective 2a: the Graded Care Profile belongs at levels 3 and 4, so an
-- early help family without one is not flagged for it ...
test "Early help family without a Graded Care Profile: not flagged" {
  case = with(FAMILY, { current = { pathway = "early_help" },
    concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } } }),
  expect = { no_flags = { "Neglect concerns without a Graded Care Profile" } },
}

-- ... but a child known to social care is.
test "Child in need without a Graded Care Profile: flagged" {
  case = with(FAMILY, { current = { pathway = "child_in_need", plan_category = "neglect", plan_start = "2026-09-01" },
    concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } } }),
  expect = { flags = { "Neglect concerns without a Graded Care Profile" } },
}

-- Measure 1: "children on child protection plans for neglect for 12
-- months or more".
test "Plan for neglect at 14 months: measure 1" {
  case = with(NEGLECT_PLAN, { current = { plan_start = "2025-09-01", icpc = "2025-09-01" } }),
  expect = { flags = { "Measure 1: child protection plan for neglect of 12 months or more" } },
}

-- A plan of several categories including neglect is a plan for neglect:
-- the strategy looks for neglect inside its multiple-category plans
-- ("very few had neglect as one of them").
test "Plan for emotional abuse and neglect at 14 months: measure 1" {
  case = with(NEGLECT_PLAN, { current = { plan_category = "multiple", plan_categories = { "emotional", "neglect" },
                                          plan_start = "2025-09-01", icpc = "2025-09-01" } }),
  expect = { flags = { "Measure 1: child protection plan for neglect of 12 months or more" } },
}

-- Near miss: the measure is about plans for neglect. A plan for emotional
-- abuse at 14 months is not measure 1 -- but it is still a year on a
-- plan, and core's drift flag still asks for a review: the measure does
-- not take drift away from other categories.
test "Plan for another category at 14 months: not measure 1, still drift" {
  case = with(NEGLECT_PLAN, { current = { plan_category = "emotional", plan_start = "2025-09-01", icpc = "2025-09-01" } }),
  expect = { no_flags = { "Measure 1: child protection plan for neglect of 12 months or more" },
             flags = { "Child protection plan of 12 months or more" } },
}

-- Measure 2: "the 2nd plan category is neglect and the previous plan was
-- also neglect".
test "Second plan for neglect after a plan for neglect: measure 2" {
  case = with(NEGLECT_PLAN, { history = { cp_plans = { { start = "2022-05-01", ["end"] = "2023-06-01", category = "neglect" } } } }),
  expect = { flags = { "Measure 2: repeat child protection plan for neglect" } },
}

-- Near miss: a plan for neglect long ago, then a plan for physical abuse:
-- the previous plan was not neglect, so not measure 2 (core's wider
-- repeat-plan flag still notes the earlier neglect plan).
test "Previous plan physical abuse, an older one neglect: not measure 2" {
  case = with(NEGLECT_PLAN, { history = { cp_plans = {
    { start = "2019-03-01", ["end"] = "2020-04-01", category = "neglect" },
    { start = "2022-05-01", ["end"] = "2023-06-01", category = "physical" } } } }),
  expect = { no_flags = { "Measure 2: repeat child protection plan for neglect" },
             flags = { "Repeat child protection plan for neglect" } },
}

test "First plan for neglect: not a repeat" {
  case = NEGLECT_PLAN,
  expect = { no_flags = { "Measure 2: repeat child protection plan for neglect", "Repeat child protection plan for neglect" } },
}

-- Measure 3: child in need plans for neglect "for more than 6 months".
test "Child in need plan for neglect at 7 months: measure 3" {
  case = with(NEGLECT_PLAN, { current = { pathway = "child_in_need", plan_start = "2026-03-20" } }),
  expect = { flags = { "Measure 3: child in need plan for neglect over 6 months" } },
}

-- The plan began on 10 January; six months were up on 10 July, so on 11
-- July it has lasted more than 6 months -- though only 182 days.
test "Child in need plan for neglect at six months and a day: measure 3" {
  case = with(NEGLECT_PLAN, { assessed_on = "2026-07-11",
    tools = { { tool = "neglect_assessment_tool", completed_on = "2026-06-01" } },
    current = { pathway = "child_in_need", plan_start = "2026-01-10", icpc = null, last_review_conference = null } }),
  expect = { flags = { "Measure 3: child in need plan for neglect over 6 months" } },
}

-- Near miss: exactly six months (2 May to 2 November, 184 days) is 6
-- months, not more.
test "Child in need plan for neglect at exactly six months: not yet" {
  case = with(NEGLECT_PLAN, { current = { pathway = "child_in_need", plan_start = "2026-05-02" } }),
  expect = { no_flags = { "Measure 3: child in need plan for neglect over 6 months" } },
}

test "Child in need plan for neglect at 5 months: not yet" {
  case = with(NEGLECT_PLAN, { current = { pathway = "child_in_need", plan_start = "2026-06-01" } }),
  expect = { no_flags = { "Measure 3: child in need plan for neglect over 6 months" } },
}

-- Measure 5: 0-5s on a plan for neglect engaged with a Children's Centre.
test "Four-year-old on a neglect plan not engaged with a Children's Centre" {
  case = with(NEGLECT_PLAN, { child = { childrens_centre = "registered_not_engaged" } }),
  expect = { flags = { "Measure 5: young child on a neglect plan not engaged with a Children's Centre" } },
}

test "Four-year-old engaged with a Children's Centre: no flag" {
  case = NEGLECT_PLAN,
  expect = { no_flags = { "Measure 5: young child on a neglect plan not engaged with a Children's Centre" } },
}

-- Near miss: measure 5 is about 0-5s; a nine-year-old is not counted.
test "Nine-year-old on a neglect plan: not the Children's Centre measure" {
  case = with(NEGLECT_PLAN, { child = { dob = "2017-01-01", childrens_centre = "not_registered" } }),
  expect = { no_flags = { "Measure 5: young child on a neglect plan not engaged with a Children's Centre" } },
}

-- The role of early help: "alert to the danger of drift and 'start
-- again' syndrome". The strategy gives no count; help that closed once and
-- is needed again is starting again (a judgement, see drift.lua).
test "Second round of help after one closed episode: start again syndrome" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } },
    history = { early_help_episodes = { { start = "2025-02-01", ["end"] = "2025-08-01", outcome = "closed_disengaged" } } } }),
  expect = { flags = { "Start again syndrome" } },
}

-- Near miss: the only episode is still open; nothing has started again.
test "Help still open is not start again syndrome" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } },
    history = { early_help_episodes = { { start = "2025-02-01", outcome = "ongoing" } } } }),
  expect = { no_flags = { "Start again syndrome" } },
}

-- Neglect in Northamptonshire: sibling groups -- a concern about one child
-- may bring all the children of the family onto a plan.
test "Sibling on a child protection plan: consider every child" {
  case = with(FAMILY, { history = { siblings_current_plan = "cp" } }),
  expect = { level = "level_1", flags = { "Sibling on a child protection plan or looked after" },
             actions = { "Consider every child in the family: a concern about one is a concern about all" } },
}

-- Near miss: a sibling on a child in need plan.
test "Sibling on a child in need plan: not the sibling flag" {
  case = with(FAMILY, { history = { siblings_current_plan = "cin" } }),
  expect = { no_flags = { "Sibling on a child protection plan or looked after" } },
}
