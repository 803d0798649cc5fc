-- hostile corpus: a field's type is a table
-- expect: load rules.lua:3: field 'hostile_e': type must be a string, got a list
field "hostile_e" { type = { "enum" }, values = { "a" } }
