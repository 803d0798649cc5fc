-- Rotherham: tests argued from the report to members, 9 July 2014 ("the
-- report"). Levels and threshold rules are core's, which the report does
-- not change.

local FAMILY = {
  id = "T-ro", assessed_on = "2026-11-02",
  child = { dob = "2016-09-09", disability = false },
  concerns = {},
  carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
               alcohol_misuse = "none", domestic_abuse = "none", engagement = "engaged",
               consent_to_early_help = true } },
  household = { home_conditions = "good", food_in_home = "adequate",
                heating_lighting_absent = "never", supervision = "appropriate",
                dangerous_adults_access = false },
  school = { attendance_pct = 95 },
  health = { was_not_brought = "none", growth = "normal", dental = "good", medication = "not_applicable" },
  history = { previous_children_removed = false, siblings_current_plan = "none" },
  current = { pathway = "none" },
}

local CP_NEGLECT = with(FAMILY, {
  concerns = { { subtype = "physical", frequency = "persistent", impact = "impairing_health_or_development" } },
  tools = { { tool = "gcp2_nspcc", completed_on = "2026-10-01",
    area_grades = { physical_care = 4, care_of_safety = 3, emotional_care = 3, developmental_care = 3 } } },
  current = { pathway = "child_protection", plan_category = "neglect", plan_start = "2026-06-01",
              icpc = "2026-06-01", last_review_conference = "2026-09-01",
              plan_is_smart = true, family_recovery_programme = true },
})

test "No concerns: universal" {
  case = FAMILY,
  expect = { level = "universal", status = "complete" },
}

-- Core's threshold rules apply unchanged (the report sets none of its own).
test "Persistent neglect impairing development: child in need" {
  case = with(FAMILY, { concerns = CP_NEGLECT.concerns, tools = CP_NEGLECT.tools }),
  expect = { level = "child_in_need" },
}

-- The report: 43% of referrals referenced neglect or a factor "considered
-- to lead to neglect" -- one factor is enough to assess for neglect.
test "Domestic abuse alone: a factor that leads to neglect" {
  case = with(FAMILY, { carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
    alcohol_misuse = "none", domestic_abuse = "current_standard", engagement = "engaged" } } }),
  expect = { flags = { "A factor that leads to neglect is present" }, no_flags = { "Toxic trio" } },
}

test "Parental drinking affecting care: a factor that leads to neglect" {
  case = with(FAMILY, { carers = { { relationship = "father", mental_health = "none", substance_misuse = "none",
    alcohol_misuse = "current_impacting", domestic_abuse = "none", engagement = "engaged" } } }),
  expect = { flags = { "A factor that leads to neglect is present" } },
}

test "Historic domestic abuse only: not a current factor" {
  case = with(FAMILY, { carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
    alcohol_misuse = "none", domestic_abuse = "historic", engagement = "engaged" } } }),
  expect = { no_flags = { "A factor that leads to neglect is present" } },
}

-- Ofsted findings the report adopts: disguised compliance.
test "Disguised compliance suspected: flag" {
  case = with(FAMILY, { carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
    alcohol_misuse = "none", domestic_abuse = "none", engagement = "disguised_compliance_suspected" } } }),
  expect = { flags = { "Disguised compliance suspected" } },
}

test "Partial engagement is not disguised compliance" {
  case = with(FAMILY, { carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
    alcohol_misuse = "none", domestic_abuse = "none", engagement = "partial" } } }),
  expect = { no_flags = { "Disguised compliance suspected" } },
}

-- The report: revised care plans apply SMART methodology.
test "Child in need plan that is not SMART" {
  case = with(FAMILY, { current = { pathway = "child_in_need", plan_start = "2026-08-01", plan_is_smart = false } }),
  expect = { flags = { "Plan is not SMART" } },
}

test "SMART plan: no flag" {
  case = with(FAMILY, { current = { pathway = "child_in_need", plan_start = "2026-08-01", plan_is_smart = true } }),
  expect = { no_flags = { "Plan is not SMART" } },
}

-- The report: the Family Recovery Programme from the start of a CP plan.
test "Child protection plan without the Family Recovery Programme" {
  case = with(CP_NEGLECT, { current = { family_recovery_programme = false } }),
  expect = { flags = { "Family Recovery Programme not engaged on a child protection plan" },
             actions = { "Engage the Family Recovery Programme now, at the start of the plan" } },
}

test "Family Recovery Programme engaged: no flag" {
  case = CP_NEGLECT,
  expect = { no_flags = { "Family Recovery Programme not engaged on a child protection plan" } },
}

