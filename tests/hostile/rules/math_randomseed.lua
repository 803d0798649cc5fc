-- hostile corpus: math randomseed
-- expect: load attempt to call a nil value (field 'randomseed')
math.randomseed(1)
