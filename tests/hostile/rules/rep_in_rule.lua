-- hostile corpus: rep in rule
-- expect: error string.rep: result over
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      return #string.rep("ab", 1e8) > 0
    end
    return false
  end,
}
