-- hostile corpus: unknown key
-- expect: load unknown key 'levle' (did you mean 'level'?)
rule "Typo key" { levle = "early_help", cite = "c", basis = "quoted", reason = "r", when = is("score", 1) }
