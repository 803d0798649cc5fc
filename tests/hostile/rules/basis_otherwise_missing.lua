-- hostile corpus: an otherwise row that suggests a level says its basis too
-- expect: load rules.lua:3: decision_table 'Fallback' row 2 has no basis
decision_table "Fallback" { cite = "c", reason = "r", inputs = { "score" },
  rows = { { ">= 10", "child_protection", basis = "quoted" }, { "otherwise", "early_help" } } }
