-- hostile corpus: a rule's doc is a table
-- expect: load rules.lua:3: rule 'Hostile': doc must be a string, got a list
rule "Hostile" { level = "early_help", cite = "c", basis = "quoted", reason = "r", when = is("hostile", true), doc = { "a" } }
