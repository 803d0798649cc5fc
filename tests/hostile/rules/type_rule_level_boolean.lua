-- hostile corpus: a rule's level is a boolean
-- expect: load rules.lua:3: rule 'Hostile': level must be a string, got true
rule "Hostile" { level = true, cite = "c", basis = "quoted", reason = "r", when = is("hostile", true) }
