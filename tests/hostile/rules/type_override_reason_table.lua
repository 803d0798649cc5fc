-- hostile corpus: an override of an inherited rule sets its reason to a table
-- expect: load rules.lua:3: override 'Score of 5 or more': reason must be a string, got an object
override "Score of 5 or more" { cite = "c", basis = "quoted", reason = {} }
