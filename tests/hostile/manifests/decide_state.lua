-- hostile manifest: decide keeps a count in an upvalue table
-- expect: visible read-only
local seen = { n = 0 }
ruleset { id = "decide_state", extends = "base", files = { "rules.lua" }, decide = function(d) seen.n = seen.n + 1; return d.highest end }
