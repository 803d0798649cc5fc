-- hostile corpus: math random
-- expect: load attempt to call a nil value (field 'random')
local r = math.random()
