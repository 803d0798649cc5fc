-- silent lower: the set's decide returns a level below a finding
-- expect: visible below the highest applicable level
ruleset { id = "decide_below", extends = "base", files = { "rules.lua" }, decide = function(d) return "universal" end }
