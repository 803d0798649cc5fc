-- hostile corpus: an override's cite is a number
-- expect: load rules.lua:3: override 'Score of 5 or more': cite must be a string, got 1
override "Score of 5 or more" { cite = 1 }
