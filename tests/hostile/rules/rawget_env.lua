-- hostile corpus: rawget env
-- expect: load unknown name 'rawget'
local x = rawget(_ENV, "rule")
