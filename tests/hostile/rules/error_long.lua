-- hostile corpus: error long
-- expect: error xxxxxxxx...
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      error(string.rep("x", 100000))
    end
    return false
  end,
}
