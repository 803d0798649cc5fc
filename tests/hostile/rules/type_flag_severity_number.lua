-- hostile corpus: a flag's severity is a number
-- expect: load rules.lua:3: flag 'Hostile': severity must be a string, got 3
flag "Hostile" { cite = "c", basis = "quoted", reason = "r", when = is("hostile", true), severity = 3 }
