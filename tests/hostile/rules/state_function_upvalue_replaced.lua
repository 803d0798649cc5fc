-- hostile corpus: a rule replaces a function it shares with later cases
-- expect: ok
local pick = function() return false end
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then pick = function() return true end end
    return pick()
  end,
}
