-- hostile manifest: decide is a string
-- expect: load decide_string/ruleset.lua:3: ruleset: decide must be a function
ruleset { id = "decide_string", extends = "base", decide = "highest", files = { "rules.lua" } }
