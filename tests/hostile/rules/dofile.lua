-- hostile corpus: dofile
-- expect: load unknown name 'dofile'
dofile("/etc/passwd")
