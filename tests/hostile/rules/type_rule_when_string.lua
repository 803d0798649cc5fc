-- hostile corpus: a rule's when is a string
-- expect: load rules.lua:3: rule 'Hostile': when must be a condition or a function(c), got "hostile"
rule "Hostile" { level = "early_help", cite = "c", basis = "quoted", reason = "r", when = "hostile" }
