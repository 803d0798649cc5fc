-- hostile corpus: a hole in a field's values
-- expect: load rules.lua:3: field 'hostile_e': values must be a list of strings: entry 2 is missing
field "hostile_e" { type = "enum", values = { "a", nil, "c" } }
