-- hostile corpus: a rule's actions with a named entry
-- expect: load rules.lua:3: rule 'Hostile': actions must be a list of strings: it has the key "first"
rule "Hostile" { level = "early_help", cite = "c", basis = "quoted", reason = "r", when = is("hostile", true), actions = { first = "a" } }
