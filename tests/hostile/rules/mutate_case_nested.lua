-- hostile corpus: mutate case nested
-- expect: error rules cannot change the case (child.dob)
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      c.child.dob = "2000-01-01"
    end
    return false
  end,
}
