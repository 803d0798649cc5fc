-- hostile manifest: a hole in files: the files after it would never be loaded
-- expect: load files_hole/ruleset.lua:3: ruleset: files must be a list: entry 2 is missing
ruleset { id = "files_hole", extends = "base", files = { "rules.lua", nil, "more.lua" } }
