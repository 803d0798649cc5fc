-- hostile corpus: loop in pcall
-- expect: limit time limit
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      while true do pcall(function() while true do end end) end
    end
    return false
  end,
}
