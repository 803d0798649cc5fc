-- hostile corpus: load bytecode
-- expect: load unknown name 'load'
local f = load("\27Lua\84\0", "x", "b")
