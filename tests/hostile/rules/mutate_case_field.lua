-- hostile corpus: mutate case field
-- expect: error rules cannot change the case (score)
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      c.score = 99
    end
    return false
  end,
}
