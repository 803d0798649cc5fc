-- hostile manifest: version is a table
-- expect: load version_table/ruleset.lua:3: ruleset: version must be a string, got an object
ruleset { id = "version_table", extends = "base", files = { "rules.lua" }, version = {} }
