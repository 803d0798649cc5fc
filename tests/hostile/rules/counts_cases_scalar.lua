-- hostile corpus: counts cases scalar
-- expect: ok
local n = 0
rule "Tally" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c) n = n + 1 return n > 1 end }
