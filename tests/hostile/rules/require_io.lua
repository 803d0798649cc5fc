-- hostile corpus: require io
-- expect: load unknown name 'require'
local io = require("io")
