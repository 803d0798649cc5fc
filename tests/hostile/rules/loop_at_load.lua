-- hostile corpus: loop at load
-- expect: load time limit
while true do end
