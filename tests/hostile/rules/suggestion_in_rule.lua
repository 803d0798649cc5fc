-- hostile corpus: suggestion in rule
-- expect: load suggestion_is can only be used in a flag
rule "Circular" { level = "child_protection", cite = "c", basis = "quoted", reason = "r", when = suggestion_is("early_help") }
