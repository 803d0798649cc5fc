-- hostile corpus: the parts list of an all { ... } held in a local, grown
-- by a rule function
-- expect: error read-only
local both = all { is("hostile", true), at_least("score", 100) }
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then both.parts[2] = nil end
    return #both.parts == 1
  end,
}
rule "Both" { level = "child_in_need", cite = "c", basis = "quoted", reason = "r", when = both }
