-- an otherwise row before other rows would hide them
-- expect: load rules.lua:3: decision_table 'Hostile' row 1: the otherwise row must be the last
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r",
  inputs = { "score" }, rows = { { "otherwise", "-" }, { ">= 10", "child_protection" } } }
