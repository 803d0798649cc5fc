-- hostile corpus: collectgarbage
-- expect: load unknown name 'collectgarbage'
collectgarbage("stop")
