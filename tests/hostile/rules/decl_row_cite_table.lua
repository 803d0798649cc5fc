-- hostile corpus: a decision table row's cite is a table
-- expect: load rules.lua:3: decision_table 'Hostile'
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r", inputs = { "hostile" },
  rows = { { true, level = "child_protection", cite = { {} } }, { false, level = "universal" } } }
