-- hostile corpus: a hole in a rule's actions: the entries after it would be lost
-- expect: load rules.lua:3: rule 'Hostile': actions must be a list of strings: entry 2 is missing
rule "Hostile" { level = "early_help", cite = "c", basis = "quoted", reason = "r", when = is("hostile", true), actions = { "a", nil, "c" } }
