-- hostile manifest: title is a table
-- expect: load title_table/ruleset.lua:3: ruleset: title must be a string, got a list
ruleset { id = "title_table", extends = "base", files = { "rules.lua" }, title = { "t" } }
