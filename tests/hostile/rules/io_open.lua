-- hostile corpus: io open
-- expect: load unknown name 'io'
local f = io.open("/etc/passwd")
