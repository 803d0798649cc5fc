-- silent lower: a decision table reading a fact that returned nil
-- expect: undetermined "missing":["hostile_nil"]
fact "hostile_nil" { value = function(c) if c.hostile then return nil end return 1 end, type = "integer" }
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r",
  inputs = { "hostile_nil" }, rows = { { ">= 100", "child_protection" }, { "otherwise", "-" } } }
