-- hostile corpus: getmetatable string
-- expect: load unknown name 'getmetatable'
local mt = getmetatable("")
