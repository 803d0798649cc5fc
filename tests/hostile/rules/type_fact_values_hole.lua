-- hostile corpus: a hole in a fact's values
-- expect: load rules.lua:3: fact 'hostile_fact': values must be a list of strings: entry 2 is missing
fact "hostile_fact" { value = function(c) return "a" end, type = "enum", values = { "a", nil, "b" } }
