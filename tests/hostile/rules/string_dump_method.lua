-- hostile corpus: string dump method
-- expect: ok
local b = ("x").dump
