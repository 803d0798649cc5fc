-- hostile corpus: mutate case new key
-- expect: error rules cannot change the case (extra)
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      c.extra = true
    end
    return false
  end,
}
