-- hostile corpus: a rule's actions is a string, not a list
-- expect: load rules.lua:3: rule 'Hostile': actions must be a list of strings, got "act"
rule "Hostile" { level = "early_help", cite = "c", basis = "quoted", reason = "r", when = is("hostile", true), actions = "act" }
