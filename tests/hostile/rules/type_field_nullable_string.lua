-- hostile corpus: a field's nullable is a string
-- expect: load rules.lua:3: field 'hostile_n': nullable must be true or false, got "yes"
field "hostile_n" { type = "integer", nullable = "yes" }
