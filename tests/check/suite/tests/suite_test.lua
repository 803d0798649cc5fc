local FAMILY = { id = "T-suite", assessed_on = "2026-11-02", child = { dob = "2020-01-01" } }

test "alpha: nothing recorded" { case = FAMILY, expect = { level = "universal" } }

test "alpha: still nothing" { case = FAMILY, expect = { level = "universal", errors = 0 } }

-- Fails on purpose: nothing in the case is child protection.
test "beta <fails> & \"quotes\" 'too' \1 ]]>" { case = FAMILY, expect = { level = "child_protection" } }
