-- hostile corpus: a check's message is a table
-- expect: load rules.lua:3: check 'Hostile': message must be a string, got an object
check "Hostile" { when = is("hostile", true), path = "hostile", message = {} }
