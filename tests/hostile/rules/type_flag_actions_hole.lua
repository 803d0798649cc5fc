-- hostile corpus: a hole in a flag's actions
-- expect: load rules.lua:3: flag 'Hostile': actions must be a list of strings: entry 1 is missing
flag "Hostile" { cite = "c", basis = "quoted", reason = "r", when = is("hostile", true), actions = { nil, "b" } }
