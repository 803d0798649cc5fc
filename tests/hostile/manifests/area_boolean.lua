-- hostile manifest: area is a boolean
-- expect: load area_boolean/ruleset.lua:3: ruleset: area must be a string, got false
ruleset { id = "area_boolean", extends = "base", files = { "rules.lua" }, area = false }
