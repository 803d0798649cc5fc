-- hostile corpus: a rule's tags has a number among the strings
-- expect: load rules.lua:3: rule 'Hostile': tags entry 2 must be a string, got 3
rule "Hostile" { level = "early_help", cite = "c", basis = "quoted", reason = "r", when = is("hostile", true), tags = { "a", 3 } }
