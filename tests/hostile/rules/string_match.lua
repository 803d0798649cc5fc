-- hostile corpus: string match
-- expect: load attempt to call a nil value (field 'match')
local s = string.match("x", ".")
