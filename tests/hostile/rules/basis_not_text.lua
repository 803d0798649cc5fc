-- hostile corpus: a basis that is not text
-- expect: load rules.lua:3: rule 'Table basis': basis must be "quoted", "national" or "judgement", got a list
rule "Table basis" { level = "early_help", cite = "c", basis = { "quoted" }, reason = "r", when = is("score", 1) }
