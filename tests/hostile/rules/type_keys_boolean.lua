-- hostile corpus: keys that are booleans and tables, which cannot be sorted
-- expect: load rules.lua:3: rule 'Hostile': entries must be written key = value
rule "Hostile" { level = "early_help", cite = "c", basis = "quoted", reason = "r", when = is("hostile", true), [true] = 1, [false] = 2, [{}] = 3, [{}] = 4 }
