-- hostile corpus: concat growth
-- expect: limit memory limit
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      local s = "x"
      while true do s = s .. s end
    end
    return false
  end,
}
