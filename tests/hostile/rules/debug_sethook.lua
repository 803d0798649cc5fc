-- hostile corpus: debug sethook
-- expect: load unknown name 'debug'
debug.sethook()
