-- A rule set with one defect of each kind `threshold check` finds. Every
-- line that must produce a finding ends in a comment naming its kinds
-- tests/check/run.sh asserts the finding at that file and line, and no
-- other. It is not a real area's rules: no case is argued from it.
ruleset {
  id = "planted", version = "test", title = "Planted defects for threshold check",
  extends = "core",
  files = { "levels.lua", "rules.lua" },
}
