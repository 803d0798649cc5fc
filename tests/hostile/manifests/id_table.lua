-- hostile manifest: id is a table
-- expect: load id_table/ruleset.lua:3: ruleset id
ruleset { id = {}, extends = "base", files = { "rules.lua" } }
