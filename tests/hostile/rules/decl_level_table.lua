-- hostile corpus: a rule's level is a table
-- expect: load rules.lua:3: rule 'Hostile'
rule "Hostile" { level = {}, cite = "c", basis = "quoted", reason = "r", when = is("hostile", true) }
