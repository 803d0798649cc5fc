-- silent lower: no row of a decision table matches and it has no otherwise
-- row; the result says so and is incomplete
-- expect: incomplete no row of decision_table 'Hostile' (lower_table_gap/rules.lua:4) matches this case
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r", hit = "first",
  inputs = { "score" }, rows = { { ">= 10", "child_protection" }, { "< 3", "universal" } } }
