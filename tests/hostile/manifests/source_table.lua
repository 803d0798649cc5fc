-- hostile manifest: source is a table
-- expect: load source_table/ruleset.lua:3: ruleset: source must be a string, got an object
ruleset { id = "source_table", extends = "base", files = { "rules.lua" }, source = {} }
