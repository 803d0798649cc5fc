-- hostile corpus: a decision table's hit is a table
-- expect: load rules.lua:3: decision_table 'Hostile': hit must be a string, got a list
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r", hit = { "first" }, inputs = { "hostile" }, rows = { { true, "child_protection" } } }
