-- hostile corpus: a row's judgement without why
-- expect: load rules.lua:3: decision_table 'Rows' row 1: basis = "judgement" needs why
decision_table "Rows" { cite = "c", reason = "r", inputs = { "score" },
  rows = { { 1, "early_help", basis = "judgement" } } }
