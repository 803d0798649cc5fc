-- hostile corpus: env replace
-- expect: ok
local is_ = is
_ENV = { }
x = 1
