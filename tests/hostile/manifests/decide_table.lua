-- hostile manifest: decide is a table
-- expect: load decide_table/ruleset.lua:3: ruleset: decide must be a function, got an object
ruleset { id = "decide_table", extends = "base", files = { "rules.lua" }, decide = {} }
