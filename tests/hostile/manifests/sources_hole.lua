-- hostile manifest: a hole in sources
-- expect: load sources_hole/ruleset.lua:3: ruleset: sources must be a list of strings: entry 2 is missing
ruleset { id = "sources_hole", extends = "base", files = { "rules.lua" }, sources = { "a", nil, "c" } }