-- "When is enough enough": long-term neglect escalates to legal
-- gatekeeping at the Multi-Agency Support Panel.
test "Neglect plan past 12 months: when is enough enough" {
  case = with(CP_NEGLECT, { current = { plan_start = "2025-09-15", icpc = "2025-09-15" } }),
  expect = { flags = { "Long-term neglect: when is enough enough?" },
             actions = { "Take the case to the Multi-Agency Support Panel for legal gatekeeping" } },
}

test "Second plan for neglect: when is enough enough" {
  case = with(CP_NEGLECT, { history = { cp_plans = { { start = "2023-01-01", ["end"] = "2024-01-01", category = "neglect" } } } }),
  expect = { flags = { "Long-term neglect: when is enough enough?" } },
}

-- The report counts plans whose "registration category ... includes
-- neglect": a plan for physical abuse and neglect, 13 months on.
test "Plan for physical abuse and neglect past 12 months: when is enough enough" {
  case = with(CP_NEGLECT, { current = { plan_category = "multiple", plan_categories = { "physical", "neglect" },
                                        plan_start = "2025-10-01", icpc = "2025-10-01" } }),
  expect = { flags = { "Long-term neglect: when is enough enough?" } },
}

-- Near miss: several categories, neglect not among them.
test "Plan for physical and emotional abuse past 12 months: not long-term neglect" {
  case = with(CP_NEGLECT, { current = { plan_category = "multiple", plan_categories = { "physical", "emotional" },
                                        plan_start = "2025-10-01", icpc = "2025-10-01" } }),
  expect = { no_flags = { "Long-term neglect: when is enough enough?" },
             flags = { "Child protection plan of 12 months or more" } },
}

test "First neglect plan at 5 months: not yet long-term" {
  case = CP_NEGLECT,
  expect = { no_flags = { "Long-term neglect: when is enough enough?" } },
}

-- The Early Help Support Panel: before families hit crisis.
test "Early help family with persistent neglect: Early Help Support Panel" {
  case = with(FAMILY, { current = { pathway = "early_help" },
    concerns = { { subtype = "supervision", frequency = "persistent", impact = "some" } } }),
  expect = { flags = { "Early help family at risk of crisis: Early Help Support Panel" } },
}

test "Early help family with frequent, low-impact concerns: no panel yet" {
  case = with(FAMILY, { current = { pathway = "early_help" },
    concerns = { { subtype = "supervision", frequency = "frequent", impact = "some" } } }),
  expect = { no_flags = { "Early help family at risk of crisis: Early Help Support Panel" } },
}

-- The panel is for concerns raised "before families hit crisis point and
-- are referred to social care". A persistent concern now causing
-- significant harm is past that point: child protection, not the panel.
test "Early help family, persistent concern causing significant harm: not the panel" {
  case = with(FAMILY, { current = { pathway = "early_help" },
    concerns = { { subtype = "supervision", frequency = "persistent", impact = "significant_harm" } } }),
  expect = { level = "child_protection",
             no_flags = { "Early help family at risk of crisis: Early Help Support Panel" } },
}

-- The report rolls out "a range of toolkits to aid practitioner
-- reflection on neglect cases", the Graded Care Profile among them: a
-- home conditions tool on file is such a toolkit.
test "Recurring neglect with another toolkit on file: no toolkit flag" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } },
    tools = { { tool = "home_conditions", completed_on = "2026-10-01" } } }),
  expect = { no_flags = { "Neglect concerns without a Graded Care Profile" } },
}

test "Recurring neglect and no toolkit at all: use one" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } } }),
  expect = { flags = { "Neglect concerns without a Graded Care Profile" },
             actions = { "Use a neglect toolkit, such as the Graded Care Profile, to reflect on the child's care" } },
}

-- Core's statutory timescales are inherited.
test "Referral decision overdue (inherited from core)" {
  case = with(FAMILY, { current = { referral_received = "2026-10-28" } }),
  expect = { flags = { "Referral decision not made within one working day" } },
}

-- A sixteen-year-old caring for younger siblings while a parent drinks:
-- the report's referral data counts parental alcohol use as a factor that
-- leads to neglect, whatever the child's age.
test "Sixteen-year-old, parent's drinking affecting care: flagged" {
  case = with(FAMILY, { child = { dob = "2010-03-01" },
    carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
                 alcohol_misuse = "dependent", domestic_abuse = "none", engagement = "partial" } },
    concerns = { { subtype = "supervision", frequency = "frequent", impact = "some" } } }),
  expect = { level = "child_in_need", flags = { "A factor that leads to neglect is present" },
             fired = { "Parental difficulties affecting care, with neglect" } },
}
