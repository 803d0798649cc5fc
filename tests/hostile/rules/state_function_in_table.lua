-- hostile corpus: a function reached through a table, whose own upvalue
-- counts cases (the rule function never names the counter)
-- expect: ok
local helpers
do
  local count = 0
  helpers = { bump = function(yes) if yes then count = count + 1 end return count end }
end
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile", when = function(c) return helpers.bump(c.hostile) > 0 end }
