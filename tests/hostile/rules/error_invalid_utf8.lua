-- hostile corpus: error invalid utf8
-- expect: error �� bad bytes
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      error(string.char(255, 254) .. " bad bytes")
    end
    return false
  end,
}
