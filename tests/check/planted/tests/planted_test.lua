-- One test, so that every rule but the one it names is untested.
test "A dangerous home for a baby" {
  case = { assessed_on = "2026-11-02", child = { dob = "2026-06-01" },
           household = { home_conditions = "dangerous" }, planted_grade = 1, planted_flag = false },
  expect = { fired = { "A function reading real fields" } },
}
