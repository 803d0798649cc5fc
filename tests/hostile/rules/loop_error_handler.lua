-- hostile corpus: loop error handler
-- expect: limit time limit
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      while true do pcall(error, {}) end
    end
    return false
  end,
}
