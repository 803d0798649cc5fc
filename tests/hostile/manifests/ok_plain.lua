-- a plain manifest: loads
-- expect: ok
ruleset { id = "ok_plain", extends = "base", version = "1", title = "t", doc = "d", files = { "rules.lua" } }
