-- hostile manifest: version is a boolean
-- expect: load version_boolean/ruleset.lua:3: ruleset: version must be a string, got true
ruleset { id = "version_boolean", extends = "base", files = { "rules.lua" }, version = true }
