-- hostile corpus: load text
-- expect: load unknown name 'load'
local f = load("return 1")
