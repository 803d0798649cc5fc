-- hostile corpus: a fact whose value is a wide self-referential table, read by explain and results
-- expect: ok
local t = {}; for i = 1, 50 do t[i] = t end
fact "bomb" { value = function(c) return t end }
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c) return false end,
}
