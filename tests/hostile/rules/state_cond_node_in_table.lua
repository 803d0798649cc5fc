-- hostile corpus: a condition node reached through a plain table
-- expect: error read-only
local conds = { high = is("score", 100) }
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then conds.high.v = 7 end
    return conds.high.v == 7
  end,
}
