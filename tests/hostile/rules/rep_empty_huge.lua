-- hostile corpus: rep empty huge
-- expect: load string.rep: result over
local s = string.rep("", 3e9)
