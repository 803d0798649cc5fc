-- hostile corpus: a count's where function calls a helper that counts
-- expect: ok
local h
do
  local n = 0
  h = { seen = function() n = n + 1 return n end }
end
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c) if c.hostile then h.seen() end return false end }
rule "Counted" { level = "child_in_need", cite = "c", basis = "quoted", reason = "r",
  when = at_least(count("items", function(e) return h.seen() > 1 end), 1) }
