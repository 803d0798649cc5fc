-- hostile corpus: a flag that does not say its basis is refused
-- expect: load rules.lua:3: flag 'Flag without basis' has no basis
flag "Flag without basis" { cite = "c", reason = "r", when = is("score", 1) }
