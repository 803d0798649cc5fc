-- hostile corpus: setmetatable gc
-- expect: load unknown name 'setmetatable'
local t = setmetatable({}, { __gc = function() while true do end end })
