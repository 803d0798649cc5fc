-- hostile corpus: string metatable index
-- expect: ok
local s = ("").__index
