-- hostile corpus: string gsub method
-- expect: load attempt to call a nil value (method 'gsub')
local s = ("x"):gsub("x", "y")
