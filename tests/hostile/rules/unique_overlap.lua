-- hostile corpus: unique overlap
-- expect: error hit policy 'unique' but rows 1, 2 all match
decision_table "Overlap" { cite = "c", basis = "quoted", reason = "r", inputs = { "hostile" },
  rows = { { true, "early_help" }, { true, "child_in_need" }, { "otherwise", "-" } } }
