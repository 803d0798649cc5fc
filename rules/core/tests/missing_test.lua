-- core: unknown is not false. A rule that needs a fact the case does not
-- record is undetermined; if it could have raised the level, the result is
-- open (nothing failed, but the suggestion is not complete) and says what
-- to record. These cases have no erring rule, so none is incomplete.

-- Only a concern and the dates are known. The early help finding holds;
-- child protection rules cannot be decided.
test "Sparse referral: suggestion could be higher" {
  case = {
    id = "T-missing", assessed_on = "2026-11-02",
    child = { dob = "2015-05-05" },
    concerns = { { subtype = "emotional", frequency = "frequent", impact = "some" } },
  },
  expect = { level = "early_help", status = "open", could_be_higher = true,
             fired = { "Repeated neglect with some impact" },
             missing = { "health.medication", "household.home_conditions", "history.previous_children_removed" } },
}

-- A concern recorded without its impact: the rules that depend on impact
-- are undetermined, never read as "no impact".
test "Concern without an impact recorded is not read as no impact" {
  case = {
    id = "T-missing-2", assessed_on = "2026-11-02",
    child = { dob = "2015-05-05" },
    concerns = { { subtype = "nutritional", frequency = "persistent" } },
    household = { home_conditions = "good", food_in_home = "adequate",
                  heating_lighting_absent = "never", supervision = "appropriate",
                  dangerous_adults_access = false },
    health = { was_not_brought = "none", growth = "normal", dental = "good", medication = "not_applicable" },
    history = { previous_children_removed = false, siblings_current_plan = "none" },
    school = { attendance_pct = 97 },
  },
  expect = { status = "open", could_be_higher = true, missing = { "concerns[0].impact" },
             not_fired = { "Persistent neglect impairing health or development" } },
}

-- Three-valued logic: when one part of an any{} holds, the unknown part
-- does not matter. Here the mother's recorded misuse decides the pre-birth
-- rule although the father's is not recorded.
test "Known misuse decides although another carer is not recorded" {
  case = {
    id = "T-missing-3", assessed_on = "2026-11-02",
    child = { unborn = true, expected_delivery = "2027-03-01" },
    carers = { { relationship = "mother", substance_misuse = "current_impacting", alcohol_misuse = "none" },
               { relationship = "father" } },
  },
  expect = { level = "child_in_need", fired = { "Pre-birth: maternal substance misuse" } },
}

-- An invalid case gets no suggestion at all: the values are checked
-- against the schema first, and the errors name the path.
test "A date that does not exist makes the case invalid" {
  case = { id = "T-invalid", assessed_on = "2026-11-02", child = { dob = "2026-02-30" } },
  expect = { status = "invalid" },
}

-- Checks across fields: a date of birth after the assessment date, or an
-- unborn baby with a date of birth, is an error in the data, not a fact.
test "Date of birth after the assessment date makes the case invalid" {
  case = { id = "T-dob", assessed_on = "2026-11-02", child = { dob = "2027-01-05" } },
  expect = { status = "invalid" },
}

test "An unborn baby with a date of birth makes the case invalid" {
  case = { id = "T-unborn-dob", assessed_on = "2026-11-02",
           child = { unborn = true, dob = "2026-10-01", expected_delivery = "2027-01-01" } },
  expect = { status = "invalid" },
}

-- Near miss: born the day of the assessment.
test "Born on the assessment date is valid" {
  case = { id = "T-newborn", assessed_on = "2026-11-02", child = { dob = "2026-11-02" } },
  expect = { level = "universal" },
}
