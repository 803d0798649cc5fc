-- hostile manifest: doc is a number
-- expect: load doc_number/ruleset.lua:3: ruleset: doc must be a string, got 1
ruleset { id = "doc_number", extends = "base", files = { "rules.lua" }, doc = 1 }
