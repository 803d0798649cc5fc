-- hostile corpus: a fact function caches a case's value in a table
-- expect: error read-only
local cache = {}
fact "hostile_score" { value = function(c)
  if c.hostile then cache.score = c.score end
  return cache.score or 0
end }
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile", when = at_least("hostile_score", 1) }
