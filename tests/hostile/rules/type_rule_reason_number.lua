-- hostile corpus: a rule's reason is a number
-- expect: load rules.lua:3: rule 'Hostile': reason must be a string, got 7
rule "Hostile" { level = "early_help", cite = "c", basis = "quoted", reason = 7, when = is("hostile", true) }
