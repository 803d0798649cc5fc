-- hostile corpus: a hole in a decision table cell's list of values: the values after it would never match
-- expect: load rules.lua:3: decision_table 'Hostile' row 1, column 1 (score): expected a list of values (entry 2 is missing
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r", inputs = { "score" }, rows = { { { 1, nil, 7 }, "child_protection" } } }
