-- hostile corpus: a rule's actions is a condition node
-- expect: load rules.lua:3: rule 'Hostile': actions must be a list of strings: got a condition
rule "Hostile" { level = "early_help", cite = "c", basis = "quoted", reason = "r", when = is("hostile", true), actions = is("score", 1) }
