-- hostile corpus: a rule's cite is a table
-- expect: load rules.lua:3: rule 'Hostile': cite must be a string, got an object
rule "Hostile" { level = "early_help", cite = {}, reason = "r", when = is("hostile", true) }
