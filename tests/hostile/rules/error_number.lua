-- hostile corpus: error number
-- expect: error 42
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      error(42)
    end
    return false
  end,
}
