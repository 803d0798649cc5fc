-- hostile corpus: a hole in a decision table's rows: the rows after it would never be read
-- expect: load rules.lua:3: decision_table 'Hostile': rows must be a list: entry 2 is missing
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r", inputs = { "hostile" }, rows = { { false, "universal" }, nil, { true, "child_protection" } } }
