-- hostile corpus: a decision table row's reason is a wide self-referential table
-- expect: load rules.lua:4: decision_table 'Hostile'
local t = {}; for i = 1, 50 do t[i] = t end
decision_table "Hostile" { cite = "c", basis = "quoted", reason = "r", inputs = { "hostile" },
  rows = { { true, level = "child_protection", reason = t }, { false, level = "universal" } } }
