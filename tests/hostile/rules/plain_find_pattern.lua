-- hostile corpus: plain find pattern
-- expect: ok
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      return string.find(string.rep("a", 30), "(a*)*b") ~= nil
    end
    return false
  end,
}
