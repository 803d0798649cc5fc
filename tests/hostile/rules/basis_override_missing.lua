-- hostile corpus: an override gives its own cite, so it says its own basis
-- expect: load rules.lua:3: override 'Score of 5 or more' has no basis
override "Score of 5 or more" { cite = "another document", level = "child_in_need" }
