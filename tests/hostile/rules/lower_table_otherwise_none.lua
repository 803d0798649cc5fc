-- an otherwise row with no level ("-"): the table says it suggests nothing
-- expect: ok
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r",
  inputs = { "score" }, rows = { { ">= 10", "child_protection" }, { "otherwise", "-" } } }
