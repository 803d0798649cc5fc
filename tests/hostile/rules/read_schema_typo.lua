-- hostile corpus: read schema typo
-- expect: error 'scroe' is not a field of the case schema (did you mean 'score'?)
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      return c.scroe == 1
    end
    return false
  end,
}
