-- hostile corpus: a check's path is a number
-- expect: load rules.lua:3: check 'Hostile': path must be a string, got 1
check "Hostile" { when = is("hostile", true), path = 1, message = "m" }
