-- hostile corpus: a hole in a decision table row's actions
-- expect: load rules.lua:3: decision_table 'Hostile' row 1: actions must be a list of strings: entry 2 is missing
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r", inputs = { "hostile" }, rows = { { true, "child_protection", actions = { "a", nil, "c" } }, { false, "universal" } } }
