-- hostile corpus: a fact's unit is a boolean
-- expect: load rules.lua:3: fact 'hostile_fact': unit must be a string, got false
fact "hostile_fact" { value = function(c) return 1 end, unit = false }
