-- hostile manifest: files with a named entry
-- expect: load files_keyed/ruleset.lua:3: ruleset: files must be a list: it has the key "main"
ruleset { id = "files_keyed", extends = "base", files = { "rules.lua", main = "more.lua" } }
