-- hostile corpus: a fact function counts cases through a helper in a table
-- expect: ok
local h
do
  local n = 0
  h = { tick = function(yes) if yes then n = n + 1 end return n end }
end
fact "hostile_count" { value = function(c) return h.tick(c.hostile) end }
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile", when = at_least("hostile_count", 1) }
