-- hostile corpus: a fact's type is a table
-- expect: load rules.lua:3: fact 'hostile_fact': type must be a string, got an object
fact "hostile_fact" { value = function(c) return 1 end, type = {} }
