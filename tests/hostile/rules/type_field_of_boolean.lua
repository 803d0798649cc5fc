-- hostile corpus: a field's of is a boolean
-- expect: load rules.lua:3: field 'hostile_l': of must be a string, got true
field "hostile_l" { type = "array", of = true }
