-- silent lower: a decide below a finding is never a clean result; it is
-- incomplete, whatever mode the caller reads it in
-- expect: visible "status":"incomplete"
ruleset { id = "decide_below_incomplete", extends = "base", files = { "rules.lua" }, decide = function(d) return "universal" end }
