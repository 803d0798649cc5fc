-- hostile corpus: a field's min is a string
-- expect: load rules.lua:3: field 'hostile_n': min must be a number, got "0"
field "hostile_n" { type = "integer", min = "0" }
