-- core: unborn babies and infants.

local UNBORN = {
  id = "T-unborn", assessed_on = "2026-11-02",
  child = { unborn = true, expected_delivery = "2027-01-20" },
  carers = { { relationship = "mother", mental_health = "none", substance_misuse = "none",
               alcohol_misuse = "none", domestic_abuse = "none", engagement = "engaged" } },
  household = { home_conditions = "good", food_in_home = "adequate",
                heating_lighting_absent = "never", supervision = "appropriate",
                dangerous_adults_access = false },
  health = { was_not_brought = "none", growth = "normal", dental = "good", medication = "not_applicable" },
  history = { previous_children_removed = false, siblings_current_plan = "none" },
  current = { pathway = "none" },
}

-- Working Together 2015: neglect may occur in pregnancy as a result of
-- maternal substance abuse; Kent L3: pre-birth assessment.
test "Unborn baby, mother dependent on heroin: pre-birth assessment" {
  case = with(UNBORN, { carers = { { relationship = "mother", mental_health = "none",
    substance_misuse = "dependent", alcohol_misuse = "none", domestic_abuse = "none", engagement = "partial" } } }),
  expect = { level = "child_in_need", fired = { "Pre-birth: maternal substance misuse" },
             actions = { "Refer to children's social care for a pre-birth assessment" } },
}

-- Near miss: historic misuse, not current, is not the definition's
-- "maternal substance abuse".
test "Unborn baby, mother's misuse is historic" {
  case = with(UNBORN, { carers = { { relationship = "mother", mental_health = "none",
    substance_misuse = "historic", alcohol_misuse = "none", domestic_abuse = "none", engagement = "engaged" } } }),
  expect = { level = "universal", not_fired = { "Pre-birth: maternal substance misuse" } },
}

-- Near miss: the father's misuse is not maternal substance misuse in
-- pregnancy (it may matter elsewhere; this rule is about the pregnancy).
test "Unborn baby, father's alcohol misuse is not the pre-birth rule" {
  case = with(UNBORN, { carers = {
    { relationship = "mother", mental_health = "none", substance_misuse = "none",
      alcohol_misuse = "none", domestic_abuse = "none", engagement = "engaged" },
    { relationship = "father", mental_health = "none", substance_misuse = "none",
      alcohol_misuse = "dependent", domestic_abuse = "none", engagement = "engaged" } } }),
  expect = { not_fired = { "Pre-birth: maternal substance misuse" } },
}

-- Kent L3 (pre-birth assessment) with Wirral/Bucks L4 (previous children).
test "Unborn baby, an older child was removed: pre-birth assessment" {
  case = with(UNBORN, { history = { previous_children_removed = true } }),
  expect = { level = "child_in_need", fired = { "Pre-birth: a parent previously unable to care for a child" } },
}

-- A baby of eight months with faltering growth: the same threshold as any
-- child (Trafford L4), reached from infant data.
test "Baby of eight months with faltering growth" {
  case = with(UNBORN, { child = { unborn = false, dob = "2026-03-01" },
                        health = { growth = "faltering_no_organic_cause" } }),
  expect = { level = "child_in_need", fired = { "Faltering growth without an organic cause" } },
}
