-- hostile corpus: library write
-- expect: load the table 'string' is read-only
string.upper = function() return "" end
