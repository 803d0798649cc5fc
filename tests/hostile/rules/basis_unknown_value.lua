-- hostile corpus: a basis that is not one of the three
-- expect: load rules.lua:3: rule 'Typo basis': basis must be "quoted", "national" or "judgement", got "quote" (did you mean 'quoted'?)
rule "Typo basis" { level = "early_help", cite = "c", basis = "quote", reason = "r", when = is("score", 1) }
