-- hostile corpus: %p formats a memory address
-- expect: error %p
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    if c.hostile then return string.format("%p", c) == "" end
    return false
  end,
}
