-- hostile corpus: error nil
-- expect: error error raised with no message (nil)
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      error(nil)
    end
    return false
  end,
}
