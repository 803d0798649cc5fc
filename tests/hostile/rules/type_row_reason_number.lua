-- hostile corpus: a decision table row's reason is a number
-- expect: load rules.lua:3: decision_table 'Hostile' row 1: reason must be a string, got 5
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r", inputs = { "hostile" }, rows = { { true, "child_protection", reason = 5 }, { false, "universal" } } }
