-- hostile corpus: global typo
-- expect: load unknown name 'iss' (did you mean 'is'?)
rule "Typo" { level = "early_help", cite = "c", basis = "quoted", reason = "r", when = iss("score", 1) }
