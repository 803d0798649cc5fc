-- hostile corpus: os getenv
-- expect: load unknown name 'os'
local h = os.getenv("HOME")
