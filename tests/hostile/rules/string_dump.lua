-- hostile corpus: string dump
-- expect: load attempt to call a nil value (field 'dump')
local b = string.dump(tostring)
