-- hostile corpus: error table
-- expect: error error raised with a table value and no message
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      error({})
    end
    return false
  end,
}
