-- hostile manifest: sources is a string
-- expect: load sources_string/ruleset.lua:3: ruleset: sources must be a list of strings, got "s"
ruleset { id = "sources_string", extends = "base", files = { "rules.lua" }, sources = "s" }
