-- hostile corpus: a decision-table row without a basis, in a table without one
-- expect: load rules.lua:3: decision_table 'Rows' row 2 has no basis
decision_table "Rows" { cite = "c", reason = "r", inputs = { "score" },
  rows = { { 1, "early_help", basis = "quoted" }, { 2, "child_in_need" } } }
