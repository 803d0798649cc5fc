-- hostile corpus: loadfile
-- expect: load unknown name 'loadfile'
local f = loadfile("/etc/passwd")
