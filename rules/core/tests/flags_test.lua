-- core: flags for drift, the wider family and statutory timescales. Flags
-- never change the level; each test checks the flag is raised, and a near
-- miss that it is not.

local ON_PLAN = {
  id = "T-flags", assessed_on = "2026-11-02",
  child = { dob = "2021-04-04" },
  concerns = {},
  carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
               alcohol_misuse = "none", domestic_abuse = "none", engagement = "partial" } },
  household = { home_conditions = "good", food_in_home = "adequate",
                heating_lighting_absent = "never", supervision = "appropriate",
                dangerous_adults_access = false },
  health = { was_not_brought = "none", growth = "normal", dental = "good", medication = "not_applicable" },
  history = { previous_children_removed = false, siblings_current_plan = "none" },
  current = { pathway = "child_protection", plan_category = "neglect", plan_start = "2025-10-01",
              icpc = "2025-10-01", last_review_conference = "2026-09-01" },
}

-- Drift at 12 months. The legal planning meeting is Peterborough's
-- practice (self-assessment 2017, ESN 24), not England's: core asks for a
-- review of the plan, and Peterborough's set adds its meeting. Plan
-- started 13 months before assessed_on.
test "Child protection plan at 13 months is flagged" {
  case = ON_PLAN,
  expect = { flags = { "Child protection plan of 12 months or more" },
             actions = { "Review the plan for drift: what has changed in the child's daily care since it began?" } },
}

-- Near miss: 11 months on the plan.
test "Child protection plan at 11 months is not yet flagged" {
  case = with(ON_PLAN, { current = { plan_start = "2025-12-02", icpc = "2025-12-02" } }),
  expect = { no_flags = { "Child protection plan of 12 months or more" } },
}

-- Northamptonshire measures: repeat CP plans for neglect.
test "Second child protection plan for neglect is flagged" {
  case = with(ON_PLAN, { history = { cp_plans = { { start = "2022-01-10", ["end"] = "2023-02-01", category = "neglect" } } } }),
  expect = { flags = { "Repeat child protection plan for neglect" } },
}

-- A plan of several categories that include neglect is a plan for
-- neglect: the Rotherham report counts "CPPs [with] a registration
-- category which includes neglect" (9 July 2014), and Northamptonshire's
-- strategy looks for neglect inside its multiple-category plans.
test "Second plan for neglect, both of several categories including neglect" {
  case = with(ON_PLAN, { current = { plan_category = "multiple", plan_categories = { "emotional", "neglect" } },
    history = { cp_plans = { { start = "2022-01-10", ["end"] = "2023-02-01", category = "multiple",
                               categories = { "neglect", "physical" } } } } }),
  expect = { flags = { "Repeat child protection plan for neglect" } },
}

-- Near miss: several categories, neglect not among them this time.
test "Current plan of several categories without neglect is not a repeat for neglect" {
  case = with(ON_PLAN, { current = { plan_category = "multiple", plan_categories = { "emotional", "physical" } },
    history = { cp_plans = { { start = "2022-01-10", ["end"] = "2023-02-01", category = "neglect" } } } }),
  expect = { no_flags = { "Repeat child protection plan for neglect" } },
}

-- Near miss: the previous plan was for physical abuse.
test "Previous plan for another category is not a repeat for neglect" {
  case = with(ON_PLAN, { history = { cp_plans = { { start = "2022-01-10", ["end"] = "2023-02-01", category = "physical" } } } }),
  expect = { no_flags = { "Repeat child protection plan for neglect" } },
}

-- Northamptonshire: sibling groups -- a concern about one child is a
-- concern about all. The flag does not raise this child's level.
test "Sibling on a child protection plan is flagged, level unchanged" {
  case = with(ON_PLAN, { current = { pathway = "none" }, history = { siblings_current_plan = "cp" } }),
  expect = { level = "universal", flags = { "Sibling on a child protection plan or looked after" } },
}

-- Near miss: a sibling on a child in need plan.
test "Sibling on a child in need plan is not the sibling flag" {
  case = with(ON_PLAN, { current = { pathway = "none" }, history = { siblings_current_plan = "cin" } }),
  expect = { no_flags = { "Sibling on a child protection plan or looked after" } },
}

-- Rotherham peer review 2014: the three factors together.
test "Toxic trio is flagged" {
  case = with(ON_PLAN, { carers = {
    { relationship = "mother", mental_health = "impacting_parenting", substance_misuse = "none",
      alcohol_misuse = "none", domestic_abuse = "current_medium", engagement = "partial" },
    { relationship = "partner", mental_health = "none", substance_misuse = "current_impacting",
      alcohol_misuse = "none", domestic_abuse = "current_medium", engagement = "refuses" } } }),
  expect = { flags = { "Toxic trio" } },
}

-- Near miss: two of the three.
test "Two of the three factors is not the toxic trio flag" {
  case = with(ON_PLAN, { carers = {
    { relationship = "mother", mental_health = "impacting_parenting", substance_misuse = "none",
      alcohol_misuse = "none", domestic_abuse = "current_medium", engagement = "partial" } } }),
  expect = { no_flags = { "Toxic trio" } },
}

-- Peterborough s4.19-4.21: the Graded Care Profile where neglect is the
-- main feature.
test "Recurring neglect with no Graded Care Profile is flagged" {
  case = with(ON_PLAN, { concerns = { { subtype = "physical", frequency = "persistent", impact = "some" } } }),
  expect = { flags = { "Neglect concerns without a Graded Care Profile" } },
}

-- Near miss: a Graded Care Profile is on file.
test "Recurring neglect with a Graded Care Profile on file" {
  case = with(ON_PLAN, { concerns = { { subtype = "physical", frequency = "persistent", impact = "some" } },
    tools = { { tool = "gcp2_nspcc", completed_on = "2026-10-10",
      area_grades = { physical_care = 3, care_of_safety = 2, emotional_care = 2, developmental_care = 2 } } } }),
  expect = { no_flags = { "Neglect concerns without a Graded Care Profile" } },
}
