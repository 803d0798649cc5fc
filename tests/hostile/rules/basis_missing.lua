-- hostile corpus: a rule that does not say its basis is refused, with its file and line
-- expect: load rules.lua:3: rule 'No basis' has no basis: write basis = "quoted"
rule "No basis" { level = "early_help", cite = "c", reason = "r", when = is("score", 1) }
