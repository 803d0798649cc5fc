-- hostile corpus: a condition node held in a local, changed by a rule
-- function and read back by the next case
-- expect: error read-only
local node = at_least("score", 100)
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then node.n = 1 end
    return node.n == 1
  end,
}
rule "Also uses the node" { level = "child_in_need", cite = "c", basis = "quoted", reason = "r", when = node }
