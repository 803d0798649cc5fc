-- A data condition on a field the schema does not have: the set does not
-- load, and `threshold check` exits 2 naming the file and line.
ruleset { id = "broken", version = "test", title = "A set that does not load", extends = "core",
          files = { "rules.lua" } }
