-- a decision table's otherwise row takes what no other row matches: no gap
-- expect: ok
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r",
  inputs = { "hostile" }, rows = { { false, "universal" }, { "otherwise", "child_in_need", reason = "otherwise" } } }
