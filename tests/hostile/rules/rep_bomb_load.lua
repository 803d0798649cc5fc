-- hostile corpus: rep bomb load
-- expect: load string.rep: result over
local s = string.rep("x", 1e9)
