-- hostile corpus: loop at load
-- expect: load the instruction limit
while true do end
