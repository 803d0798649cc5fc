-- hostile corpus: env nil
-- expect: load _ENV
_ENV = nil
local x = rule
