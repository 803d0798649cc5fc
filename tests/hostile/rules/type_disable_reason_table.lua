-- hostile corpus: a disable's reason is a table
-- expect: load rules.lua:3: disable 'Score of 5 or more': reason must be a string, got an object
disable "Score of 5 or more" { cite = "c", reason = {} }
