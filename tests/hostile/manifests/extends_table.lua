-- hostile manifest: extends is a table
-- expect: load extends_table/ruleset.lua:3: ruleset: extends must be a string, got a list
ruleset { id = "extends_table", extends = { "base" }, files = { "rules.lua" } }
