-- hostile corpus: package loadlib
-- expect: load unknown name 'package'
local f = package.loadlib("libc.so.6", "system")
