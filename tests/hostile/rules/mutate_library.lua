-- hostile corpus: mutate library
-- expect: error the table 'string' is read-only
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      string.len = nil
    end
    return false
  end,
}
