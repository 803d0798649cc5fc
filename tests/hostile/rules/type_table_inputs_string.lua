-- hostile corpus: a decision table's inputs is a string
-- expect: load rules.lua:3: decision_table 'Hostile': inputs must be a list, got "hostile"
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r", inputs = "hostile", rows = { { true, "child_protection" } } }
